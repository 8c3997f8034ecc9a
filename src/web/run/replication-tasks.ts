import type { PoolResults, PoolTask } from "./worker-pool.js";

/** The replications of one scenario, in seed order (seed + i is replication i). */
export interface ScenarioReplications {
  readonly seed: number;
  readonly summaries: PoolResults["summaries"];
  readonly intervals: PoolResults["intervals"];
}

/**
 * The tasks of `replications` replications of each of `scenarios` scenarios, on the same seeds
 * (`seed`, `seed + 1`, ...) as the CLI's: scenario after scenario.
 */
export function replicationTasks(
  scenarios: number,
  seed: number,
  replications: number,
): PoolTask[] {
  return Array.from({ length: scenarios * replications }, (_, i) => ({
    scenario: Math.floor(i / replications),
    seed: seed + (i % replications),
  }));
}

/** One scenario's replications out of a run's results ({@link replicationTasks}' order). */
export function replicationsOf(
  results: PoolResults,
  scenario: number,
  seed: number,
  replications: number,
): ScenarioReplications {
  const from = scenario * replications;
  return {
    seed,
    summaries: results.summaries.slice(from, from + replications),
    intervals: results.intervals.slice(from, from + replications),
  };
}
