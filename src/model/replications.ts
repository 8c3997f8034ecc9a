import type { Scenario } from "../scenario/scenario.js";
import { type CampaignRun, simulateCampaign } from "./campaign.js";
import { type CampaignSummary, summarizeCampaign } from "./campaign-summary.js";

/** Replications of one scenario: the first run in full, every run summarised. */
export interface Replications {
  /** Seed of replication i is `seed + i`. */
  readonly seed: number;
  readonly first: CampaignRun;
  readonly summaries: readonly CampaignSummary[];
}

/**
 * Runs `count` independent replications with seeds `seed, seed + 1, ...`. Only the first run
 * keeps its time series and call log; the others keep their summaries.
 */
export function runReplications(
  scenario: Scenario,
  seed: number,
  count: number,
  recordCalls = false,
): Replications {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`replications must be a positive integer, got ${count}`);
  }
  const first = simulateCampaign(scenario, { seed, recordCalls });
  const summaries = [summarizeCampaign(first, scenario.rules)];
  for (let i = 1; i < count; i++) {
    const run = simulateCampaign(scenario, { seed: seed + i });
    summaries.push(summarizeCampaign(run, scenario.rules));
  }
  return { seed, first, summaries };
}
