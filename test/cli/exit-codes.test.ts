/**
 * The exit codes README.md's table promises, one row per command and outcome, through the
 * compiled CLI: a success where it is cheap, the command's own 1 where it has one, and bad
 * input (2). 70 needs a bug and 130 a Ctrl-C; those are pinned where they happen (sweep, report,
 * live tests).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-exit-codes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = "scenarios/small-team.yaml";
const run = join(dir, "run");
const store = join(dir, "evidence.sqlite");
const tampered = join(dir, "tampered.sqlite");
const compliant = join(dir, "compliant.csv");
const aFile = join(dir, "a-file");

beforeAll(async () => {
  for (const evidence of [store, tampered]) {
    const r = await runCli(["simulate", scenario, "--out", run, "--calls", "--evidence", evidence]);
    expect(r.code, r.stderr).toBe(0);
  }
  const db = new Database(tampered);
  db.exec("DROP TRIGGER evidence_no_delete");
  db.prepare("DELETE FROM evidence WHERE id = 2").run();
  db.close();
  writeFileSync(
    compliant,
    "campaign,call_id,number,attempt,start,answer,agent_connect,end,outcome,amd_verdict,result,agent_reserved,time_zone\n" +
      "c,0,+393104332181,1,2026-12-01T10:00:00.000,,,2026-12-01T10:00:25.000,no-answer,,no-answer,false,\n",
  );
  writeFileSync(aFile, "not a folder\n");
});

const tune = (range: string, ...more: string[]) => [
  "tune",
  scenario,
  "-p",
  "vicidial-ratio",
  "--range",
  range,
  "-w",
  "1",
  ...more,
];
const quick = ["--batch", "2", "--max-replications", "2"];

/** [what happens, the arguments, the exit code README.md gives for it]. */
type Row = readonly [string, () => string[], number];

/** Rows that change nothing another row reads: they run at once, each its own CLI process. */
const ROWS: readonly Row[] = [
  ["no command", () => [], 2],
  ["an unknown command", () => ["frobnicate"], 2],
  ["simulate: done", () => ["simulate", scenario, "--no-evidence"], 0],
  ["simulate: a missing scenario", () => ["simulate", "no/such.yaml", "--no-evidence"], 2],
  ["simulate: --out an existing file", () => ["simulate", scenario, "--out", aFile], 2],
  [
    "compare: done",
    () => ["compare", scenario, "-p", "progressive", "-r", "1", "--out", join(dir, "cmp")],
    0,
  ],
  ["compare: an unknown pacing", () => ["compare", scenario, "-p", "frobnicate"], 2],
  ["sweep: done", () => ["sweep", scenario, "--set", "agents.count=5", "-r", "1", "-w", "1"], 0],
  ["sweep: a bad --set", () => ["sweep", scenario, "--set", "agents.count"], 2],
  ["merge: a missing shard", () => ["merge", join(dir, "none.json")], 2],
  // 1 needs a setting shown infeasible (all replications over the ceiling), not undecided.
  ["tune: a feasible setting", () => tune("1:1:1", "--confidence", "0.5", "--batch", "4"), 0],
  ["tune: nothing feasible", () => tune("6:6:1", ...quick), 1],
  ["tune: undecided within --max-replications", () => tune("1:1:1", ...quick), 3],
  ["tune: an unknown objective", () => tune("1:1:1", "--objective", "speed"), 2],
  [
    "study: done",
    () => ["study", "small-teams", "--sizes", "5", "--pacings", "progressive", ...quick],
    0,
  ],
  ["study: bad --sizes", () => ["study", "small-teams", "--sizes", "five"], 2],
  ["report: a file that is not a result", () => ["report", compliant, "--out", dir], 2],
  ["audit: compliant", () => ["audit", compliant], 0],
  ["audit: violated", () => ["audit", join(run, "calls.csv")], 1],
  ["audit: an unknown --format", () => ["audit", compliant, "--format", "excel"], 2],
  ["fit: written", () => ["fit", join(run, "calls.csv"), "--out", join(dir, "fit.yaml")], 0],
  ["fit: missing records", () => ["fit", join(dir, "none.csv"), "--out", join(dir, "f.yaml")], 2],
  ["evidence verify: intact", () => ["evidence", "verify", "--store", store], 0],
  ["evidence verify: tampered", () => ["evidence", "verify", "--store", tampered], 1],
  ["evidence verify: no store", () => ["evidence", "verify", "--store", join(dir, "no")], 2],
  ["evidence list: done", () => ["evidence", "list", "--store", store], 0],
  [
    "evidence export: written",
    () => ["evidence", "export", "small-team", "--store", store, "--out", join(dir, "export")],
    0,
  ],
  [
    "evidence export: into an existing file",
    () => ["evidence", "export", "small-team", "--store", store, "--out", aFile],
    2,
  ],
  [
    "evidence export: an unknown campaign",
    () => ["evidence", "export", "nobody", "--store", store, "--out", join(dir, "x")],
    2,
  ],
  ["evidence purge: a bad --before", () => ["evidence", "purge", "--before", "soon"], 2],
  [
    "endpoint: stopped by --duration",
    () => ["endpoint", "--listen", "127.0.0.1:0", "--duration", "0.2"],
    0,
  ],
  ["endpoint: a bad --listen", () => ["endpoint", "--listen", "localhost"], 2],
  ["live: a bad --target", () => ["live", scenario, "--target", "nowhere"], 2],
];

/** Rows that change the stores the rows above read: after them, one at a time. */
const PURGES: readonly Row[] = [
  ["evidence purge: done", () => ["evidence", "purge", "--store", store], 0],
  ["evidence purge: tampered", () => ["evidence", "purge", "--store", tampered], 1],
];

describe("exit codes", () => {
  it.concurrent.for(ROWS)("%s", async ([, args, code], { expect }) => {
    const r = await runCli(args());
    expect(r.code, r.stderr).toBe(code);
    // Whatever the code, a failure is a message, never a stack trace.
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it.each(PURGES)("%s", async (_what, args, code) => {
    const r = await runCli(args());
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
