import { createSocket, type Socket } from "node:dgram";
import { performance } from "node:perf_hooks";
import { headerValue, type SipMessage } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";

/** A message the test client received, with its arrival time (performance.now ms). */
export interface Received {
  readonly message: SipMessage;
  readonly at: number;
}

/**
 * A hand-driven SIP caller for endpoint tests: a real UDP socket that sends text written in the
 * test and keeps every message it receives.
 */
export class SipTestClient {
  readonly received: Received[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly target: { address: string; port: number },
  ) {
    socket.on("message", (datagram) => {
      const parsed = parseSipMessage(datagram);
      if (!parsed.ok) throw new Error(`endpoint sent unparsable SIP: ${parsed.error}`);
      this.received.push({ message: parsed.message, at: performance.now() });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Opens a client on a free loopback port, talking to `target`. */
  static async open(target: { address: string; port: number }): Promise<SipTestClient> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    return new SipTestClient(socket, socket.address().port, target);
  }

  /** Sends SIP text (lines joined with CRLF by the caller) or raw bytes. */
  send(datagram: string | Uint8Array): void {
    this.socket.send(
      typeof datagram === "string" ? Buffer.from(datagram, "utf8") : datagram,
      this.target.port,
      this.target.address,
    );
  }

  /** Messages received so far for `callId` that satisfy `match`. */
  messages(callId: string, match: (m: SipMessage) => boolean = () => true): Received[] {
    return this.received.filter(
      (r) => headerValue(r.message, "call-id") === callId && match(r.message),
    );
  }

  /**
   * Resolves with the `count`-th message for `callId` matching `match` (1 = the first); rejects
   * after `timeoutMs` with what did arrive, so that a failing test says why.
   */
  async waitFor(
    callId: string,
    match: (m: SipMessage) => boolean,
    timeoutMs = 3000,
    count = 1,
  ): Promise<Received> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.messages(callId, match);
      if (found.length >= count) return found[count - 1] as Received;
      const left = deadline - performance.now();
      if (left <= 0) {
        const seen = this.messages(callId).map((r) => describe(r.message));
        throw new Error(
          `timed out waiting on ${callId}; received: ${seen.join(", ") || "nothing"}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.push(wake);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** `200 INVITE`, `BYE`: a short name for a message in failure output. */
export function describe(m: SipMessage): string {
  const cseq = headerValue(m, "cseq") ?? "";
  return m.kind === "request" ? m.method : `${m.status} ${cseq.split(/\s+/)[1] ?? ""}`;
}

/** Matches a response with `status` to a request of `method`. */
export function isResponse(status: number, method = "INVITE") {
  return (m: SipMessage): boolean =>
    m.kind === "response" &&
    m.status === status &&
    (headerValue(m, "cseq") ?? "").trim().endsWith(method);
}

/** Matches a request of `method`. */
export function isRequest(method: string) {
  return (m: SipMessage): boolean => m.kind === "request" && m.method === method;
}
