import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/src/cli/main.js");

function pacelab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("--check-invariants", () => {
  it("runs clean and changes no figure", () => {
    const plain = pacelab("simulate", "scenarios/multi-day.yaml", "--json", "--no-evidence");
    const checked = pacelab(
      "simulate",
      "scenarios/multi-day.yaml",
      "--json",
      "--no-evidence",
      "--check-invariants",
    );
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
  });

  it("checks the replications that worker threads run", () => {
    const r = pacelab(
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

  it("is offered by every command that runs campaigns", () => {
    for (const command of ["simulate", "compare", "sweep", "tune", "live"]) {
      expect(pacelab(command, "--help").stdout).toContain("--check-invariants");
    }
  });
});
