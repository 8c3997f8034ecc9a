import { Worker } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { type CampaignSummary, summarizeCampaign } from "../model/campaign-summary.js";
import { packagePath } from "../package-root.js";
import type { Scenario } from "../scenario/scenario.js";

/** One replication to run: its index among the tasks of a run, scenario index and seed. */
export interface ReplicationTask {
  readonly id: number;
  readonly scenario: number;
  readonly seed: number;
}

/** Messages to a worker: a new set of scenarios, or a task on the current set. */
export type WorkerMessage =
  | { readonly kind: "scenarios"; readonly scenarios: readonly Scenario[] }
  | ({ readonly kind: "task" } & ReplicationTask);

export interface ReplicationDone {
  readonly id: number;
  readonly summary: CampaignSummary;
}

// Tests run sources from src/, the CLI runs dist/src/: the worker is always the compiled file.
const WORKER_FILE = packagePath("dist", "src", "tuning", "replication-worker.js");

/**
 * Worker threads kept for many runs (starting a thread costs more than a short replication).
 * With one worker, replications run in this thread. Results come back in task order, so they
 * are identical whatever the number of workers: a replication is a pure function of its
 * scenario and seed.
 */
export class ReplicationPool {
  private readonly threads: Worker[] = [];

  constructor(readonly workers: number) {}

  /**
   * Runs the tasks; `onDone` is told of each finished one; `signal` stops handing out tasks
   * (the result then holds undefined for the rest).
   */
  async run(
    scenarios: readonly Scenario[],
    tasks: readonly ReplicationTask[],
    onDone: (done: number) => void = () => {},
    signal?: AbortSignal,
  ): Promise<(CampaignSummary | undefined)[]> {
    const results: (CampaignSummary | undefined)[] = new Array(tasks.length).fill(undefined);
    if (this.workers <= 1) {
      for (let i = 0; i < tasks.length && !signal?.aborted; i++) {
        const s = scenarios[tasks[i].scenario];
        results[i] = summarizeCampaign(simulateCampaign(s, { seed: tasks[i].seed }), s.rules);
        onDone(i + 1);
      }
      return results;
    }
    while (this.threads.length < Math.min(this.workers, tasks.length)) {
      this.threads.push(new Worker(WORKER_FILE));
    }
    let next = 0;
    let done = 0;
    await Promise.all(
      this.threads.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= tasks.length || signal?.aborted) {
                worker.off("message", onMessage);
                worker.off("error", reject);
                resolve();
                return;
              }
              const message: WorkerMessage = { kind: "task", ...tasks[next++] };
              worker.postMessage(message);
            };
            const onMessage = (msg: ReplicationDone) => {
              results[msg.id] = msg.summary;
              onDone(++done);
              feed();
            };
            worker.on("message", onMessage);
            worker.on("error", reject);
            worker.postMessage({ kind: "scenarios", scenarios } satisfies WorkerMessage);
            feed();
          }),
      ),
    );
    return results;
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((t) => t.terminate()));
  }
}

/** Runs tasks on a pool made for the purpose (see {@link ReplicationPool.run}). */
export async function runReplicationTasks(
  scenarios: readonly Scenario[],
  tasks: readonly ReplicationTask[],
  workers: number,
  onDone?: (done: number) => void,
  signal?: AbortSignal,
): Promise<(CampaignSummary | undefined)[]> {
  const pool = new ReplicationPool(workers);
  try {
    return await pool.run(scenarios, tasks, onDone, signal);
  } finally {
    await pool.close();
  }
}
