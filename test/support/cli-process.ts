import { spawn } from "node:child_process";
import { resolve } from "node:path";

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

/** A running `pacelab` CLI. */
export interface CliProcess {
  /** Resolves once it has exited and its output is read. */
  readonly done: Promise<CliResult>;
  /** Resolves with stderr so far once it contains `text` (e.g. the "listening on" line). */
  waitForStderr(text: string, timeoutMs?: number): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

/** Where the CLI runs: its working folder and environment (default: the tests'). */
export interface CliPlace {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `pacelab args`, for a test that signals it or watches it while it runs. */
export function startCli(args: readonly string[], place: CliPlace = {}): CliProcess {
  const child = spawn(process.execPath, [resolve(CLI), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...place,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const done = new Promise<CliResult>((resolve) => {
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  return {
    done,
    async waitForStderr(text, timeoutMs = 10_000) {
      const start = Date.now();
      while (!stderr.includes(text)) {
        if (child.exitCode !== null) throw new Error(`the CLI exited: ${stderr}`);
        if (Date.now() - start > timeoutMs) throw new Error(`no "${text}" on stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return stderr;
    },
    kill: (signal) => child.kill(signal),
  };
}

/**
 * Runs `pacelab args` to its end without blocking this process, so that a test file can run
 * several at once (the CLI starts in its own process: the machine's other cores serve). A run
 * that outlasts `timeoutMs` is killed and ends with a null code.
 */
export async function runCli(
  args: readonly string[],
  { timeoutMs = 60_000, ...place }: CliPlace & { readonly timeoutMs?: number } = {},
): Promise<CliResult> {
  const run = startCli(args, place);
  const timer = setTimeout(() => run.kill("SIGKILL"), timeoutMs);
  const result = await run.done;
  clearTimeout(timer);
  return result;
}
