import type { CampaignSummary } from "../../model/campaign-summary.js";
import type { IntervalRow } from "../../model/interval-recorder.js";
import type {
  ReplicationReply,
  ReplicationRequest,
  ScenarioSource,
} from "./replication-messages.js";

/** One replication to run: which of the run's scenarios, at which seed. */
export interface PoolTask {
  readonly scenario: number;
  readonly seed: number;
}

/** Each task's replication, in the order of the tasks. */
export interface PoolResults {
  readonly summaries: readonly CampaignSummary[];
  readonly intervals: readonly (readonly IntervalRow[])[];
  /** Each replication's time in its worker, milliseconds. */
  readonly elapsedMs: readonly number[];
}

/** One run's request: its scenarios and its tasks on them. */
export interface PoolRun {
  readonly sources: readonly ScenarioSource[];
  readonly tasks: readonly PoolTask[];
  /** Told after each finished replication. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The run was stopped (`stop()`) before it finished. */
export class RunStopped extends Error {
  override readonly name = "RunStopped";
}

/**
 * Web workers running replications, handed one at a time so that a fast worker takes more.
 * Results come back in seed order, so they are the same whatever the number of workers.
 * `stop()` ends the run at once: the workers are terminated (a replication cannot be
 * interrupted otherwise) and new ones start with the next run.
 */
export class WorkerPool {
  private workers: Worker[] = [];
  private abort: (() => void) | null = null;

  constructor(
    readonly size: number,
    private readonly workerUrl: string,
  ) {}

  /** Runs the replications; rejects with the first replication's error, or RunStopped. */
  run(request: PoolRun): Promise<PoolResults> {
    if (this.abort !== null) return Promise.reject(new Error("a run is already going"));
    const count = request.tasks.length;
    while (this.workers.length < Math.min(this.size, count)) {
      this.workers.push(new Worker(this.workerUrl));
    }
    const summaries: CampaignSummary[] = new Array(count);
    const intervals: (readonly IntervalRow[])[] = new Array(count);
    const elapsedMs: number[] = new Array(count);
    let next = 0;
    let done = 0;
    return new Promise<PoolResults>((resolve, reject) => {
      const finish = (error?: Error) => {
        this.abort = null;
        for (const worker of this.workers) worker.onmessage = null;
        if (error === undefined) resolve({ summaries, intervals, elapsedMs });
        else reject(error);
      };
      const feed = (worker: Worker) => {
        if (next >= count) return;
        const id = next++;
        const task: ReplicationRequest = { kind: "task", id, ...request.tasks[id] };
        worker.postMessage(task);
      };
      this.abort = () => {
        this.terminate();
        finish(new RunStopped(`stopped after ${done} of ${count} replications`));
      };
      for (const worker of this.workers) {
        worker.onmessage = ({ data }: MessageEvent<ReplicationReply>) => {
          if ("error" in data) {
            this.terminate();
            finish(new Error(data.error));
            return;
          }
          summaries[data.id] = data.summary;
          intervals[data.id] = data.intervals;
          elapsedMs[data.id] = data.elapsedMs;
          done++;
          request.onProgress?.(done, count);
          if (done === count) finish();
          else feed(worker);
        };
        const scenarios: ReplicationRequest = { kind: "scenarios", sources: request.sources };
        worker.postMessage(scenarios);
        feed(worker);
      }
    });
  }

  /** Stops the run under way, if any (its promise rejects with RunStopped). */
  stop(): void {
    this.abort?.();
  }

  private terminate(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }
}
