import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { resolve } from "node:path";
import { freeUdpPort } from "./sipp.js";

/**
 * Test support for running real Kamailio (Debian's `kamailio`) as a record-routing,
 * transaction-stateful proxy with scenarios/kamailio/kamailio.cfg. In CI a missing `kamailio` is
 * an error, never a skip: `.ci/run` installs it and {@link startKamailio} throws without it.
 */

const CONFIG = resolve("scenarios/kamailio/kamailio.cfg");

/** One request the proxy received, from its log line. */
export interface ProxiedRequest {
  readonly method: string;
  readonly callId: string;
  /** `host:port` it came from. */
  readonly from: string;
}

/** A running Kamailio. */
export interface KamailioProxy {
  /** Where it listens on 127.0.0.1. */
  readonly port: number;
  /** Every request it received so far, in order. */
  requests(): ProxiedRequest[];
  /** Everything it wrote (for failure messages). */
  output(): string;
  /** Stops it (SIGTERM, SIGKILL after 3 s). */
  stop(): Promise<void>;
}

function kamailioPath(): string {
  for (const path of ["/usr/sbin/kamailio", "kamailio"]) {
    const probe = spawnSync(path, ["-v"], { encoding: "utf8" });
    if (probe.error === undefined && /kamailio \d/.test(probe.stdout)) return path;
  }
  throw new Error("kamailio is not installed: apt-get install -y kamailio (.ci/run does this)");
}

const LOG_LINE = /pacelab-proxy: (\S+) call=(\S+) from=(\S+)/g;

/**
 * Starts Kamailio in the foreground on a free loopback port, forwarding new requests to
 * `callee`, and resolves once it answers (an OPTIONS with Max-Forwards 0 gets its own 483).
 */
export async function startKamailio(callee: {
  host: string;
  port: number;
}): Promise<KamailioProxy> {
  const binary = kamailioPath();
  const port = await freeUdpPort();
  const child: ChildProcess = spawn(
    binary,
    [
      "-f",
      CONFIG,
      "-DD", // stay in the foreground (children still forked) ...
      "-E", // ... logging to stderr
      "-m",
      "64",
      "-M",
      "8",
      "-A",
      `PROXY_LISTEN=udp:127.0.0.1:${port}`,
      "-A",
      `CALLEE="sip:${callee.host}:${callee.port}"`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const proxy: KamailioProxy = {
    port,
    requests: () =>
      [...text.matchAll(LOG_LINE)].map((m) => ({
        method: m[1] ?? "",
        callId: m[2] ?? "",
        from: m[3] ?? "",
      })),
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitUntilAnswering(port, () => child.exitCode !== null);
  } catch (error) {
    await proxy.stop();
    throw new Error(`kamailio did not start: ${(error as Error).message}\n${text}`);
  }
  return proxy;
}

async function waitUntilAnswering(port: number, died: () => boolean): Promise<void> {
  const socket = createSocket("udp4");
  await new Promise<void>((done) => socket.bind(0, "127.0.0.1", () => done()));
  let answered = false;
  socket.on("message", () => (answered = true));
  const me = socket.address().port;
  const probe = [
    `OPTIONS sip:probe@127.0.0.1:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${me};branch=z9hG4bKprobe${Date.now()}`,
    "Max-Forwards: 0",
    `From: <sip:probe@127.0.0.1:${me}>;tag=probe`,
    `To: <sip:probe@127.0.0.1:${port}>`,
    "Call-ID: pacelab-kamailio-probe",
    "CSeq: 1 OPTIONS",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
  try {
    const deadline = Date.now() + 10_000;
    while (!answered) {
      if (died()) throw new Error("it exited");
      if (Date.now() > deadline) throw new Error("no answer to OPTIONS within 10 s");
      socket.send(probe, port, "127.0.0.1");
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    socket.close();
  }
}
