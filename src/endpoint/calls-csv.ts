import { toCsv } from "../io/write/csv.js";
import { type CallRecord, classify } from "./call-record.js";

/** The per-call CSV's columns (docs/endpoint.md, "Per-call CSV"). */
export const CALLS_CSV_COLUMNS = [
  "call_id",
  "number",
  "outcome",
  "final_status",
  "invited_at",
  "ring_seconds",
  "answered",
  "agent_audio_seconds",
  "comfort_noise",
  "ended_by",
  "ended_seconds",
  "classification",
  "succeeded",
  "cancel_after_answer",
] as const;

const seconds = (ms: number): number => Math.round(ms) / 1000;

/**
 * One CSV row per INVITE. `ring_seconds` is from the INVITE to the final response; `agent_audio_seconds` and, for answered calls,
 * `ended_seconds` are measured from the 200 OK; for unanswered calls `ended_seconds` is from
 * the INVITE. Empty cells: the event did not happen (or the call was still going at the stop).
 */
export function callsCsv(records: readonly CallRecord[]): string {
  return toCsv(
    CALLS_CSV_COLUMNS,
    records.map((r) => {
      const origin = r.answeredAt ?? r.invitedAt;
      return [
        r.callId,
        r.number,
        r.outcome,
        r.finalStatus,
        new Date(r.invitedAt).toISOString(),
        r.finalAt === null ? null : seconds(r.finalAt - r.invitedAt),
        r.answeredAt !== null,
        r.agentAudioAt === null || r.answeredAt === null
          ? null
          : seconds(r.agentAudioAt - r.answeredAt),
        r.comfortNoise,
        r.endedBy,
        r.endedAt === null ? null : seconds(r.endedAt - origin),
        classify(r),
        r.succeeded,
        r.cancelAfterAnswerAt !== null,
      ];
    }),
  );
}
