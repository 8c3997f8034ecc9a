import type { CampaignSummary } from "../model/campaign-summary.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ReplicationRunner, ReplicationTask } from "./replication-pool.js";

/** Replications' summaries kept by scenario and seed (see `ReplicationStore` in replication-store.ts). */
export interface ReplicationKeeper {
  /** The summary kept for `scenario` at `seed`, if any. */
  find(scenario: Scenario, seed: number): CampaignSummary | undefined;
  /** Keeps each summary for its scenario and seed, all at once. */
  keep(done: readonly { scenario: Scenario; seed: number; summary: CampaignSummary }[]): void;
}

/**
 * `runner`, with each replication first looked up in `keeper` and each one run kept there, so
 * that a search run again (a tune or study stopped midway) repeats none it already ran: a
 * replication is a pure function of its scenario and seed. Without a keeper, `runner` itself.
 */
export function cachedRunner(
  runner: ReplicationRunner,
  keeper: ReplicationKeeper | undefined,
): ReplicationRunner {
  if (keeper === undefined) return runner;
  return {
    async run(scenarios, tasks) {
      const results = tasks.map((t) => keeper.find(scenarios[t.scenario], t.seed));
      const missing = results.flatMap((found, i) => (found === undefined ? [i] : []));
      if (missing.length === 0) return results;
      // The runner answers by task id: the missing tasks are renumbered from 0.
      const toRun: ReplicationTask[] = missing.map((i, id) => ({ ...tasks[i], id }));
      const done = await runner.run(scenarios, toRun);
      const kept: { scenario: Scenario; seed: number; summary: CampaignSummary }[] = [];
      missing.forEach((i, j) => {
        const summary = done[j];
        if (summary === undefined) return; // stopped before it ran
        results[i] = summary;
        kept.push({ scenario: scenarios[tasks[i].scenario], seed: tasks[i].seed, summary });
      });
      keeper.keep(kept);
      return results;
    },
  };
}
