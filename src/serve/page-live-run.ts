import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { checkOutputFile } from "../io/write/output-path.js";
import { liveResultDocument } from "../live/live-result.js";
import { localAddressToward } from "../live/local-address-toward.js";
import { DEFAULT_LOCKOUTS_PATH, LockoutStore } from "../live/lockout-store.js";
import { runLive } from "../live/run-live.js";
import { packagePath } from "../package-root.js";
import { loadScenario } from "../scenario/load.js";
import type { Scenario } from "../scenario/scenario.js";
import { TimeScale } from "../time/time-scale.js";
import type { LiveMonitor } from "./live-monitor.js";
import { LiveRequestError } from "./live-request-error.js";
import { type LiveTargetPolicy, parseLiveTarget } from "./live-target.js";

/** What the Live page's form sends: a bundled scenario, the target, the time scale, a limit. */
export interface PageRunRequest {
  readonly scenario: string;
  readonly target: string;
  readonly timeScale: number;
  /** Stop after this many wall-clock seconds (none: the scenario's calendar or leads). */
  readonly durationSeconds?: number;
}

/** A bundled scenario's name, as the page lists them. */
const BUNDLED_NAME = /^scenarios\/[a-z0-9-]+\.yaml$/;

function bad(message: string): LiveRequestError {
  return new LiveRequestError(400, message);
}

/** The request's fields, checked; throws a 400 naming the field and what was expected. */
function checkRequest(body: Partial<Record<keyof PageRunRequest, unknown>>): PageRunRequest {
  const { scenario, target, timeScale, durationSeconds } = body;
  if (typeof scenario !== "string" || !BUNDLED_NAME.test(scenario)) {
    throw bad(`scenario: expected a bundled scenario such as scenarios/small-team.yaml`);
  }
  if (typeof target !== "string") throw bad("target: expected host:port, e.g. 127.0.0.1:5070");
  if (typeof timeScale !== "number" || !TimeScale.isValid(timeScale)) {
    throw bad(`timeScale: expected a positive number, got ${JSON.stringify(timeScale)}`);
  }
  const limited = durationSeconds !== undefined && durationSeconds !== null;
  if (limited && !(typeof durationSeconds === "number" && durationSeconds > 0)) {
    throw bad(
      `durationSeconds: expected a positive number, got ${JSON.stringify(durationSeconds)}`,
    );
  }
  return { scenario, target, timeScale, ...(limited ? { durationSeconds } : {}) };
}

function bundledScenario(name: string): Scenario {
  const path = packagePath(name);
  if (!existsSync(path)) throw bad(`scenario: ${name} is not a bundled scenario`);
  return loadScenario(path);
}

/**
 * Live runs started from the Live page, one at a time, in the server's process: the same
 * `runLive` and result document as `pacelab live`, its counts broadcast by the monitor.
 * Lock-outs go to the served folder's `reports/lockouts.sqlite`, as `pacelab live` run there
 * keeps them; nothing is written to the evidence store (the page offers the result JSON).
 */
export class PageLiveRuns {
  private abort: AbortController | null = null;
  private finished: Promise<void> = Promise.resolve();

  constructor(
    private readonly monitor: LiveMonitor,
    private readonly root: string,
    private readonly policy: LiveTargetPolicy,
  ) {}

  /**
   * Checks the request and starts the run; resolves once it is dialing. Throws a
   * LiveRequestError (400, 403; 409 while another runs) or the run's own startup error.
   */
  async start(body: Partial<Record<keyof PageRunRequest, unknown>>): Promise<void> {
    if (this.abort !== null) throw new LiveRequestError(409, "a live run is already going");
    const request = checkRequest(body);
    const target = parseLiveTarget(request.target, this.policy);
    const scenario = bundledScenario(request.scenario);
    const lockoutsPath = resolve(this.root, DEFAULT_LOCKOUTS_PATH);
    checkOutputFile("lockouts", lockoutsPath);
    const abort = new AbortController();
    this.abort = abort;
    let dialing: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      dialing = resolve;
    });
    const run = this.run(request, scenario, target, lockoutsPath, abort.signal, dialing);
    // A failure before dialing is the request's answer; a later one goes to the pages.
    this.finished = run.then(
      () => {},
      (error: unknown) => {
        if (this.monitor.busy)
          this.monitor.fail(error instanceof Error ? error.message : String(error));
      },
    );
    void this.finished.finally(() => {
      this.abort = null;
    });
    // Whichever comes first: dialing, or the run's failure to start (a port in use).
    await Promise.race([started, run]);
  }

  /** Hangs up and ends the run in progress; false when none is. */
  stop(): boolean {
    if (this.abort === null) return false;
    this.abort.abort();
    return true;
  }

  /** Stops the run in progress, if any, and waits for its end. */
  async close(): Promise<void> {
    this.stop();
    await this.finished;
  }

  private async run(
    request: PageRunRequest,
    scenario: Scenario,
    target: { host: string; port: number },
    lockoutsPath: string,
    signal: AbortSignal,
    dialing: () => void,
  ): Promise<void> {
    const timeScale = TimeScale.of(request.timeScale);
    const localHost = await localAddressToward(target.host, target.port);
    const lockouts = LockoutStore.open(lockoutsPath);
    try {
      const outcome = await runLive({
        scenario,
        seed: scenario.seed,
        target,
        local: { host: localHost, port: 0 },
        timeScale,
        lockouts,
        durationSeconds: request.durationSeconds,
        signal,
        onStarted: (read) => {
          const label = {
            scenario: request.scenario,
            target: `${target.host}:${target.port}`,
            timeScale: request.timeScale,
            startedAt: new Date().toISOString(),
          };
          this.monitor.begin(label, read);
          dialing();
        },
      });
      this.monitor.finish(
        liveResultDocument(outcome, {
          scenario,
          file: request.scenario,
          seed: scenario.seed,
          target,
          timeScale,
          lockoutStore: DEFAULT_LOCKOUTS_PATH,
        }),
      );
    } finally {
      lockouts.close();
    }
  }
}
