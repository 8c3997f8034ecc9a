import { Worker } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { type CampaignSummary, summarizeCampaign } from "../model/campaign-summary.js";
import { workerScript } from "../package-root.js";
import type { Scenario } from "../scenario/scenario.js";

/** One replication to run: its index among the tasks of a run, scenario index and seed. */
export interface ReplicationTask {
  readonly id: number;
  readonly scenario: number;
  readonly seed: number;
}

/**
 * What runs the replications of a search (tune's probes): a {@link ReplicationPool} of threads
 * here, the page's web workers in the browser. Results come back in task order.
 */
export interface ReplicationRunner {
  run(
    scenarios: readonly Scenario[],
    tasks: readonly ReplicationTask[],
  ): Promise<readonly (CampaignSummary | undefined)[]>;
}

/** Messages to a worker: a new set of scenarios, or a task on the current set. */
export type WorkerMessage =
  | {
      readonly kind: "scenarios";
      readonly scenarios: readonly Scenario[];
      readonly checkInvariants: boolean;
    }
  | ({ readonly kind: "task" } & ReplicationTask);

/** A worker's answer: the replication's summary, or the message of the law it broke. */
export type ReplicationDone =
  | { readonly id: number; readonly summary: CampaignSummary }
  | { readonly id: number; readonly breach: string };

/** A breach reported by a worker thread, with the CLI's exit code for it. */
class WorkerBreach extends Error {
  readonly exitCode = 70;
}

const WORKER_FILE = workerScript(import.meta.url, "dist", "src", "tuning", "replication-worker.js");

/**
 * Worker threads kept for many runs (starting a thread costs more than a short replication).
 * With one worker, replications run in this thread. Results come back in task order, so they
 * are identical whatever the number of workers: a replication is a pure function of its
 * scenario and seed.
 */
export class ReplicationPool implements ReplicationRunner {
  private readonly threads: Worker[] = [];

  /** `checkInvariants`: every replication checks the campaign's laws (docs/invariants.md). */
  constructor(
    readonly workers: number,
    private readonly checkInvariants = false,
  ) {}

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
        const options = { seed: tasks[i].seed, checkInvariants: this.checkInvariants };
        results[i] = summarizeCampaign(simulateCampaign(s, options), s.rules);
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
              if ("breach" in msg) {
                worker.off("message", onMessage);
                reject(new WorkerBreach(msg.breach));
                return;
              }
              results[msg.id] = msg.summary;
              onDone(++done);
              feed();
            };
            worker.on("message", onMessage);
            worker.on("error", reject);
            const checkInvariants = this.checkInvariants;
            worker.postMessage({
              kind: "scenarios",
              scenarios,
              checkInvariants,
            } satisfies WorkerMessage);
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

/** Lends `use` a pool of `workers` made for it, closed when `use` is done (or fails). */
export async function withReplicationPool<T>(
  workers: number,
  checkInvariants: boolean | undefined,
  use: (pool: ReplicationPool) => Promise<T>,
): Promise<T> {
  const pool = new ReplicationPool(workers, checkInvariants);
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

/** Runs tasks on a pool made for the purpose (see {@link ReplicationPool.run}). */
export function runReplicationTasks(
  scenarios: readonly Scenario[],
  tasks: readonly ReplicationTask[],
  workers: number,
  onDone?: (done: number) => void,
  signal?: AbortSignal,
  checkInvariants = false,
): Promise<(CampaignSummary | undefined)[]> {
  return withReplicationPool(workers, checkInvariants, (pool) =>
    pool.run(scenarios, tasks, onDone, signal),
  );
}
