/**
 * Worker thread for the CLI fuzz test: runs `simulate` or `audit` in process on one input and
 * answers with the exit code the CLI would give and what it would print on stderr, mapped as
 * src/cli/command-module.ts maps them (an error carrying an exit code: that code and its message;
 * anything else: 70 and a stack trace). A worker, so that a run that never ends can be stopped.
 */
import { parentPort } from "node:worker_threads";
import { auditCommand } from "../../src/cli/audit-command.js";
import { simulateCommand } from "../../src/cli/simulate-command.js";

/** One fuzzed input to run. */
export type FuzzJob =
  | { readonly id: number; readonly kind: "simulate"; readonly file: string }
  | {
      readonly id: number;
      readonly kind: "audit";
      readonly file: string;
      readonly format: string;
      readonly rules: string;
      readonly json: boolean;
      readonly violations?: string;
      readonly timeZone?: string;
    };

/** What the CLI would have done. */
export interface FuzzOutcome {
  readonly id: number;
  readonly code: number;
  readonly stderr: string;
}

function run(job: FuzzJob): Promise<number> {
  const print = () => {};
  if (job.kind === "simulate") {
    return simulateCommand(
      { scenario: job.file, replications: 1, json: false, calls: false, evidence: false },
      print,
    );
  }
  return auditCommand(
    {
      calls: job.file,
      rules: job.rules,
      format: job.format,
      json: job.json,
      holidays: [],
      ...(job.violations === undefined ? {} : { violations: job.violations }),
      ...(job.timeZone === undefined ? {} : { timeZone: job.timeZone }),
    },
    print,
  );
}

parentPort?.on("message", async (job: FuzzJob) => {
  let outcome: FuzzOutcome;
  try {
    outcome = { id: job.id, code: await run(job), stderr: "" };
  } catch (error) {
    const code = (error as { exitCode?: unknown } | null)?.exitCode;
    outcome =
      typeof code === "number"
        ? { id: job.id, code, stderr: (error as Error).message }
        : { id: job.id, code: 70, stderr: `internal error: ${(error as Error)?.stack ?? error}` };
  }
  parentPort?.postMessage(outcome);
});
