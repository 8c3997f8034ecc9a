import { spawn } from "node:child_process";

/** A finished CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `pacelab` CLI (the compiled one in dist/). */
export interface CliProcess {
  readonly done: Promise<CliRun>;
  /** Resolves once stderr contains `text` (e.g. the "listening on" line). */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `node dist/src/cli/main.js ...args`. */
export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, ["dist/src/cli/main.js", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const done = new Promise<CliRun>((resolve) => {
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
    },
    kill: (signal) => child.kill(signal),
  };
}
