import type { Socket } from "node:dgram";
import { lookup } from "node:dns/promises";
import SIP, {
  type IncomingMessage,
  type IncomingResponse,
  type InviteClientContext,
  type MediaHandler,
  type OutgoingRequest,
  type Transaction,
  type TransportLike,
  type UserAgent,
} from "sipjs-udp";
import { createSipIds } from "./sip-ids.js";
import { SipUdpTransport } from "./sip-udp-transport.js";
import { speedUpParsing } from "./sipjs-grammar.js";
import { createUdp4Socket } from "./udp4-socket.js";

/**
 * The dialer's SIP layer: the one adapter around `sipjs-udp` (nothing else imports it), so that
 * the package can be replaced by current SIP.js with a UDP transport without touching callers.
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

const T1 = SIP.Timers.T1;
const T2 = SIP.Timers.T2;
/** RFC 3261's 64*T1: how long a transaction may go unanswered (Timers B and F). */
const TRANSACTION_TIMEOUT_MS = 64 * T1;
const { STATUS_CALLING, STATUS_PROCEEDING, STATUS_TRYING } = SIP.Transactions.C;
const RECEIVE_BUFFER_BYTES = 4 << 20;

// Process-wide fixes to the package, applied once on import (only this module imports it):
// Timers D and J are 0 in the package (values for reliable transports). On UDP they must
// outlive retransmissions (RFC 3261 17.1.1.2, 17.2.2), or a retransmitted 487 (our ACK lost)
// or BYE (our 200 lost) finds no transaction and the far end never completes the call.
SIP.Timers.TIMER_D = TRANSACTION_TIMEOUT_MS;
SIP.Timers.TIMER_J = TRANSACTION_TIMEOUT_MS;
speedUpParsing(SIP);

const ids = createSipIds();

function viaHeader(ua: UserAgent, branch: string): string {
  return `SIP/2.0/UDP ${ua.configuration.viaHost}:${ua.configuration.viaPort};branch=${branch}`;
}

// ACKs get a branch too; the package draws it from the same colliding range.
const PackageAck = SIP.Transactions.AckClientTransaction;
SIP.Transactions.AckClientTransaction = class AckWithUniqueBranch extends PackageAck {
  constructor(sender: { ua: UserAgent }, request: OutgoingRequest, transport: TransportLike) {
    super(sender, request, transport);
    this.id = ids.branch();
    request.setHeader("via", viaHeader(sender.ua, this.id));
  }
};

// RFC 3261 17.1.1.2: a final response retransmitted in the Completed state gets the same ACK
// again, and Timer D runs once from the first. The package starts a fresh 32 s Timer D on each
// retransmission and keeps only the last handle, so the others outlive close() and hold the
// process up to 32 s after a lossy run.
const InviteClientTransaction = SIP.Transactions.InviteClientTransaction.prototype;
const packageSendAck = InviteClientTransaction.sendACK;
InviteClientTransaction.sendACK = function sendAckOnce(response) {
  if (this.ack === undefined) packageSendAck.call(this, response);
  else this.transport.send(this.host, this.port, this.ack);
};

/** We do SDP ourselves: the offer travels as the media hint, the answer goes to onAnswered. */
const passThroughMedia: MediaHandler = {
  getDescription: (hint) => Promise.resolve(String(hint)),
  setDescription: () => Promise.resolve(),
  close() {},
  render() {},
  mute() {},
  unmute() {},
  isReady: () => true,
};

type Phase = "inviting" | "answered" | "ending" | "done";

interface CallState {
  readonly callId: string;
  readonly events: CallEvents;
  phase: Phase;
  session?: InviteClientContext;
  invite?: Transaction;
  ringing: boolean;
  cancelCause?: "no-answer-timeout" | "cancelled";
  /** The caller gave the call up itself: an answer crossing the CANCEL gets BYE at once. */
  byeOnAnswer: boolean;
  cancelAnswered: boolean;
  noAnswerTimer?: NodeJS.Timeout;
  watchdog?: NodeJS.Timeout;
}

/** Runs a caller's callback; an exception is a bug in the caller, so it surfaces uncaught. */
function notify(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}

function lowerCaseHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(message.headers)) {
    const first = values[0];
    if (first) headers[name.toLowerCase()] = first.raw;
  }
  return headers;
}

class UdpSipLine implements SipLine {
  readonly localAddress: { host: string; port: number };
  private readonly calls = new Map<string, CallState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private drainWaiters: Array<() => void> = [];
  private closed = false;
  private readonly transport: SipUdpTransport;

