import type { Socket } from "node:dgram";
import { lookup } from "node:dns/promises";
import { passThroughMedia, RECEIVE_BUFFER_BYTES, SIP } from "./sipjs-package.js";
import { UdpSipLine } from "./udp-sip-line.js";
import { createUdp4Socket } from "./udp4-socket.js";

/**
 * The dialer's SIP layer: the one adapter around `sipjs-udp` (this file's interfaces, the line
 * in udp-sip-line.ts and the package's fixes in sipjs-package.ts; nothing else imports it), so
 * that the package can be replaced by current SIP.js with a UDP transport without touching
 * callers.
 *
 * What it adds to the package (domain brief, section 4): a no-answer timer that CANCELs;
 * retransmission of INVITE (Timer A), CANCEL and BYE (Timer E), which the package sends once;
 * watchdogs that turn a lost 487, 200 or BYE answer into cause/by "lost"; Via branches and
 * Call-IDs that never collide; `hangUp` that waits for the 200 to the BYE; a drain
 * (`hangUpAll`) and a close that flushes pending sends and closes the socket. Invariant: every
 * `dial` ends with exactly one `onFailed`, or `onAnswered` then exactly one `onEnded`.
 */

/** Where the line listens and where it sends INVITEs. */
export interface SipLineOptions {
  /** IPv4 address to bind; also written into Via and Contact, so not 0.0.0.0. */
  localHost: string;
  /** 0: let the system pick a free port. */
  localPort: number;
  /** The callee side (endpoint, SIPp or a proxy); a host name is resolved once. */
  target: { host: string; port: number };
}

/** One call attempt. */
export interface DialRequest {
  /** User part of the Request-URI: `INVITE sip:<number>@<target>`. */
  number: string;
  /** SDP offer sent with the INVITE (see src/sip/sdp.ts). */
  sdpOffer: string;
  /** Extra headers for the INVITE. */
  headers?: Readonly<Record<string, string>>;
  /** CANCEL when no final response came this long after dialling. */
  noAnswerTimeoutMs: number;
}

/** How a call attempt ended without an answer. */
export type FailureCause = "rejected" | "no-answer-timeout" | "cancelled" | "lost";

/** What the line reports about one call. */
export interface CallEvents {
  /** The first 180/183. */
  onRinging?(): void;
  /**
   * The line sends CANCEL for the unanswered call (its no-answer timer ran out, or `cancel()`):
   * a final response follows, or a 200 that crossed the CANCEL.
   */
  onCancelling?(): void;
  /**
   * The 200 OK, already ACKed. `headers` maps lower-case header names to their first value
   * (`x-pacelab-callee` carries the endpoint's ground truth). `afterCancel`: the 200 crossed
   * our CANCEL. After the no-answer timer's CANCEL the dialog stays up for the caller to use or
   * hang up; after `cancel()` or `hangUpAll` the line sends BYE itself.
   */
  onAnswered(answer: {
    sdp: string;
    headers: Readonly<Record<string, string>>;
    afterCancel: boolean;
  }): void;
  /** Never answered: a final error response (`rejected`, or the CANCEL's 487), or silence. */
  onFailed(failure: { status: number; reason: string; cause: FailureCause }): void;
  /** After onAnswered: who hung up (`lost`: our BYE got no answer or the dialog broke). */
  onEnded(end: { by: "local" | "remote" | "lost" }): void;
}

/** A call in progress. */
export interface OutboundCall {
  readonly callId: string;
  /** Gives the attempt up: CANCEL while unanswered (cause "cancelled"); BYE once answered. */
  cancel(): void;
  /** BYE once answered (onEnded follows the 200); before the answer, the same as cancel(). */
  hangUp(): void;
}

/** A dialer's SIP line. */
export interface SipLine {
  readonly localAddress: { host: string; port: number };
  /** Sends an INVITE; throws if the line is closed or `number` is not a valid SIP user. */
  dial(request: DialRequest, events: CallEvents): OutboundCall;
  /** Calls not yet finished. */
  readonly active: number;
  /** CANCEL every ringing call, BYE every answered one, wait until all finished or timeout. */
  hangUpAll(timeoutMs: number): Promise<void>;
  /** Ends what is left as "lost", flushes pending sends and closes the socket. */
  close(): Promise<void>;
}

function bindSocket(socket: Socket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
}

/**
 * Opens a SIP line: binds the UDP socket first (so that port 0 works and the real port goes
 * into Via and Contact), then starts a sipjs-udp UA on it with logging off and no REGISTER.
 */
export async function openSipLine(options: SipLineOptions): Promise<SipLine> {
  const socket = createUdp4Socket();
  await bindSocket(socket, options.localPort, options.localHost);
  // The default receive buffer holds ~100 datagrams: a few hundred ms without the event loop
  // (a busy machine) at 300 calls/s overflows it, and retransmissions then fight the backlog.
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
    socket.setSendBufferSize(RECEIVE_BUFFER_BYTES);
  } catch {
    // capped by net.core.rmem_max / wmem_max: keep what the system allows
  }
  // An unexpected socket error must not crash the dialer; lost datagrams are retransmitted.
  socket.on("error", () => {});
  const target = {
    host: (await lookup(options.target.host, { family: 4 })).address,
    port: options.target.port,
  };
  const { address, port } = socket.address();
  const ua = new SIP.UA({
    uri: `sip:pacelab@${address}:${port}`,
    autostart: false, // its transport would bind the port itself
    register: false,
    doUAS: true, // accept in-dialog requests (a callee's BYE) whatever their Request-URI user
    traceSip: false,
    userAgentString: "pacelab",
    log: { builtinEnabled: false, level: 0 },
    mediaHandlerFactory: () => passThroughMedia,
  });
  return new UdpSipLine(ua, socket, target);
}
