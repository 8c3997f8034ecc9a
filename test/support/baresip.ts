import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Socket as TcpSocket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeUdpPort } from "./sipp.js";

/**
 * Test support for running real baresip (Debian's `baresip`) headless as a SIP user agent on
 * loopback: no sound card (its microphone is a WAV file through the `aufile` module, or nothing;
 * what it plays goes to an `aubridge` device nobody reads), controlled and watched through its
 * `ctrl_tcp` module (JSON commands and events in netstrings). Each instance gets a fresh config
 * folder in the temp directory, removed by {@link Baresip.stop}. `.ci/run` installs baresip;
 * tests skip with a reason only when it is absent (see {@link baresipMissing}).
 */

const MODULE_DIRS = ["/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules"];
const MODULES = ["g711", "aufile", "aubridge", "vumeter", "account", "ctrl_tcp", "menu"];

function moduleDir(): string | null {
  return MODULE_DIRS.find((dir) => MODULES.every((m) => existsSync(join(dir, `${m}.so`)))) ?? null;
}

/** Why baresip cannot run here (not installed, or a module these tests need is missing), or null. */
export function baresipMissing(): string | null {
  const probe = spawnSync("baresip", ["-h"], { encoding: "utf8" });
  if (probe.error !== undefined || !/baresip v\d/.test(`${probe.stdout}${probe.stderr}`))
    return "baresip is not installed (apt-get install -y baresip; .ci/run does this)";
  if (moduleDir() === null)
    return `baresip's modules ${MODULES.join(", ")} are not all in ${MODULE_DIRS.join(" or ")}`;
  return null;
}

/** How to start baresip. */
export interface BaresipOptions {
  /**
   * The WAV file (8 kHz, mono, 16-bit) each call sends as its microphone; at its end baresip
   * hangs the call up itself ("end of file"). `null`: calls send no RTP at all.
   */
  readonly audioFile: string | null;
  /**
   * One local account (no registration, auto-answer) per user: baresip answers an INVITE only
   * when the Request-URI's user is one of these. The first one places the calls.
   */
  readonly users: readonly string[];
  /** Print every SIP message (baresip's `-s`) into {@link Baresip.output}. */
  readonly sipTrace?: boolean;
}

/** One event baresip reported, as its JSON, with the local time it arrived. */
export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly accountaor?: string;
  readonly direction?: string;
  readonly peeruri?: string;
  /** The call's SIP Call-ID. */
  readonly id?: string;
  readonly param?: string;
  /** `Date.now()` when it arrived. */
  readonly at: number;
}

/** What one call looked like from baresip's side. */
export interface BaresipCall {
  readonly callId: string;
  /** The account that placed or answered it (`sip:<user>@127.0.0.1`). */
  readonly account: string;
  readonly establishedAt: number | null;
  readonly closedAt: number | null;
  /** Why it closed: "end of file" (our file ran out), "Connection reset by peer" (their BYE)... */
  readonly closeReason: string | null;
  /** Levels (dBov) of the audio baresip decoded from what it received: one report per 0.5 s. */
  readonly received: readonly Level[];
  /** Levels (dBov) of the audio it sent, likewise. */
  readonly sent: readonly Level[];
  /**
   * RTP packets its audio stream sent and received (`rtp_stats`, printed as the call closes),
   * null while open. Tied to the call by closing order, so null for every call when some closed
   * call printed none (one that neither sent nor received a packet prints nothing).
   */
  readonly rtp: { readonly sent: number; readonly received: number } | null;
}

