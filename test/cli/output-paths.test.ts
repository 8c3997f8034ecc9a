/**
 * Every command that writes files, through the compiled CLI, given an output it cannot use: an
 * existing file where a folder goes, a folder where a file goes, a path under a file, and
 * /proc/x (where Node's recursive mkdir used to retry for ever). Each must stop at once with
 * exit 2 naming the option, the path and the reason, without a stack trace, and leave nothing
 * behind: no temporary file, no evidence recorded.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, type ExpectStatic, expect, it } from "vitest";
import { type CliResult, runCli } from "../support/cli-process.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-output-paths-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = join(dir, "run");
const store = join(dir, "evidence.sqlite");
const aFile = join(dir, "a-file");
const aFolder = join(dir, "a-folder");

/** A hang (the old /proc loop) is killed and shows as a null code. */
function pacelab(args: readonly string[]): Promise<CliResult> {
  return runCli(args, { timeoutMs: 30_000 });
}

beforeAll(async () => {
  const r = await pacelab([
    "simulate",
    "scenarios/small-team.yaml",
    "--out",
    run,
    "--calls",
    "--evidence",
    store,
  ]);
  expect(r.code).toBe(0);
  writeFileSync(aFile, "not a folder\n");
  mkdirSync(aFolder);
});

/** A command given `path` as the output named by `option`; `kind` is what the option takes. */
interface Case {
  readonly command: string;
  readonly option: string;
  readonly kind: "folder" | "file";
  readonly args: (path: string) => string[];
}

const scenario = "scenarios/small-team.yaml";
const CASES: readonly Case[] = [
  {
    command: "simulate",
    option: "--out",
    kind: "folder",
    args: (p) => ["simulate", scenario, "--out", p, "--evidence", join(dir, "never.sqlite")],
  },
  {
    command: "simulate",
    option: "--report",
    kind: "folder",
    args: (p) => ["simulate", scenario, "--report", p, "--evidence", join(dir, "never.sqlite")],
  },
  {
    command: "simulate",
    option: "--evidence",
    kind: "file",
    args: (p) => ["simulate", scenario, "--evidence", p],
  },
  {
    command: "compare",
    option: "--out",
    kind: "folder",
    args: (p) => ["compare", scenario, "-p", "progressive", "-r", "1", "--out", p],
  },
  {
    command: "sweep",
    option: "--out",
    kind: "folder",
    args: (p) => ["sweep", scenario, "--set", "agents.count=5,6", "-r", "1", "--out", p],
  },
  {
    command: "merge",
    option: "--out",
    kind: "folder",
    args: (p) => ["merge", join(dir, "no-shard.json"), "--out", p],
  },
  {
    command: "tune",
    option: "--out",
    kind: "folder",
    args: (p) => [
      "tune",
      scenario,
      "-p",
      "vicidial-ratio",
      "--range",
      "1:1:1",
      "--batch",
      "2",
      "--max-replications",
      "2",
      "--out",
      p,
    ],
  },
  {
    command: "study",
    option: "--out",
    kind: "folder",
    args: (p) => [
      "study",
      "small-teams",
      "--sizes",
      "5",
      "--pacings",
      "progressive",
      "--batch",
      "2",
      "--max-replications",
      "2",
      "--out",
      p,
    ],
  },
  {
    command: "report",
    option: "--out",
    kind: "folder",
    args: (p) => ["report", join(run, "result.json"), "--out", p],
  },
  {
    command: "live",
    option: "--out",
    kind: "folder",
    args: (p) => [
      "live",
      scenario,
      "--target",
      "127.0.0.1:9",
      "--max-attempts",
      "1",
      "--lockouts",
      join(dir, "never-lockouts.sqlite"),
      "--evidence",
      join(dir, "never.sqlite"),
      "--out",
      p,
    ],
  },
  {
    command: "evidence export",
    option: "--out",
    kind: "folder",
    args: (p) => ["evidence", "export", "small-team", "--store", store, "--out", p],
  },
  {
    command: "fit",
    option: "--out",
    kind: "file",
    args: (p) => ["fit", join(run, "calls.csv"), "--out", p],
  },
  {
    command: "audit",
    option: "--violations",
    kind: "file",
    args: (p) => ["audit", join(run, "calls.csv"), "--violations", p],
  },
  {
    command: "endpoint",
    option: "--calls-csv",
    kind: "file",
    args: (p) => ["endpoint", "--listen", "127.0.0.1:0", "--max-calls", "1", "--calls-csv", p],
  },
  {
    command: "endpoint",
    option: "--trace-stat",
    kind: "file",
    args: (p) => ["endpoint", "--listen", "127.0.0.1:0", "--max-calls", "1", "--trace-stat", p],
  },
];

/** Files whose name marks them temporary, anywhere under the test's folder. */
function temporaryFiles(): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tmp"));
}

/** `expect` is the test's own: the cases of one command run at once. */
function expectRefused(
  expect: ExpectStatic,
  r: CliResult,
  option: string,
  path: string,
  why: RegExp,
): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${option}: expected a`);
  expect(r.stderr).toContain(JSON.stringify(path));
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe("");
  expect(temporaryFiles()).toEqual([]);
  expect(existsSync(join(dir, "never.sqlite"))).toBe(false);
  expect(existsSync(join(dir, "never-lockouts.sqlite"))).toBe(false);
}

// Every case runs at once with the others, each its own CLI process: they write nothing.
describe.concurrent.each(CASES)("$command $option", ({ option, kind, args }) => {
  it.concurrent(`refuses ${kind === "folder" ? "an existing file" : "an existing folder"}`, async ({
    expect,
  }) => {
    const path = kind === "folder" ? aFile : `${aFolder}`;
    expectRefused(
      expect,
      await pacelab(args(path)),
      option,
      path,
      kind === "folder" ? /a file, not a folder/ : /a folder, not a file/,
    );
  });

  it.concurrent("refuses a path under a file, and leaves no folder behind", async ({ expect }) => {
    const path = join(aFile, "sub", kind === "folder" ? "out" : "out.csv");
    expectRefused(expect, await pacelab(args(path)), option, path, /a file is in the way/);
  });

  it.runIf(existsSync("/proc/self"))(
    "refuses /proc/x at once",
    { concurrent: true },
    async ({ expect }) => {
      const path = kind === "folder" ? "/proc/x" : "/proc/x/out.csv";
      expectRefused(
        expect,
        await pacelab(args(path)),
        option,
        path,
        /folders cannot be made there/,
      );
    },
  );
});

describe("an output folder that does not exist yet", () => {
  it("is made, and a run refused for another reason leaves it unmade", async () => {
    const out = join(dir, "new", "deeper");
    const r = await pacelab(["tune", scenario, "-p", "no-such-pacing", "--out", out]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "new"))).toBe(false);
  });
});

describe("fit --out naming a folder", () => {
  it("is refused with a trailing slash, before anything is written", async () => {
    const path = `${join(dir, "missing", "dir")}/`;
    expectRefused(
      expect,
      await pacelab(["fit", join(run, "calls.csv"), "--out", path]),
      "--out",
      path,
      /a folder, not a file/,
    );
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });
});

describe("simulate with outputs that cannot be written", () => {
  it("records no evidence", async () => {
    const own = join(dir, "own.sqlite");
    const r = await pacelab(["simulate", scenario, "--out", aFile, "--evidence", own]);
    expect(r.code).toBe(2);
    expect(existsSync(own)).toBe(false);
  });
});
