import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { runCli } from "../support/cli-process.js";

const pacelab = (...args: string[]) => runCli(args);

describe.concurrent("pacelab compare", () => {
  it("prints one row per pacing and JSON with one result document each", async ({ expect }) => {
    const args = [
      "compare",
      "scenarios/default.yaml",
      "-p",
      "progressive,guarded:binomial",
      "-r",
      "2",
    ];
    const [table, json] = await Promise.all([pacelab(...args), pacelab(...args, "--json")]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^progressive\s+0\.00/m);
    expect(table.stdout).toMatch(/^guarded:binomial\s/m);
    const docs = JSON.parse(json.stdout);
    expect(docs.map((d: { pacing: { algorithm: string } }) => d.pacing.algorithm)).toEqual([
      "progressive",
      "guarded",
    ]);
    expect(docs[1].acrossReplications.seeds).toEqual([1, 2]);
  });

  it("writes one result per pacing and, with --report, the side-by-side charts", async ({
    expect,
  }) => {
    const out = mkdtempSync(join(tmpdir(), "pacelab-compare-"));
    const r = await pacelab(
      "compare",
      "scenarios/default.yaml",
      "-p",
      "progressive,binomial",
      "-r",
      "2",
      "--out",
      out,
      "--report",
    );
    expect(r.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(
      expect.arrayContaining([
        "01-progressive.json",
        "02-binomial.json",
        "report.html",
        "frontier.svg",
        "silent-by-result.png",
      ]),
    );
    expect(
      (await pacelab("compare", "scenarios/default.yaml", "-p", "progressive", "--report")).code,
    ).toBe(2);
  });

  it("shows each pacing as written, settings included, in the table, JSON and report", async ({
    expect,
  }) => {
    const out = mkdtempSync(join(tmpdir(), "pacelab-compare-"));
    const specs = ["vicidial-ratio:level=1.5", "vicidial-ratio:level=3"];
    const args = ["compare", "scenarios/small-team.yaml", "-p", specs.join(",")];
    const table = await pacelab(...args, "--out", out, "--report");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^vicidial-ratio:level=1\.5\s+\d/m);
    expect(table.stdout).toMatch(/^vicidial-ratio:level=3\s+\d/m);
    const docs = JSON.parse((await pacelab(...args, "--json")).stdout);
    expect(docs.map((d: { pacingSpec: string }) => d.pacingSpec)).toEqual(specs);
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining([
        "01-vicidial-ratio-level-1.5.json",
        "02-vicidial-ratio-level-3.json",
      ]),
    );
    const page = readFileSync(join(out, "report.html"), "utf8");
    for (const spec of specs) expect(page).toContain(`small-team · ${spec}`);
  });

  it("rejects a bad pacing with exit code 2 and names it", async ({ expect }) => {
    const r = await pacelab(
      "compare",
      "scenarios/default.yaml",
      "-p",
      "progressive,vicidial-ratio:level=x",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("vicidial-ratio:level=x");
  });
});
