import { createSocket, type Socket } from "node:dgram";
import type { Scenario } from "../scenario/scenario.js";
import { createStreams } from "../sim/random.js";
import { TimeScale } from "../time/time-scale.js";
import type { CallRecord } from "./call-record.js";
import { endpointClock } from "./clock.js";
import { EndpointCounters } from "./counters.js";
import { createFateDrawer } from "./fate.js";
import { enlargeReceiveBuffer } from "./receive-buffer.js";
import { openRtpMonitor } from "./rtp-monitor.js";
import { traceStatHeader, traceStatRow } from "./trace-stat.js";
import { type Peer, UserAgentServer } from "./user-agent-server.js";

/** How to run a callee population. */
export interface EndpointOptions {
  readonly scenario: Scenario;
  /** SIP address to listen on; port 0 picks a free one. */
  readonly listen: { readonly host: string; readonly port: number };
  /** Seed of the fates (default: the scenario's). */
  readonly seed?: number;
  /** Scenario durations run this much faster on the wire (default real time). */
  readonly timeScale?: TimeScale;
  /** `caller` (default): a connected person stays until the dialer's BYE. */
  readonly talk?: "caller" | "scenario";
  /** Scenario seconds before a no-answer call gets 480 (default 120). */
  readonly noAnswerLimitSeconds?: number;
  /** Seconds between periodic trace-stat rows (default 60, as SIPp's `-fd`). */
  readonly traceStatPeriodSeconds?: number;
  /** Told of each periodic trace-stat row (e.g. to rewrite the file). */
  onTraceStatRow?(rows: readonly string[]): void;
  /** Told when a call finishes, with the number finished so far. */
  onCallFinished?(record: CallRecord, finished: number): void;
}

/** A running endpoint. */
export interface EndpointHandle {
  /** Where it listens for SIP. */
  readonly address: Peer;
  /** The RTP port announced in SDP answers. */
  readonly rtpPort: number;
  /** Every call so far, in INVITE order. */
  records(): readonly CallRecord[];
  readonly counters: EndpointCounters;
  /** The trace-stat CSV so far (header and rows; {@link stop} adds the final row). */
  traceStat(): string;
  /** Stops timers, closes the sockets and writes the final trace-stat row; idempotent. */
  stop(): Promise<void>;
}

/** Thrown when the SIP or RTP socket cannot be bound; carries exit code 2 (bad input). */
export class EndpointBindError extends Error {
  override readonly name = "EndpointBindError";
  readonly exitCode = 2;
}

/**
 * Starts a callee population (see docs/endpoint.md): binds the SIP socket on `options.listen`
 * and an RTP socket on the same host, and answers INVITEs with fates drawn from the scenario.
 */
export async function startEndpoint(options: EndpointOptions): Promise<EndpointHandle> {
  const timeScale = options.timeScale ?? TimeScale.REAL_TIME;
  const counters = new EndpointCounters();
  const socket = createSocket("udp4");
  await bind(socket, options.listen, "SIP");
  enlargeReceiveBuffer(socket);
  const local: Peer = { address: options.listen.host, port: socket.address().port };
  let server: UserAgentServer | null = null;
  const rtp = await openRtpMonitor(options.listen.host, 0, (callId, payloadType) =>
    server?.onRtp(callId, payloadType),
  ).catch(async (error: unknown) => {
    await closeSocket(socket);
    throw new EndpointBindError(
      `pacelab endpoint: cannot open the RTP socket: ${(error as Error).message}`,
    );
  });
  let finished = 0;
  const uas = new UserAgentServer({
    local,
    rtpPort: rtp.port,
    send: (datagram, to) => socket.send(datagram, to.port, to.address),
    now: endpointClock,
    drawFate: createFateDrawer(
      options.scenario,
      createStreams(options.seed ?? options.scenario.seed),
      {
        timeScale,
        noAnswerLimitSeconds: options.noAnswerLimitSeconds ?? 120,
      },
    ),
    talk: options.talk ?? "caller",
    machineCapMs: timeScale.toWallMs(3600),
    counters,
    watchRtp: (callId, ssrc, address) =>
      rtp.watch(callId, ssrc === undefined ? { address } : { ssrc, address }),
    forgetRtp: (callId) => rtp.forget(callId),
    onFinished: (record) => options.onCallFinished?.(record, ++finished),
  });
  server = uas;
  socket.on("message", (datagram, from) => uas.receive(datagram, from));
  socket.on("error", () => {
    // ICMP errors for datagrams sent to a caller that went away: nothing to do.
  });

  const start = endpointClock();
  let lastReset = start;
  const rows: string[] = [traceStatHeader()];
  const addRow = (): void => {
    const now = endpointClock();
    rows.push(traceStatRow(counters, { start, lastReset, now }));
    counters.resetPeriod();
    lastReset = now;
  };
  const periodic = setInterval(
    () => {
      addRow();
      options.onTraceStatRow?.(rows);
    },
    (options.traceStatPeriodSeconds ?? 60) * 1000,
  );

  let stopping: Promise<void> | null = null;
  return {
    address: local,
    rtpPort: rtp.port,
    records: () => uas.records(),
    counters,
    traceStat: () => rows.join(""),
    stop() {
      stopping ??= (async () => {
        clearInterval(periodic);
        uas.close();
        addRow();
        await Promise.all([closeSocket(socket), rtp.close()]);
      })();
      return stopping;
    },
  };
}

async function bind(
  socket: Socket,
  at: { readonly host: string; readonly port: number },
  what: string,
): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(at.port, at.host, () => {
        socket.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EADDRINUSE"
        ? "the port is in use (another endpoint or SIPp?); pick another with --listen"
        : code === "EADDRNOTAVAIL"
          ? "that address is not one of this machine's"
          : (error as Error).message;
    throw new EndpointBindError(
      `pacelab endpoint: cannot listen for ${what} on ${at.host}:${at.port}: ${why}`,
    );
  }
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}
