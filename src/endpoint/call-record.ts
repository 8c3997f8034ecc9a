import type { Outcome } from "../scenario/scenario.js";

/** Who ended a call: the dialer's BYE, the callee's BYE, or nobody because a message was lost. */
export type EndedBy = "caller" | "callee" | "lost";

/** How the callee experienced a call. */
export type CalleeClassification = "connected" | "silent" | "not answered" | "machine";

/**
 * Everything the endpoint records about one INVITE. Times are milliseconds since the epoch
 * (fractional), null when the event did not happen.
 */
export interface CallRecord {
  readonly callId: string;
  /** User part of the Request-URI: the number dialled. */
  readonly number: string;
  /** The fate drawn for this call. */
  readonly outcome: Outcome;
  readonly invitedAt: number;
  /** When the first 180 went out. */
  ringingAt: number | null;
  /** When the first 200 OK went out (the answer). */
  answeredAt: number | null;
  /** Final status sent to the INVITE (200, 486, 404, 480, 487), null while none was. */
  finalStatus: number | null;
  /** When that final response first went out. */
  finalAt: number | null;
  /** First RTP packet with payload 0 (agent audio) after the answer. */
  agentAudioAt: number | null;
  /** Whether any RTP packet with payload 13 (comfort noise) arrived after the answer. */
  comfortNoise: boolean;
  /** When the call finished (BYE answered, ACK received, or given up). */
  endedAt: number | null;
  /** Who hung up an answered call; `lost` when an ACK or a 200 never came. */
  endedBy: EndedBy | null;
  /** Whether the call went through without a lost ACK or 200 (SIPp's SuccessfulCall). */
  succeeded: boolean | null;
  /**
   * When a CANCEL for the INVITE first arrived after the 200 OK had gone out: the dialer gave
   * up ringing while the answer was on its way (or lost), so the two crossed.
   */
  cancelAfterAnswerAt: number | null;
}

/** How the callee saw a call: machine, connected (agent audio arrived), silent, not answered. */
export function classify(record: CallRecord): CalleeClassification {
  if (record.answeredAt === null) return "not answered";
  if (record.outcome === "machine") return "machine";
  return record.agentAudioAt === null ? "silent" : "connected";
}
