import type { ReplicationRunner } from "../../tuning/replication-pool.js";
import type { WorkerPool } from "./worker-pool.js";

/**
 * The page's web workers as the replication runner of `tune` (src/tuning/tune.ts, the CLI's
 * own search): each batch a run of the parsed scenarios on the pool. `onReplication` is told of
 * each finished replication; the pool's `stop()` rejects the batch, and the search with it.
 */
export function tuneRunner(pool: WorkerPool, onReplication: () => void): ReplicationRunner {
  return {
    async run(scenarios, tasks) {
      const results = await pool.run({
        sources: scenarios.map((scenario) => ({ scenario })),
        tasks: tasks.map(({ scenario, seed }) => ({ scenario, seed })),
        onProgress: onReplication,
      });
      return results.summaries;
    },
  };
}
