import { describe, expect, it } from "vitest";
import { studyCommand } from "../../src/cli/study-command.js";
import { runCli } from "../support/cli-process.js";

describe("study small-teams", () => {
  it("says when an untuned pacing's P(within the ceiling) was not shown", async () => {
    let printed = "";
    const code = await studyCommand(
      {
        sizes: [5],
        pacings: ["progressive"],
        confidence: 0.95,
        seed: 1,
        batch: 2,
        maxReplications: 2,
        workers: 1,
        json: false,
      },
      (text) => {
        printed += text;
      },
    );
    expect(code).toBe(0);
    // 2 of 2 within the ceiling: a Wilson lower bound of 0.34, far from 0.95.
    expect(printed).toMatch(/^5 {7}\d+\.\d \(undecided\)$/m);
  });

  it("says why a tuned pacing has no setting: no value shown feasible, and the verdict", async () => {
    let printed = "";
    const args = { sizes: [5], pacings: ["vicidial-ratio"], confidence: 0.95, seed: 1 };
    const budget = { batch: 2, maxReplications: 2, workers: 1, json: false };
    expect(await studyCommand({ ...args, ...budget }, (text) => (printed += text))).toBe(0);
    // No value's 2 replications can show 0.95: each is undecided, so is the search.
    expect(printed).toMatch(/^5 {7}none \(undecided\)$/m);
  });
});

describe("study small-teams, given a wrong pacing", () => {
  it("names --pacings, the option the pacing came in, and runs nothing", async () => {
    const r = await runCli(["study", "small-teams", "--sizes", "5", "--pacings", "nosuch"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pacings: nosuch: algorithm: expected one of progressive");
    expect(r.stdout).toBe("");
  });
});

describe("study small-teams, as it runs", () => {
  it("tells each probed value of a tuned cell on stderr, then the cell", async () => {
    const r = await runCli([
      ...["study", "small-teams", "--sizes", "5", "--pacings", "vicidial-ratio"],
      ...["--batch", "5", "--max-replications", "5", "--confidence", "0.5", "--workers", "1"],
    ]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(
      lines
        .slice(0, -1)
        .every((l) =>
          /^ {4}5 agents, vicidial-ratio: level=[\d.]+ (feasible|not feasible|undecided) \(\d of 5 within the ceiling\)$/.test(
            l,
          ),
        ),
    ).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(
      /^ {2}5 agents, vicidial-ratio at level=[\d.]+: [\d.]+ % \(5 replications\)$/,
    );
  });

  it("tells each batch after which another follows, with its cell", async () => {
    // P >= 0.8 takes 20 of 20 within: three batches of five tell their counts, then the cell.
    const r = await runCli([
      ...["study", "small-teams", "--sizes", "5", "--pacings", "progressive", "--workers", "1"],
      ...["--batch", "5", "--max-replications", "20", "--confidence", "0.8"],
    ]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1)).toEqual(
      [5, 10, 15].map((n) => `    5 agents, progressive: ${n} of ${n} within the ceiling so far`),
    );
    expect(lines.at(-1)).toMatch(/^ {2}5 agents, progressive: [\d.]+ % \(20 replications\)$/);
  });
});
