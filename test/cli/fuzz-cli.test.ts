/**
 * `simulate` and `audit` on mutated input never fail untidily: every run ends with exit 0 or 1,
 * or 2 with a message, never 70 (an internal error), a stack trace, or a run that does not end.
 * The inputs are seeded structured mutations (test/support/fuzz-inputs.ts) of small valid
 * scenarios and call-record files. They run in process, on worker threads mapping errors to
 * exit codes as src/cli/command-module.ts does (a worker can be stopped when a run hangs), and a few
 * dozen of them through the real CLI too, to check that the mapping is the CLI's.
 *
 * Longer runs: FUZZ_RUNS=5000 npx vitest run test/cli/fuzz-cli.test.ts (inputs of each kind;
 * default 300 scenarios and 200 call-record files); FUZZ_SEED=n for other inputs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createStreams, type Rng } from "../../src/sim/random.js";
import {
  amdHangup,
  connected,
  plus,
  silent,
  toCsv,
  unanswered,
} from "../compliance/call-records.js";
import { runCli } from "../support/cli-process.js";
import { int, mutateCallRecords, mutateScenario, pick } from "../support/fuzz-inputs.js";
import type { FuzzJob, FuzzOutcome } from "../support/fuzz-worker.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const SCENARIOS = RUNS || 300;
const CALL_FILES = RUNS || 200;
const SEED = Number(process.env.FUZZ_SEED ?? 15);
/** Real CLI runs of each kind. */
const PROCESS_RUNS = 10;
/** A run taking longer than this counts as a hang (the inputs are small: well under 1 s each). */
const HANG_MS = 20_000;
const WORKERS = 2;
const WORKER = new URL("../../dist/test/support/fuzz-worker.js", import.meta.url);