  constructor(
    private readonly ua: UserAgent,
    private readonly socket: Socket,
    private readonly target: { host: string; port: number },
  ) {
    const { address, port } = socket.address();
    this.localAddress = { host: address, port };
    this.transport = new SipUdpTransport(ua, socket, (callId) => {
      const call = this.calls.get(callId);
      if (call) call.cancelAnswered = true;
    });
    const registerTransaction = ua.newTransaction.bind(ua);
    ua.newTransaction = (transaction) => {
      if (transaction.type === "ict" || transaction.type === "nict") {
        transaction.id = ids.branch();
        transaction.request.setHeader("via", viaHeader(ua, transaction.id));
        this.retransmitClientRequest(transaction);
      }
      registerTransaction(transaction);
    };
    ua.onTransportConnected(this.transport);
  }

  get active(): number {
    return this.calls.size;
  }

  dial(request: DialRequest, events: CallEvents): OutboundCall {
    if (this.closed) throw new Error("sip-line: dial() after close()");
    const call: CallState = {
      callId: ids.callId(),
      events,
      phase: "inviting",
      ringing: false,
      byeOnAnswer: false,
      cancelAnswered: false,
    };
    const extraHeaders = Object.entries(request.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
    const session = this.ua.invite(
      `sip:${request.number}@${this.target.host}:${this.target.port}`,
      { media: request.sdpOffer, params: { call_id: call.callId }, extraHeaders },
    );
    call.session = session;
    this.calls.set(call.callId, call);
    session.on("progress", (response) => {
      if (response.status_code > 100 && !call.ringing && call.phase === "inviting") {
        call.ringing = true;
        const onRinging = events.onRinging?.bind(events);
        if (onRinging) notify(onRinging);
      }
    });
    session.on("accepted", (response) => this.answered(call, response));
    session.on("failed", (response, cause) => this.failed(call, response, cause));
    session.on("terminated", ({ message, cause }) => this.terminated(call, message, cause));
    call.noAnswerTimer = this.after(request.noAnswerTimeoutMs, () =>
      setImmediate(() => this.cancel(call, "no-answer-timeout")),
    );
    return {
      callId: call.callId,
      cancel: () => this.cancel(call, "cancelled"),
      hangUp: () => this.hangUp(call),
    };
  }

  async hangUpAll(timeoutMs: number): Promise<void> {
    for (const call of [...this.calls.values()]) this.cancel(call, "cancelled");
    if (this.calls.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const call of [...this.calls.values()]) this.giveUp(call, "line closed");
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.stopPackageTimers();
    await this.transport.flush();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  /**
   * Gives a call up: CANCEL while unanswered; once answered, BYE when the caller asked (the
   * no-answer timer, due just as the 200 came, leaves an answered call alone).
   */
  private cancel(call: CallState, cause: "no-answer-timeout" | "cancelled"): void {
    if (call.phase === "answered") {
      if (cause === "cancelled") this.hangUp(call);
      return;
    }
    if (call.phase !== "inviting") return;
    if (cause === "cancelled") call.byeOnAnswer = true;
    if (call.cancelCause) return;
    call.cancelCause = cause;
    this.clear(call.noAnswerTimer);
    // The 487 should follow the CANCEL at once; if it never comes the call ends as lost.
    call.watchdog = this.after(TRANSACTION_TIMEOUT_MS, () =>
      this.giveUp(call, "no final response after CANCEL"),
    );
    if (call.invite) this.sendCancel(call, call.invite);
  }

  /** BYE, then onEnded once it is answered (or lost: no answer within 64*T1). */
  private hangUp(call: CallState): void {
    if (call.phase === "inviting") {
      this.cancel(call, "cancelled");
      return;
    }
    if (call.phase !== "answered" || !call.session) return;
    call.phase = "ending";
    const session = call.session;
    call.watchdog = this.after(TRANSACTION_TIMEOUT_MS + T2, () =>
      this.giveUp(call, "no answer to BYE"),
    );
    session.sendRequest("BYE", {
      receiveResponse: (response) => {
        if (response.status_code >= 200 && call.phase === "ending")
          session.terminated(response, "BYE");
      },
    });
  }

  private answered(call: CallState, response: IncomingResponse): void {
    if (call.phase !== "inviting") return;
    call.phase = "answered";
    this.clear(call.noAnswerTimer);
    this.clear(call.watchdog);
    const answer = {
      sdp: response.body ?? "",
      headers: lowerCaseHeaders(response),
      afterCancel: call.cancelCause !== undefined,
    };
    notify(() => call.events.onAnswered(answer));
    // A CANCEL that lost the race against the 200: the callee did answer, so say so. Only the
    // caller's own cancel (or the drain) ends it here; the no-answer timer's leaves it to them.
    if (call.byeOnAnswer) this.hangUp(call);
  }

  private failed(call: CallState, response: IncomingResponse | null, cause: string | null): void {
    if (call.phase !== "inviting") return;
    const status = response?.status_code ?? 408;
    const reason = response?.reason_phrase ?? cause ?? "no response";
    let failure: FailureCause = "lost";
    if (response) failure = status === 487 && call.cancelCause ? call.cancelCause : "rejected";
    this.finish(call);
    notify(() => call.events.onFailed({ status, reason, cause: failure }));
  }

  private terminated(call: CallState, message: IncomingMessage | null, cause: string | null): void {
    if (call.phase === "inviting") {
      this.failed(call, message instanceof SIP.IncomingResponse ? message : null, cause);
    } else if (call.phase === "answered") {
      const remoteBye = message instanceof SIP.IncomingRequest && message.method === "BYE";
      this.ended(call, remoteBye ? "remote" : "lost");
    } else if (call.phase === "ending") {
      const silence =
        cause === SIP.C.causes.REQUEST_TIMEOUT || cause === SIP.C.causes.CONNECTION_ERROR;
      this.ended(call, silence ? "lost" : "local");
    }
  }

  private ended(call: CallState, by: "local" | "remote" | "lost"): void {
    this.finish(call);
    notify(() => call.events.onEnded({ by }));
  }

  /** The watchdogs' and close()'s way out: whatever the call was doing, it is now lost. */
  private giveUp(call: CallState, reason: string): void {
    if (call.phase === "inviting") this.failed(call, null, reason);
    else if (call.phase !== "done") this.ended(call, "lost");
  }

  private finish(call: CallState): void {
    call.phase = "done";
    this.clear(call.noAnswerTimer);
    this.clear(call.watchdog);
    const invite = call.invite;
    if (invite && (invite.state === STATUS_CALLING || invite.state === STATUS_PROCEEDING)) {
      clearTimeout(invite.B); // given up while the INVITE was pending: drop its transaction
      this.ua.destroyTransaction(invite);
    }
    if (call.session && call.session.status !== SIP.Session.C.STATUS_TERMINATED)
      call.session.close();
    this.calls.delete(call.callId);
    if (this.calls.size === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }

  /** The package sends a client request once; retransmit it as RFC 3261's Timers A and E do. */
  private retransmitClientRequest(transaction: Transaction): void {
    if (transaction.type === "ict") {
      const call = this.calls.get(transaction.request.call_id);
      if (call && !call.invite) {
        call.invite = transaction;
        // cancel() came before the INVITE left: CANCEL once the transaction is set up.
        if (call.cancelCause) queueMicrotask(() => this.sendCancel(call, transaction));
      }
      this.repeat(
        Number.POSITIVE_INFINITY,
        () => transaction.state === STATUS_CALLING,
        () => this.transport.send(transaction.host, transaction.port, transaction.request),
      );
    } else {
      this.repeat(
        T2,
        () => transaction.state === STATUS_TRYING || transaction.state === STATUS_PROCEEDING,
        () => this.transport.send(transaction.host, transaction.port, transaction.request),
      );
    }
  }

  /** CANCEL (the package builds it; it goes out once a provisional response has come). */
  private sendCancel(call: CallState, invite: Transaction): void {
    if (call.phase !== "inviting") return;
    invite.request.cancel?.();
    this.repeat(
      T2,
      () =>
        call.phase === "inviting" &&
        !call.cancelAnswered &&
        (invite.state === STATUS_CALLING || invite.state === STATUS_PROCEEDING),
      () => {
        if (invite.state === STATUS_PROCEEDING && invite.cancel)
          this.transport.send(invite.host, invite.port, invite.cancel);
      },
    );
  }

  /** Calls `resend` at T1, then doubling up to `capMs`, while `pending()` holds. */
  private repeat(capMs: number, pending: () => boolean, resend: () => void): void {
    let interval = T1;
    const tick = () => {
      if (!pending()) return;
      resend();
      interval = Math.min(interval * 2, capMs);
      this.afterReading(interval, tick);
    };
    this.afterReading(interval, tick);
  }

  /**
   * Like `after`, but the action runs once the datagrams that arrived meanwhile have been read.
   * After the event loop stalls (a busy machine), Node runs due timers before reading the
   * socket; a retransmission or CANCEL sent then would answer a response already waiting, and
   * a strict peer (SIPp aborts the call on a late INVITE retransmission) would fail the call.
   */
  private afterReading(ms: number, action: () => void): void {
    this.after(ms, () => setImmediate(action));
  }

  private after(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** The package's transaction timers would keep the process alive for up to 32 s. */
  private stopPackageTimers(): void {
    for (const table of Object.values(this.ua.transactions)) {
      for (const transaction of Object.values(table)) {
        for (const timer of [
          transaction.A,
          transaction.B,
          transaction.D,
          transaction.F,
          transaction.H,
          transaction.I,
          transaction.J,
          transaction.K,
          transaction.L,
          transaction.M,
        ])
          clearTimeout(timer);
      }
    }
    for (const session of Object.values(this.ua.sessions)) session.close();
  }
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
