import { describe, it } from "vitest";
import { runCli } from "../support/cli-process.js";

const pacelab = (...args: string[]) => runCli(args);

describe.concurrent("--check-invariants", () => {
  it("runs clean and changes no figure", async ({ expect }) => {
    const run = ["simulate", "scenarios/multi-day.yaml", "--json", "--no-evidence"];
    const [plain, checked] = await Promise.all([
      pacelab(...run),
      pacelab(...run, "--check-invariants"),
    ]);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
  });

  it("checks the replications that worker threads run", async ({ expect }) => {
    const r = await pacelab(
      "sweep",
      "scenarios/small-team.yaml",
      "--set",
      "agents.count=3,6",
      "-r",
      "2",
      "-w",
      "2",
      "--json",
      "--check-invariants",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).points).toHaveLength(2);
  });

  it("is offered by every command that runs campaigns", async ({ expect }) => {
    const commands = ["simulate", "compare", "sweep", "tune", "live"];
    const helps = await Promise.all(commands.map((command) => pacelab(command, "--help")));
    for (const help of helps) expect(help.stdout).toContain("--check-invariants");
  });
});
