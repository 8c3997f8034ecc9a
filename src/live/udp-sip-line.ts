import type { Socket } from "node:dgram";
import type {
  IncomingMessage,
  IncomingResponse,
  InviteClientContext,
  Transaction,
  UserAgent,
} from "sipjs-udp";
import type { CallEvents, DialRequest, FailureCause, OutboundCall, SipLine } from "./sip-line.js";
import { SipUdpTransport } from "./sip-udp-transport.js";
import {
  ids,
  SIP,
  STATUS_CALLING,
  STATUS_PROCEEDING,
  STATUS_TRYING,
  T1,
  T2,
  TRANSACTION_TIMEOUT_MS,
  viaHeader,
} from "./sipjs-package.js";

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

/** The SIP line on one UDP socket and a sipjs-udp UA (see {@link openSipLine}). */
export class UdpSipLine implements SipLine {
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
    const onCancelling = call.events.onCancelling?.bind(call.events);
    if (onCancelling) notify(onCancelling);
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
