import type { Scenario } from "../scenario/scenario.js";
import { type CampaignOptions, type CampaignRun, simulateCampaign } from "./campaign.js";
import { type CampaignSummary, summarizeCampaign } from "./campaign-summary.js";
import type { IntervalRow } from "./interval-recorder.js";

/** Replications of one scenario: the first run in full, every run summarised. */
export interface Replications {
  /** Seed of replication i is `seed + i`. */
  readonly seed: number;
  readonly first: CampaignRun;
  readonly summaries: readonly CampaignSummary[];
  /** Each replication's time series. */
  readonly intervals: readonly (readonly IntervalRow[])[];
}

/**
 * Runs `count` independent replications with seeds `seed, seed + 1, ...`. Only the first run
 * keeps its call log (when `recordCalls`); the others keep their summaries and time series.
 */
export function runReplications(
  scenario: Scenario,
  seed: number,
  count: number,
  { recordCalls = false, checkInvariants = false }: Omit<CampaignOptions, "seed"> = {},
): Replications {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`replications must be a positive integer, got ${count}`);
  }
  const first = simulateCampaign(scenario, { seed, recordCalls, checkInvariants });
  const summaries = [summarizeCampaign(first, scenario.rules)];
  const intervals = [first.intervals.rows];
  for (let i = 1; i < count; i++) {
    const run = simulateCampaign(scenario, { seed: seed + i, checkInvariants });
    summaries.push(summarizeCampaign(run, scenario.rules));
    intervals.push(run.intervals.rows);
  }
  return { seed, first, summaries, intervals };
}