/** A running baresip. */
export interface Baresip {
  /** Its SIP port on 127.0.0.1 (UDP). */
  readonly sipPort: number;
  /** Runs one command (as typed after `/` in its console, e.g. `dial sip:1@127.0.0.1:5060`). */
  command(line: string): Promise<string>;
  /** Every event so far, in order. */
  events(): readonly BaresipEvent[];
  /** The calls seen so far, in the order they began. */
  calls(): BaresipCall[];
  /** Resolves once `done()` holds for the events so far, or rejects after `timeoutMs`. */
  waitFor(done: (events: readonly BaresipEvent[]) => boolean, timeoutMs: number): Promise<void>;
  /** Everything it printed. */
  output(): string;
  /** Quits it (SIGKILL if it lingers) and removes its config folder. */
  stop(): Promise<void>;
}

/** Starts baresip on a free loopback port and resolves once its control socket answers. */
export async function startBaresip(options: BaresipOptions): Promise<Baresip> {
  const modules = moduleDir();
  const missing = baresipMissing();
  if (missing !== null || modules === null) throw new Error(missing ?? "baresip modules missing");
  const dir = mkdtempSync(join(tmpdir(), "pacelab-baresip-"));
  const sipPort = await freeSipPort();
  const ctrlPort = await freeTcpPort();
  writeFileSync(join(dir, "config"), config(options, modules, sipPort, ctrlPort));
  writeFileSync(
    join(dir, "accounts"),
    options.users.map((u) => `<sip:${u}@127.0.0.1>;regint=0;answermode=auto\n`).join(""),
  );
  const args = ["-f", dir, ...(options.sipTrace === true ? ["-s"] : [])];
  const child: ChildProcess = spawn("baresip", args, { stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let control: Control;
  try {
    control = await openControl(ctrlPort, () => child.exitCode !== null);
  } catch (error) {
    await kill();
    throw new Error(`baresip did not start: ${(error as Error).message}\n${text}`);
  }
  return {
    sipPort,
    command: (line) => control.command(line),
    events: () => control.events,
    calls: () => withRtpStats(callsOf(control.events), control.events, text),
    async waitFor(done, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!done(control.events)) {
        if (Date.now() > deadline)
          throw new Error(`baresip: timed out; events: ${JSON.stringify(control.events)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        control.command("quit").catch(() => undefined); // it may close before answering
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      control.close();
      await kill();
    },
  };
}

function config(options: BaresipOptions, modules: string, sipPort: number, ctrlPort: number) {
  // Without a file the source is an aubridge device no player feeds: no frames, so no RTP.
  const source = options.audioFile === null ? "aubridge,nothing" : `aufile,${options.audioFile}`;
  return [
    "poll_method epoll",
    `sip_listen 127.0.0.1:${sipPort}`,
    "net_interface 127.0.0.1", // SDP with 127.0.0.1, not the first network card's address
    "call_local_timeout 120",
    "call_max_calls 32",
    `audio_source ${source}`,
    "audio_player aubridge,sink",
    "audio_alert aubridge,sink",
    "ausrc_srate 8000",
    "auplay_srate 8000",
    "ausrc_channels 1",
    "auplay_channels 1",
    "rtp_stats yes", // packets sent and received, printed as each call closes
    `module_path ${modules}`,
    "module g711.so",
    "module aufile.so",
    "module aubridge.so",
    "module vumeter.so", // audio levels sent and received, as events every 0.5 s
    "module_tmp account.so",
    "module_app menu.so", // the dial, hangup and quit commands
    "module_app ctrl_tcp.so",
    `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
    "vumeter_stderr no",
    "ringback_disabled yes",
    "",
  ].join("\n");
}

/**
 * A UDP port whose TCP twin and the next TCP port are free too: baresip listens for SIP on UDP
 * and TCP on the port, and for TLS on the next one.
 */
async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeUdpPort();
    if (port < 65535 && (await tcpFree(port)) && (await tcpFree(port + 1))) return port;
  }
  throw new Error("no free UDP/TCP port pair for baresip on 127.0.0.1");
}

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return address.port;
}

function tcpFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((done) => {
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

interface Control {
  readonly events: BaresipEvent[];
  command(line: string): Promise<string>;
  close(): void;
}

/** Connects to ctrl_tcp (retrying while baresip starts) and splits its netstrings. */
async function openControl(port: number, died: () => boolean): Promise<Control> {
  const deadline = Date.now() + 10_000;
  let socket: TcpSocket | null = null;
  while (socket === null) {
    if (died()) throw new Error("it exited");
    if (Date.now() > deadline) throw new Error(`no control socket on port ${port} within 10 s`);
    socket = await new Promise<TcpSocket | null>((done) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => done(s));
      s.once("error", () => done(null));
    });
    if (socket === null) await new Promise((r) => setTimeout(r, 100));
  }
  const open = socket;
  const events: BaresipEvent[] = [];
  const waiting = new Map<string, (data: string) => void>();
  let buffer = Buffer.alloc(0);
  open.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(":");
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString("ascii"));
      if (buffer.length < colon + 1 + length + 1) return;
      const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString("utf8"));
      buffer = buffer.subarray(colon + 1 + length + 1); // the netstring's trailing comma
      if (message.event === true) events.push({ ...message, at: Date.now() });
      else if (message.response === true) waiting.get(message.token)?.(String(message.data));
    }
  });
  open.on("error", () => undefined); // baresip quitting closes the socket
  let token = 0;
  return {
    events,
    command(line) {
      const id = String(++token);
      const space = line.indexOf(" ");
      const json = JSON.stringify({
        command: space < 0 ? line : line.slice(0, space),
        ...(space < 0 ? {} : { params: line.slice(space + 1) }),
        token: id,
      });
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`baresip: no answer to "${line}"`)), 5000);
        timer.unref(); // "quit" may never be answered
        waiting.set(id, (data) => {
          clearTimeout(timer);
          done(data);
        });
        open.write(`${Buffer.byteLength(json)}:${json},`);
      });
    },
    close: () => open.destroy(),
  };
}

