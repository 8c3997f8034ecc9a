import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../support/cli-process.js";

const pacelabTune = (...args: string[]) =>
  runCli(["tune", "scenarios/small-team.yaml", ...args], { timeoutMs: 50_000 });

describe.concurrent("pacelab tune, bad input", () => {
  it("names an unknown pacing as such, not as a missing key", async ({ expect }) => {
    const r = await pacelabTune("-p", "nosuch");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--pacing: nosuch: algorithm: expected one of progressive, /);
  });

  it("asks for --key where the algorithm has no default one", async ({ expect }) => {
    const r = await pacelabTune("-p", "progressive");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--key: progressive: expected a key to tune (progressive has no default one), got nothing",
    );
  });

  it("refuses a range that runs backwards or is not numbers, and an unknown objective", async ({
    expect,
  }) => {
    expect((await pacelabTune("-p", "vicidial-ratio", "--range", "3:1:1")).stderr).toContain(
      '--range: 3:1:1: expected from:to:step with step > 0 and to >= from, got "3:1:1"',
    );
    const objective = await pacelabTune("-p", "vicidial-ratio", "--objective", "speed");
    expect(objective.code).toBe(2);
    expect(objective.stderr).toMatch(/^--objective: expected one of .*, got "speed"/);
  });
});

describe.concurrent("pacelab tune, verdicts", () => {
  it("calls a search undecided (exit 3), warning first, when the budget cannot show 0.95", async ({
    expect,
  }) => {
    const tooFew = ["-p", "vicidial-ratio", "--batch", "10", "--max-replications", "30"];
    const r = await pacelabTune(...tooFew);
    expect(r.code).toBe(3);
    const [warning, ...progress] = r.stderr.trimEnd().split("\n");
    expect(warning).toBe(
      "pacelab: warning: --max-replications 30 (batches of 10) cannot show probability 0.95: that takes at least 73 replications, all within the ceiling; every value will be undecided or not feasible. Use --max-replications 73 or more.",
    );
    // Then each batch after which another follows, and each probed value's verdict, as told.
    expect(progress).toContain("  level=1 undecided (10 of 10 within the ceiling)");
    for (const line of progress) {
      expect(line).toMatch(
        /^ {2}level=[\d.]+(: \d+ of \d+ within the ceiling so far| (not feasible|undecided) \(\d+ of 10 within the ceiling\))$/,
      );
    }
    expect(r.stdout).toContain("undecided: no probed value of level was shown feasible");
    expect(r.stdout).toMatch(/level=1 .* of 10 {2}undecided$/m);
    expect(r.stdout).toMatch(/level=1\.1 .* of 10 {2}not feasible$/m);
    expect(r.stdout).not.toContain("keeps the campaign within the ceiling");
    const doc = JSON.parse((await pacelabTune(...tooFew, "--json")).stdout);
    expect(doc.answer).toBe("undecided");
    expect(doc.best).toBeNull();
    expect(doc.probes[0]).toMatchObject({ value: 1, verdict: "undecided" });
  });

  it("tells each batch and each probed value on stderr as it runs, and nothing with --json", async ({
    expect,
  }) => {
    // P >= 0.8 takes 20 of 20 within: three batches of five without a verdict, then the fourth.
    const args = ["-p", "vicidial-ratio", "--range", "1:1:0.05", "--confidence", "0.8"];
    const r = await pacelabTune(...args, "--batch", "5", "--max-replications", "20");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [5, 10, 15].map((n) => `  level=1: ${n} of ${n} within the ceiling so far\n`).join("") +
        "  level=1 feasible (20 of 20 within the ceiling)\n",
    );
    const json = await pacelabTune(...args, "--batch", "5", "--max-replications", "20", "--json");
    expect(json.stderr).toBe("");
  });

  it("says not feasible (exit 1) only when even the least aggressive value was shown so", async ({
    expect,
  }) => {
    const r = await pacelabTune("-p", "vicidial-ratio", "--range", "1.1:1.3:0.1", "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.answer).toBe("not feasible");
    expect(doc.probes.every((p: { verdict: string }) => p.verdict === "not feasible")).toBe(true);
  });

  it("picks the most aggressive of feasible values that tie on the objective", async ({
    expect,
  }) => {
    // On five agents, levels 1 and 1.05 both dial five lines: the same campaign.
    const r = await pacelabTune("-p", "vicidial-ratio", "--range", "1:1.05:0.05", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.probes.map((p: { verdict: string }) => p.verdict)).toEqual(["feasible", "feasible"]);
    expect(doc.probes[0].point.metrics.agentOccupancy.mean).toBe(
      doc.probes[1].point.metrics.agentOccupancy.mean,
    );
    expect(doc.answer).toBe("feasible");
    expect(doc.best.value).toBe(1.05);
  });
});

describe("pacelab tune --cache", () => {
  const work = mkdtempSync(join(tmpdir(), "pacelab-tune-cache-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const search = ["-p", "vicidial-ratio", "--range", "1:3:0.5", "--confidence", "0.5"];
  const budget = ["--batch", "5", "--max-replications", "10", "--seed", "3", "--json"];

  it("answers as without it, and run again repeats no replication", async ({ expect }) => {
    const cache = join(work, "replications.sqlite");
    const plain = await pacelabTune(...search, ...budget);
    const first = await pacelabTune(...search, ...budget, "--cache", cache);
    const kept = statSync(cache).mtimeMs;
    const again = await pacelabTune(...search, ...budget, "--cache", cache);
    expect([first.code, again.code]).toEqual([plain.code, plain.code]);
    expect(first.stdout).toBe(plain.stdout);
    expect(again.stdout).toBe(plain.stdout);
    // Nothing new to keep: the second search wrote no row (WAL aside, the file is unchanged).
    expect(statSync(cache).mtimeMs).toBe(kept);
    const db = new Database(cache, { readonly: true });
    const rows = db.prepare("SELECT count(*) AS n FROM replications").get() as { n: number };
    db.close();
    expect(rows.n).toBe(JSON.parse(plain.stdout).probes.length * 5);
  });

  it("names a file that is not a cache, and exits 2", async ({ expect }) => {
    const notes = join(work, "notes.txt");
    writeFileSync(notes, "not a database\n");
    const r = await pacelabTune(...search, ...budget, "--cache", notes);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${notes}: not a replication cache`));
  });
});

describe("pacelab tune, at the end of its range", () => {
  it("says the setting is the end of the searched range, not the most the pacing can do", async ({
    expect,
  }) => {
    const r = await pacelabTune(
      ...["-p", "guarded:binomial", "--range", "1:2:1", "--confidence", "0.5"],
      ...["--batch", "5", "--max-replications", "10", "--seed", "3"],
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^best: targetPercent=2: .*\nnote: targetPercent=2 is the end of the searched range: more aggressive values were not tried/m,
    );
  });
});
