import type { Socket } from "node:dgram";
import SIP, {
  type IncomingMessage,
  type OutgoingRequest,
  type TransportLike,
  type UserAgent,
} from "sipjs-udp";

/**
 * The UDP transport that sip-line hands to sipjs-udp's UA in place of the package's own.
 *
 * The package's transport binds the port of the UA's `uri` itself (so port 0 cannot be asked
 * for and the real port never reaches Via/Contact), has no way to close (`ua.stop()` throws
 * calling the missing `disconnect`), drops sends in flight when the process exits, and decodes
 * datagrams with `String.fromCharCode.apply` on every byte. This one sends through a socket
 * that sip-line bound beforehand, lets `flush()` wait until the socket's send queue is empty,
 * and dispatches received messages exactly as the package does (parse, sanity check, then
 * the matching client transaction or the UA), plus two things the package lacks: it notices
 * the 200 to a CANCEL (the package drops it; sip-line stops retransmitting the CANCEL then),
 * and it refuses incoming INVITEs (a dialer takes no calls; the package would hang them).
 */
export class SipUdpTransport implements TransportLike {
  /** sipjs-udp writes its connection status here. */
  readonly server: object = {};
  /** The UA sends only while its transport says it is connected. */
  connected = true;
  private closed = false;

  constructor(
    private readonly ua: UserAgent,
    private readonly socket: Socket,
    private readonly onCancelAnswered: (callId: string) => void,
  ) {
    ua.transport = this;
    socket.on("message", (datagram) => this.receive(datagram));
  }

  /** Sends one message; false (the package then fails the transaction) once closed. */
  send(host: string, port: number, message: string | OutgoingRequest): boolean {
    if (this.closed) return false;
    // No completion callback: a datagram the system refuses is lost, as on the wire, and
    // flush() watches the socket's send queue instead.
    this.socket.send(typeof message === "string" ? message : message.toString(), port, host);
    return true;
  }

  /** Stops sending and resolves once every datagram handed to the socket has left. */
  async flush(): Promise<void> {
    this.closed = true;
    this.connected = false;
    while (this.socket.getSendQueueCount() > 0)
      await new Promise((resolve) => setImmediate(resolve));
  }

  private receive(datagram: Buffer): void {
    if (this.closed) return;
    const text = datagram.toString("utf8");
    if (text.trim() === "") return; // keep-alive CRLFs
    try {
      const message = SIP.Parser.parseMessage(text, this.ua);
      if (message && SIP.sanityCheck(message, this.ua, this)) this.dispatch(message);
    } catch {
      // A malformed datagram must not take the dialer down; the sender retransmits if it cares.
    }
  }

  private dispatch(message: IncomingMessage): void {
    if (message instanceof SIP.IncomingRequest) {
      if (message.method === "INVITE" && !message.to_tag) {
        message.reply_sl(603);
        return;
      }
      message.transport = this;
      this.ua.receiveRequest(message);
      return;
    }
    if (!(message instanceof SIP.IncomingResponse)) return;
    const transactions = this.ua.transactions;
    if (message.method === "INVITE") transactions.ict[message.via_branch]?.receiveResponse(message);
    else if (message.method === "CANCEL") this.onCancelAnswered(message.call_id);
    else if (message.method !== "ACK")
      transactions.nict[message.via_branch]?.receiveResponse(message);
  }
}
