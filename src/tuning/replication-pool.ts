import { Worker } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { type CampaignSummary, summarizeCampaign } from "../model/campaign-summary.js";
import type { Scenario } from "../scenario/scenario.js";

/** One replication to run: scenario index and seed. */
export interface ReplicationTask {
  readonly id: number;
  readonly scenario: number;
  readonly seed: number;
}

export interface ReplicationDone {
  readonly id: number;
  readonly summary: CampaignSummary;
}

// Tests run sources from src/, the CLI runs dist/src/: the worker is always the compiled file.
function workerUrl(): URL {
  const here = import.meta.url;
  return here.includes("/dist/src/")
    ? new URL("./replication-worker.js", here)
    : new URL("../../dist/src/tuning/replication-worker.js", here);
}

/**
 * Runs replication tasks on `workers` threads (in this thread when 1) and returns their
 * summaries in task order, so results are identical whatever the number of workers.
 * `onDone` is told of each finished task; `signal` stops handing out tasks (the promise then
 * resolves with the finished ones, the rest left undefined).
 */
export async function runReplicationTasks(
  scenarios: readonly Scenario[],
  tasks: readonly ReplicationTask[],
  workers: number,
  onDone: (done: number) => void = () => {},
  signal?: AbortSignal,
): Promise<(CampaignSummary | undefined)[]> {
  const results: (CampaignSummary | undefined)[] = new Array(tasks.length).fill(undefined);
  if (workers <= 1) {
    for (let i = 0; i < tasks.length && !signal?.aborted; i++) {
      const s = scenarios[tasks[i].scenario];
      results[i] = summarizeCampaign(simulateCampaign(s, { seed: tasks[i].seed }), s.rules);
      onDone(i + 1);
    }
    return results;
  }
  let next = 0;
  let done = 0;
  const threads = Array.from(
    { length: Math.min(workers, tasks.length) },
    () => new Worker(workerUrl(), { workerData: { scenarios } }),
  );
  try {
    await Promise.all(
      threads.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= tasks.length || signal?.aborted) return resolve();
              worker.postMessage(tasks[next++]);
            };
            worker.on("message", (msg: ReplicationDone) => {
              results[msg.id] = msg.summary;
              onDone(++done);
              feed();
            });
            worker.on("error", reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
