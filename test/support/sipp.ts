import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";

/**
 * Test support for running real SIPp (Debian's sip-tester). In CI a missing `sipp` is an error,
 * never a skip: `.ci/run` installs it and these helpers throw if it is not on the PATH.
 */

/** Whether `sipp` is on the PATH (SIPp's `-v` exits 99, so look for the banner instead). */
export function sippAvailable(): boolean {
  const probe = spawnSync("sipp", ["-v"], { encoding: "utf8" });
  return probe.error === undefined && /SIPp v\d/.test(`${probe.stdout}${probe.stderr}`);
}

/** Throws a clear error when SIPp is missing, so that a test fails instead of passing vacuously. */
export function requireSipp(): void {
  if (!sippAvailable())
    throw new Error("sipp is not installed: apt-get install -y sip-tester (.ci/run does this)");
}

/** A UDP port free on 127.0.0.1 at the time of asking. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** A running SIPp process with its captured output. */
export interface SippProcess {
  readonly child: ChildProcess;
  /** Everything SIPp wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with SIPp's exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Stops SIPp (SIGUSR1 makes SIPp end its calls and exit; SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `sipp` with `args` in `cwd` (where SIPp writes its trace files). `-nostdin` is always
 * added so that SIPp never waits on a terminal.
 */
export function startSipp(args: readonly string[], cwd: string): SippProcess {
  requireSipp();
  const child = spawn("sipp", [...args, "-nostdin"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
  });
  return {
    child,
    output: () => text,
    exited,
    async stop(graceMs = 2000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGUSR1");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