/** A level report: when it arrived and the level in dBov. */
interface Level {
  readonly at: number;
  readonly dbov: number;
}

/** Folds the events into one record per Call-ID, in the order the calls began. */
function callsOf(events: readonly BaresipEvent[]): BaresipCall[] {
  const calls = new Map<string, { -readonly [K in keyof BaresipCall]: BaresipCall[K] }>();
  for (const e of events) {
    if (e.id === undefined) continue;
    let call = calls.get(e.id);
    if (call === undefined) {
      call = {
        callId: e.id,
        account: e.accountaor ?? "",
        establishedAt: null,
        closedAt: null,
        closeReason: null,
        received: [],
        sent: [],
        rtp: null,
      };
      calls.set(e.id, call);
    }
    const level: Level = { at: e.at, dbov: Number(e.param) };
    if (e.type === "CALL_ESTABLISHED") call.establishedAt = e.at;
    else if (e.type === "CALL_CLOSED") {
      call.closedAt = e.at;
      call.closeReason = e.param ?? "";
    } else if (e.type === "VU_RX_REPORT") call.received = [...call.received, level];
    else if (e.type === "VU_TX_REPORT") call.sent = [...call.sent, level];
  }
  return [...calls.values()];
}

/**
 * Adds each closed call's RTP packet counts: baresip prints them as it frees the call, right
 * after reporting it closed, in one thread, so the n-th block of counts is the n-th call closed.
 */
function withRtpStats(
  calls: BaresipCall[],
  events: readonly BaresipEvent[],
  output: string,
): BaresipCall[] {
  const stats = [...output.matchAll(/^packets:\s+(\d+)\s+(\d+)/gm)];
  const closing = events.filter((e) => e.type === "CALL_CLOSED").map((e) => e.id);
  if (stats.length !== closing.length) return calls;
  return calls.map((call) => {
    const m = stats[closing.indexOf(call.callId)];
    return m === undefined
      ? call
      : { ...call, rtp: { sent: Number(m[1]), received: Number(m[2]) } };
  });
}
