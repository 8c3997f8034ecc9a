import { OUTCOMES, type Outcome } from "../scenario/scenario.js";
import { type CalleeClassification, type CallRecord, classify } from "./call-record.js";
import type { EndpointCounters } from "./counters.js";
import type { EndpointVerdict } from "./verdict.js";

const CLASSIFICATIONS: readonly CalleeClassification[] = [
  "connected",
  "silent",
  "machine",
  "not answered",
];

/** What `pacelab endpoint --json` prints. */
export interface EndpointSummary {
  readonly listen: string;
  readonly seed: number;
  readonly timeScale: number;
  readonly calls: number;
  readonly finished: number;
  readonly successful: number;
  readonly failed: number;
  readonly retransmissions: number;
  readonly outOfCallMessages: number;
  /** Requests answered 400 Bad Request (a malformed Via), ACKs among them dropped unanswered. */
  readonly badRequests: number;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  readonly byClassification: Readonly<Record<CalleeClassification, number>>;
  readonly comfortNoiseCalls: number;
  readonly verdict: EndpointVerdict | null;
}

/** Counts a run's records and counters into a summary. */
export function summarise(
  records: readonly CallRecord[],
  counters: EndpointCounters,
  settings: { listen: string; seed: number; timeScale: number; verdict: EndpointVerdict | null },
): EndpointSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byClassification = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<
    CalleeClassification,
    number
  >;
  for (const r of records) {
    byOutcome[r.outcome]++;
    byClassification[classify(r)]++;
  }
  const counts = counters.cumulative.counts;
  return {
    listen: settings.listen,
    seed: settings.seed,
    timeScale: settings.timeScale,
    calls: records.length,
    finished: records.filter((r) => r.endedAt !== null).length,
    successful: counts.SuccessfulCall,
    failed: counts.FailedCall,
    retransmissions: counts.Retransmissions,
    outOfCallMessages: counts.OutOfCallMsgs,
    badRequests: counters.badRequests,
    byOutcome,
    byClassification,
    comfortNoiseCalls: records.filter((r) => r.comfortNoise).length,
    verdict: settings.verdict,
  };
}

/** The summary as a few readable lines. */
export function summaryText(s: EndpointSummary): string {
  const list = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
  return [
    `pacelab endpoint on ${s.listen} (seed ${s.seed}, time scale ${s.timeScale})`,
    `  calls: ${s.calls} received, ${s.finished} finished: ${s.successful} successful, ${s.failed} failed (an ACK or a 200 never came)`,
    `  fates: ${list(s.byOutcome)}`,
    `  as the callee heard them: ${list(s.byClassification)}; comfort noise on ${s.comfortNoiseCalls}`,
    `  retransmissions sent: ${s.retransmissions}; messages outside any call: ${s.outOfCallMessages}; bad requests refused: ${s.badRequests}`,
    "",
  ].join("\n");
}
