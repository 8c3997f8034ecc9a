import SIP, {
  type MediaHandler,
  type OutgoingRequest,
  type TransportLike,
  type UserAgent,
} from "sipjs-udp";
import { createSipIds } from "./sip-ids.js";
import { speedUpParsing } from "./sipjs-grammar.js";

/**
 * `sipjs-udp` with the fixes the dialer needs applied once, process-wide, on import: only this
 * module and the SIP line import the package (docs/live.md, "SIP layer").
 */
export { SIP };

export const T1 = SIP.Timers.T1;
export const T2 = SIP.Timers.T2;
/** RFC 3261's 64*T1: how long a transaction may go unanswered (Timers B and F). */
export const TRANSACTION_TIMEOUT_MS = 64 * T1;
export const { STATUS_CALLING, STATUS_PROCEEDING, STATUS_TRYING } = SIP.Transactions.C;
/** Socket buffers: the default holds about 100 datagrams. */
export const RECEIVE_BUFFER_BYTES = 4 << 20;

// Process-wide fixes to the package, applied once on import:
// Timers D and J are 0 in the package (values for reliable transports). On UDP they must
// outlive retransmissions (RFC 3261 17.1.1.2, 17.2.2), or a retransmitted 487 (our ACK lost)
// or BYE (our 200 lost) finds no transaction and the far end never completes the call.
SIP.Timers.TIMER_D = TRANSACTION_TIMEOUT_MS;
SIP.Timers.TIMER_J = TRANSACTION_TIMEOUT_MS;
speedUpParsing(SIP);

/** Via branches and Call-IDs that never collide (the package's do at ~1,000 calls). */
export const ids = createSipIds();

/** The Via header of a request the UA sends, with `branch`. */
export function viaHeader(ua: UserAgent, branch: string): string {
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
export const passThroughMedia: MediaHandler = {
  getDescription: (hint) => Promise.resolve(String(hint)),
  setDescription: () => Promise.resolve(),
  close() {},
  render() {},
  mute() {},
  unmute() {},
  isReady: () => true,
};
