/** One point of a sweep (or one probed value of tune): its replications summarised. */
import { acrossSummaries, type CampaignSummary } from "../model/campaign-summary.js";
import type { MeanInterval } from "../stats/confidence.js";

/** Figures summarised at each grid point, as means with 95% intervals across replications. */
export const SWEPT_METRICS = [
  "silentPer100Connected",
  "silentPer100Answered",
  "agentOccupancy",
  "talkOccupancy",
  "talkMinutesPerAgentHour",
  "connectedPerAgentHour",
] as const satisfies readonly (keyof CampaignSummary)[];

export type SweptMetric = (typeof SWEPT_METRICS)[number];

export interface SweepPoint {
  /** Position in the full grid (the first axis varying slowest). */
  readonly index: number;
  /** The swept keys' values at this point. */
  readonly settings: Readonly<Record<string, number | string>>;
  /** Replications that finished (fewer than asked only when the sweep was stopped). */
  readonly replications: number;
  readonly metrics: Readonly<Record<SweptMetric, MeanInterval | null>>;
  /** Replications whose campaign ended above the ceiling, and their share. */
  readonly overCeiling: number;
  readonly overCeilingProbability: number;
}

/** Summarises one point's replications. */
export function summarizePoint(
  index: number,
  settings: Record<string, number | string>,
  summaries: readonly CampaignSummary[],
): SweepPoint {
  const { metrics, overCeiling } = acrossSummaries(summaries, SWEPT_METRICS);
  return {
    index,
    settings,
    replications: summaries.length,
    metrics,
    overCeiling,
    overCeilingProbability: summaries.length > 0 ? overCeiling / summaries.length : 0,
  };
}
