import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/**
 * Test support for running the compiled CLI (vitest's global setup builds it) as a user does:
 * its own process, its exit code, what it printed.
 */

/** The compiled CLI, relative to the repository's root (where the tests run). */
export const CLI = "dist/src/cli/main.js";

/** How a CLI run ended: its exit code (null: killed, e.g. after a hang) and its output. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI running: its output so far, and its exit code once it has exited. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Starts `pacelab args`, for a test that signals it or watches it while it runs. */
export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString("utf8");
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * Runs `pacelab args` to its end without blocking this process, so that a test file can run
 * several at once (the CLI starts in its own process: the machine's other cores serve). A run
 * that outlasts `timeoutMs` is killed and ends with a null code.
 */
export async function runCli(args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  const run = startCli(args);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), timeoutMs);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
