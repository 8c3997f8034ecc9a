import { createSocket, type Socket } from "node:dgram";
import { parseCSeq } from "../../src/sip/header-params.js";
import { headerValue, type SipMessage } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";
import type { TestCall } from "../endpoint/sip-requests.js";

/**
 * A raw UDP caller for tests that drive SIPp message by message (requests built with
 * test/endpoint/sip-requests.ts): one socket, each call's messages routed to it by Call-ID.
 */
export class RawSipCaller {
  private readonly inboxes = new Map<string, Inbox>();
  private nextCall = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly targetPort: number,
  ) {
    socket.on("message", (datagram) => {
      const parsed = parseSipMessage(datagram);
      if (!parsed.ok) return;
      this.inboxes.get(headerValue(parsed.message, "Call-ID") ?? "")?.push(parsed.message);
    });
  }

  /** Binds a socket on 127.0.0.1 that sends to `targetPort` there. */
  static async open(targetPort: number): Promise<RawSipCaller> {
    const socket = createSocket("udp4");
    await new Promise<void>((done) => socket.bind(0, "127.0.0.1", done));
    return new RawSipCaller(socket, targetPort);
  }

  /** A new call to `number` (its Call-ID starts with `label`); `end()` it when done. */
  newCall(number: string, label: string): RawCall {
    const call: TestCall = {
      callId: `${label}-${++this.nextCall}-${process.pid}`,
      clientPort: this.socket.address().port,
      target: { address: "127.0.0.1", port: this.targetPort },
      number,
    };
    const inbox = new Inbox();
    this.inboxes.set(call.callId, inbox);
    return {
      call,
      seen: inbox.seen,
      next: (untilMs) => inbox.next(untilMs),
      end: () => this.inboxes.delete(call.callId),
    };
  }

  /** Sends one datagram to the target. */
  send(text: string): void {
    this.socket.send(text, this.targetPort, "127.0.0.1");
  }

  /** Closes the socket. */
  close(): Promise<void> {
    return new Promise((done) => this.socket.close(() => done()));
  }
}

/** One call of a RawSipCaller. */
export interface RawCall {
  readonly call: TestCall;
  /** What next() handed out so far: `status method` for a response (`180 INVITE`), else the method. */
  readonly seen: readonly string[];
  /** The next message, or null if none has arrived by `untilMs` (epoch milliseconds). */
  next(untilMs: number): Promise<SipMessage | null>;
  /** Stops routing this call's messages. */
  end(): void;
}

/** A message's line in RawCall.seen. */
export function describeMessage(message: SipMessage): string {
  if (message.kind === "request") return message.method;
  return `${message.status} ${parseCSeq(headerValue(message, "CSeq") ?? "")?.method}`;
}

/** One call's messages, handed out in arrival order. */
class Inbox {
  readonly seen: string[] = [];
  private readonly queue: SipMessage[] = [];
  private wake?: () => void;

  push(message: SipMessage): void {
    this.queue.push(message);
    this.wake?.();
  }

  async next(untilMs: number): Promise<SipMessage | null> {
    while (this.queue.length === 0) {
      const wait = untilMs - Date.now();
      if (wait <= 0) return null;
      await new Promise<void>((woken) => {
        const timer = setTimeout(woken, wait);
        this.wake = () => {
          clearTimeout(timer);
          woken();
        };
      });
    }
    const message = this.queue.shift();
    if (message === undefined) return null;
    this.seen.push(describeMessage(message));
    return message;
  }
}