const dir = mkdtempSync(join(tmpdir(), "pacelab-fuzz-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TINY = `name: tiny
seed: 3
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents:
  count: 3
  shift: "09:00-10:30"
  breaks: [{ at: "10:00", minutes: 5 }]
  talk: { dist: lognormal, mean: 120, sd: 60 }
  wrapUp: { dist: exponential, mean: 15 }
leads: { count: 400 }
outcomes:
  person: { probability: 0.3, ring: { dist: lognormal, mean: 12, sd: 6 } }
  machine: { probability: 0.15, ring: { dist: gamma, shape: 4, scale: 3 } }
  busy: { probability: 0.08, ring: { dist: uniform, min: 2, max: 6 } }
  noAnswer: { probability: 0.37 }
  invalid: { probability: 0.1, ring: 2 }
dialer: { noAnswerTimeoutSeconds: 25, cutoffSeconds: 3, amd: { enabled: false } }
callee:
  patience: { dist: weibull, shape: 1.5, scale: 30 }
  machineMessage: { dist: normal, mean: 15, sd: 3 }
retries:
  busy: { delayMinutes: 30, maxAttempts: 3 }
  noAnswer: { delayMinutes: 20, maxAttempts: 3 }
pacing: { algorithm: guarded, inner: { algorithm: binomial } }
intervalMinutes: 15
`;

const TINY_AMD = `name: tiny-amd
seed: 5
calendar: { start: 2026-12-04, days: 2 }
rules: uk-ofcom-2016
agents:
  count: 4
  shift: "10:00-11:00"
  talk: { dist: empirical, values: [60, 90, 200] }
leads: { count: 300 }
outcomes:
  person: { probability: 0.25, ring: { dist: exponential, mean: 10 } }
  machine: { probability: 0.35, ring: { dist: lognormal, mean: 14, sd: 4 } }
  busy: { probability: 0.1 }
  noAnswer: { probability: 0.2 }
  invalid: { probability: 0.1 }
dialer:
  noAnswerTimeoutSeconds: 20
  cutoffSeconds: 2
  amd: { enabled: true, detection: { dist: uniform, min: 1.5, max: 3 }, falsePositiveRate: 0.03, falseNegativeRate: 0.1 }
retries:
  machine: { delayMinutes: 60, maxAttempts: 2 }
pacing: { algorithm: vicidial-adapt-hard-limit, initialLevel: 1, maxLevel: 3, dropLimitPercent: 3 }
`;

/** Valid call records: a morning of calls, numbers called more than once. */
function pacelabRecords(rng: Rng): string {
  const recs = [];
  let t = "2026-12-02T09:00:00.000";
  for (let i = 0; i < 25; i++) {
    t = plus(t, 30 + int(rng, 900));
    const make = pick(rng, [connected, connected, silent, unanswered, amdHangup]);
    recs.push(make(t, { number: `+3933300000${int(rng, 8)}` }));
  }
  return toCsv(recs);
}

function vicidialRecords(rng: Rng): string {
  const header =
    "uniqueid,lead_id,list_id,campaign_id,call_date,start_epoch,end_epoch,length_in_sec,status,phone_code,phone_number,user,comments,processed";
  const rows = Array.from({ length: 20 }, (_, i) => {
    const minute = String(10 + i).padStart(2, "0");
    const status = pick(rng, ["SALE", "DROP", "AA", "NA", "B", "DC", "NI", "XDROP"]);
    return `1.${i},${i},1000,SALESA,2026-12-02 10:${minute}:00,0,0,${int(rng, 300)},${status},39,333111000${int(rng, 6)},VDAD,,N`;
  });
  return [header, ...rows].join("\n");
}

/** Runs jobs on worker threads, each stopped (and replaced) when a run outlasts HANG_MS. */
async function runAll(jobs: readonly FuzzJob[]): Promise<Map<number, FuzzOutcome | "hang">> {
  const results = new Map<number, FuzzOutcome | "hang">();
  const lane = async (share: readonly FuzzJob[]) => {
    let worker = new Worker(WORKER);
    for (const job of share) {
      const outcome = await new Promise<FuzzOutcome | "hang">((resolve) => {
        const timer = setTimeout(() => resolve("hang"), HANG_MS);
        const done = (o: FuzzOutcome | "hang") => {
          clearTimeout(timer);
          worker.off("message", done);
          worker.off("error", crashed);
          resolve(o);
        };
        const crashed = (e: Error) => done({ id: job.id, code: 70, stderr: String(e.stack) });
        worker.on("message", done);
        worker.on("error", crashed);
        worker.postMessage(job);
      });
      results.set(job.id, outcome);
      if (outcome === "hang" || outcome.code === 70) {
        await worker.terminate();
        worker = new Worker(WORKER);
      }
    }
    await worker.terminate();
  };
  await Promise.all(
    Array.from({ length: WORKERS }, (_, w) => lane(jobs.filter((_, i) => i % WORKERS === w))),
  );
  return results;
}

/** What is wrong with an outcome, or null: exit 0 or 1, or 2 with a message and no stack. */
function untidy(o: FuzzOutcome | "hang", codes: readonly number[]): string | null {
  if (o === "hang") return `no answer within ${HANG_MS} ms`;
  if (!codes.includes(o.code)) return `exit ${o.code}: ${o.stderr}`;
  if (o.code === 2 && o.stderr.trim() === "") return "exit 2 without a message";
  if (/\n\s+at /.test(o.stderr)) return `a stack trace: ${o.stderr}`;
  return null;
}

/** The job, its input and what went wrong, to replay a failure. */
function report(job: FuzzJob, problem: string): string {
  return `${problem}\n${JSON.stringify(job)}\n--- input ---\n${readFileSync(job.file, "utf8").slice(0, 3000)}`;
}

function scenarioJobs(): FuzzJob[] {
  const rng = createStreams(SEED).stream("fuzz-cli/scenarios");
  return Array.from({ length: SCENARIOS }, (_, id) => {
    const file = join(dir, `scenario-${id}.yaml`);
    writeFileSync(file, mutateScenario(rng, pick(rng, [TINY, TINY_AMD])));
    return { id, kind: "simulate", file } as const;
  });
}

function auditJobs(): FuzzJob[] {
  const rng = createStreams(SEED).stream("fuzz-cli/calls");
  return Array.from({ length: CALL_FILES }, (_, id) => {
    const vicidial = rng() < 0.25;
    const file = join(dir, `calls-${id}.csv`);
    writeFileSync(file, mutateCallRecords(rng, (vicidial ? vicidialRecords : pacelabRecords)(rng)));
    const format =
      rng() < 0.1
        ? pick(rng, ["pacelab", "vicidial", "asterisk"])
        : vicidial
          ? "vicidial"
          : "pacelab";
    return {
      id,
      kind: "audit",
      file,
      format,
      rules: pick(rng, ["it-garante-2014", "uk-ofcom-2016", "us-tcpa"]),
      json: rng() < 0.3,
      ...(rng() < 0.3 ? { violations: join(dir, `violations-${id}.csv`) } : {}),
      ...(rng() < 0.2 ? { timeZone: "Europe/Rome" } : {}),
    } as const;
  });
}

/** The same job through the real CLI. */
async function cliRun(job: FuzzJob): Promise<FuzzOutcome | "hang"> {
  const args =
    job.kind === "simulate"
      ? ["simulate", job.file, "--no-evidence"]
      : [
          "audit",
          job.file,
          "--format",
          job.format,
          "--rules",
          job.rules,
          ...(job.json ? ["--json"] : []),
          ...(job.violations ? ["--violations", job.violations] : []),
          ...(job.timeZone ? ["--time-zone", job.timeZone] : []),
        ];
  const r = await runCli(args, { timeoutMs: HANG_MS });
  return r.code === null ? "hang" : { id: job.id, code: r.code, stderr: r.stderr };
}

describe.each([
  { kind: "simulate", jobs: scenarioJobs, codes: [0, 2] },
  { kind: "audit", jobs: auditJobs, codes: [0, 1, 2] },
])("$kind on mutated input", ({ jobs, codes }) => {
  it("exits 0, 1 or 2 with a message, never 70, a stack trace or a hang", async () => {
    const all = jobs();
    const results = await runAll(all);
    const problems = all
      .map((job) => {
        const problem = untidy(results.get(job.id) ?? "hang", codes);
        return problem === null ? null : report(job, problem);
      })
      .filter((p) => p !== null);
    expect(problems.slice(0, 3)).toEqual([]);
    // The mutations exercise both paths: bad input, and input that still runs.
    const exits = [...results.values()].map((o) => (o === "hang" ? -1 : o.code));
    expect(exits.filter((c) => c === 2).length).toBeGreaterThan(all.length / 5);
    expect(exits.filter((c) => c === 0 || c === 1).length).toBeGreaterThan(all.length / 10);

    // A few through the real CLI, WORKERS at a time: the same exit code, and no stack trace.
    const sample = all.slice(0, PROCESS_RUNS);
    const cliOutcomes: (FuzzOutcome | "hang")[] = [];
    for (let i = 0; i < sample.length; i += WORKERS)
      cliOutcomes.push(...(await Promise.all(sample.slice(i, i + WORKERS).map(cliRun))));
    for (const [i, job] of sample.entries()) {
      const cli = cliOutcomes[i] ?? "hang";
      const inProcess = results.get(job.id) as FuzzOutcome;
      expect(untidy(cli, codes), report(job, "the CLI")).toBeNull();
      expect((cli as FuzzOutcome).code, report(job, "in process vs the CLI")).toBe(inProcess.code);
    }
  });
});
