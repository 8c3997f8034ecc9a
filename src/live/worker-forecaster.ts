import { Worker } from "node:worker_threads";
import { ObservedForecaster } from "../lookahead/observed-forecaster.js";
import type { CandidateForecast, Forecaster, ForecastRequest } from "../pacing/forecaster.js";
import { workerScript } from "../package-root.js";
import type { Scenario } from "../scenario/scenario.js";
import { type ForecastAnswer, toForecastMessage } from "./forecast-message.js";

const WORKER_FILE = workerScript(import.meta.url, "dist", "src", "live", "forecast-worker.js");

/**
 * A live lookahead pacer's forecaster: its futures run on a worker thread, so that a forecast
 * (tens to hundreds of milliseconds) never holds up the live runner's timers and SIP. A
 * decision gets the newest forecast the thread has answered, which is the one asked at the
 * previous decision (`cadenceSeconds` earlier) when the thread keeps up; the first decision's
 * is computed here, as nothing was asked before it. A request made while the thread is still
 * busy is not queued: the next decision asks again with fresher counts. The pacer's record
 * (silent calls and denominator so far) is always the current one: only the futures lag.
 */
export class WorkerForecaster implements Forecaster {
  private readonly worker: Worker;
  private latest: CandidateForecast[] | null = null;
  /** The request in flight, answered (or failed) when it settles; null when none is. */
  private inFlight: Promise<void> | null = null;
  private settle: () => void = () => {};
  private failure: Error | null = null;
  private skippedCount = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {
    this.worker = new Worker(WORKER_FILE, { workerData: { scenario, seed } });
    this.worker.unref(); // never what keeps a finished run's process alive
    this.worker.on("message", (answer: ForecastAnswer) => {
      if (answer.error !== undefined) this.failure = new Error(`forecast: ${answer.error}`);
      else if (answer.forecasts !== undefined) this.latest = answer.forecasts;
      this.settled();
    });
    this.worker.on("error", (error) => {
      this.failure = error;
      this.settled();
    });
  }

  forecast(request: ForecastRequest): CandidateForecast[] {
    if (this.failure !== null) throw this.failure;
    if (this.latest === null) {
      this.latest = new ObservedForecaster(this.scenario, this.seed).forecast(request);
      return this.latest;
    }
    if (this.inFlight !== null) this.skippedCount++;
    else {
      this.inFlight = new Promise((resolve) => {
        this.settle = resolve;
      });
      this.worker.postMessage(toForecastMessage(request));
    }
    return this.latest;
  }

  /** Requests answered from an older forecast without asking the thread, as it was busy. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** Resolves once no request is in flight. */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  private settled(): void {
    this.inFlight = null;
    this.settle();
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
