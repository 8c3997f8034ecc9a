import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/** A SIPp callee (UAS) on loopback writing `-trace_stat` counters every second. */
export interface SippCallee {
  readonly sipp: SippProcess;
  /** Where it listens for SIP on 127.0.0.1. */
  readonly port: number;
  /** The last cumulative value of a `-trace_stat` column (e.g. `SuccessfulCall(C)`). */
  counter(name: string): number;
}

/** Whether some process has bound UDP `port` (Linux's /proc/net/udp); null where it cannot tell. */
function udpPortBound(port: number): boolean | null {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  try {
    const rows = readFileSync("/proc/net/udp", "utf8").split("\n").slice(1);
    return rows.some((row) => row.trim().split(/\s+/)[1]?.endsWith(suffix));
  } catch {
    return null;
  }
}

/**
 * Resolves once `sipp` has bound UDP `port` (without /proc/net/udp to tell: after 500 ms);
 * throws with SIPp's output if it exits or has not bound the port within 10 s.
 */
export async function sippListening(sipp: SippProcess, port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const bound = udpPortBound(port);
    if (bound === null) return new Promise((r) => setTimeout(r, 500));
    if (bound) return;
    if (sipp.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`sipp is not listening on ${port}:\n${sipp.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts `sipp -sf scenarioFile` as a callee on an ephemeral loopback port with its trace-stat
 * CSV in `dir`, and resolves once SIPp listens there.
 */
export async function startSippCallee(scenarioFile: string, dir: string): Promise<SippCallee> {
  const port = await freeUdpPort();
  const stat = join(dir, "stat.csv");
  const sipp = startSipp(
    [
      "-sf",
      scenarioFile,
      "-i",
      "127.0.0.1",
      "-p",
      String(port),
      "-trace_stat",
      "-stf",
      stat,
      "-fd",
      "1",
    ],
    dir,
  );
  await sippListening(sipp, port);
  return {
    sipp,
    port,
    counter(name) {
      const rows = existsSync(stat) ? readFileSync(stat, "utf8").trim().split("\n") : [];
      if (rows.length < 2) return 0; // no period written yet
      const header = (rows[0] ?? "").split(";");
      const column = header.indexOf(name);
      if (column < 0) throw new Error(`${stat}: no column ${name}`);
      return Number((rows.at(-1) ?? "").split(";")[column]);
    },
  };
}

/**
 * A copy of a SIPp scenario in `dir` with every receive timeout (ring times, the 120 s
 * no-answer limit) divided by `k`, for tests on a time-scaled clock; returns its path.
 */
export function timeScaledSippScenario(file: string, k: number, dir: string): string {
  const xml = readFileSync(file, "utf8");
  const scaled = xml.replace(/timeout="(\d+)"/g, (_, ms: string) => {
    return `timeout="${Math.round(Number(ms) / k)}"`;
  });
  if (scaled === xml) throw new Error(`${file} has no receive timeout to scale`);
  const path = join(dir, `scaled-${k}.xml`);
  writeFileSync(path, scaled);
  return path;
}

/**
 * Waits until SIPp has ended `calls` calls (after its 5 s timewait) as its counters show, or
 * 15 s, then one more `-fd` period so that a late failure is counted too.
 */
export async function sippEnded(callee: SippCallee, calls: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  const ended = () => callee.counter("SuccessfulCall(C)") + callee.counter("FailedCall(C)");
  while (ended() < calls && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 1100));
}
