import { performance } from "node:perf_hooks";
import type { CampaignRun } from "../model/campaign.js";
import type { Scenario } from "../scenario/scenario.js";
import type { TimeScale } from "../time/time-scale.js";
import { LineAdapter, type LiveCallRecord } from "./line-adapter.js";
import { LiveCampaign, type LiveCounts } from "./live-campaign.js";
import { LiveDriver } from "./live-driver.js";
import { type LiveSnapshot, liveSnapshot } from "./live-snapshot.js";
import type { LockoutStore } from "./lockout-store.js";
import { openRtpSender } from "./rtp-sender.js";
import { ScenarioClock } from "./scenario-clock.js";
import { openSipLine } from "./sip-line.js";
import { type StopReason, watchExternalStops } from "./stop-policy.js";
import { storeLockouts } from "./store-lockouts.js";
import { WorkerForecaster } from "./worker-forecaster.js";

export type { LiveCallRecord } from "./line-adapter.js";

/** How to run a campaign live. */
export interface LiveRunOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly target: { readonly host: string; readonly port: number };
  /** Where the SIP line binds (port 0: any); RTP leaves from the same host. */
  readonly local: { readonly host: string; readonly port: number };
  /** Scenario durations run k times faster; the cut-off and the lock-out store's ends stay real. */
  readonly timeScale: TimeScale;
  readonly lockouts: LockoutStore;
  /** Stop (and drain) after this many wall-clock seconds. */
  readonly durationSeconds?: number;
  /** Place no more than this many calls, then let those in progress end. */
  readonly maxAttempts?: number;
  /** RTP packet interval (20 ms in a real call). */
  readonly rtpIntervalMs?: number;
  /** Aborting hangs up every call and ends the run early (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Wall clock, ms since the epoch (default: the performance clock). */
  readonly clock?: () => number;
  /** Keep every attempt in the run (`run.calls`), for calls.csv. */
  readonly recordCalls?: boolean;
  /** Check the campaign's laws as it runs and at its end (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** Told of each call once it is over on the dialer's side. */
  onCallEnded?(call: LiveCallRecord): void;
  /**
   * Given, once the run has started, what reads its counts at that instant (a monitor calls it
   * on its own timer; it stays valid after the run, for the final counts).
   */
  onStarted?(read: () => LiveSnapshot): void;
}

/** What a live run adds to a simulation's result. */
export interface LiveRunOutcome {
  readonly run: CampaignRun;
  readonly counts: LiveCounts;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** Why the run stopped. */
  readonly stoppedBy: StopReason;
  readonly attemptsPlaced: number;
  readonly attemptsEnded: number;
  /** Answer-to-BYE wall-clock seconds of every call hung up at the cut-off (no agent free). */
  readonly cutoffHoldSeconds: readonly number[];
  readonly calls: readonly LiveCallRecord[];
  /** Calls the line still had when it closed (should be 0). */
  readonly leftOnLine: number;
}

/**
 * Wall-clock seconds from an agent taking a call until the agent's audio can have reached the
 * callee and the callee's BYE come back, even when that BYE was lost once (resent after T1 =
 * 0.5 s): a callee's BYE sooner was a hang-up on the silence, so the call counts silent
 * (`CallLine.heardAfter`). A person does not hear an agent and hang up that fast (a time-scaled
 * callee may: counted silent then, the safe side).
 */
export const HEARD_AFTER_WALL_SECONDS = 0.7;

/**
 * Lets the calls put through within the heard window reach its end before the drain hangs
 * them up: sooner, the dialer could not tell a heard call from one the callee left in silence.
 * The campaign books each as heard, or silent if the callee's BYE came meanwhile.
 */
async function untilHeard(campaign: LiveCampaign, driver: LiveDriver): Promise<void> {
  if (campaign.unconfirmed === 0) return;
  // A few ms over the window: a timer may fire a little before its time on the clock.
  await new Promise((resolve) => setTimeout(resolve, HEARD_AFTER_WALL_SECONDS * 1000 + 10));
  driver.catchUp();
}

/** How long the drain waits for answers to CANCEL and BYE. */
const DRAIN_TIMEOUT_MS = 40_000;

/**
 * Runs a scenario live: the campaign (pure, {@link LiveCampaign}) on the wall clock through a
 * {@link LiveDriver}, its calls on a SIP line and its audio on an RTP sender through a
 * {@link LineAdapter}. Scenario time runs `timeScale` times faster than the wall clock from the
 * first calling window ({@link ScenarioClock}); the dialer's cut-off stays real seconds.
 */
export async function runLive(options: LiveRunOptions): Promise<LiveRunOutcome> {
  const { scenario, local } = options;
  const wallMs = options.clock ?? (() => performance.timeOrigin + performance.now());
  const clock = new ScenarioClock(options.timeScale, wallMs);
  const line = await openSipLine({
    localHost: local.host,
    localPort: local.port,
    target: options.target,
  });
  const rtp = await openRtpSender({
    host: local.host,
    packetIntervalMs: options.rtpIntervalMs ?? 20,
  }).catch(async (error: unknown) => {
    await line.close();
    throw error;
  });
  const adapter = new LineAdapter(
    {
      line,
      rtp,
      localHost: local.host,
      noAnswerTimeoutMs: options.timeScale.toWallMs(scenario.dialer.noAnswerTimeoutSeconds),
      wallMs,
      onCallEnded: options.onCallEnded,
    },
    (event) => driver.deliver(event),
  );
  const campaignScenario = clock.campaignScenario(scenario);
  const forecastThreads: WorkerForecaster[] = [];
  const campaign = new LiveCampaign(
    campaignScenario,
    options.seed,
    adapter,
    storeLockouts(options.lockouts, scenario, wallMs),
    {
      recordCalls: options.recordCalls,
      checkInvariants: options.checkInvariants,
      heardAfter: options.timeScale.toScenarioSeconds(HEARD_AFTER_WALL_SECONDS),
      forecaster: () => {
        const thread = new WorkerForecaster(campaignScenario, options.seed);
        forecastThreads.push(thread);
        return thread;
      },
    },
  );
  if (options.maxAttempts !== undefined) campaign.limitAttempts(options.maxAttempts);
  const driver = new LiveDriver(campaign, clock);

  const startedAt = new Date();
  const unwatch = watchExternalStops(options, driver.stop);
  driver.start();
  options.onStarted?.(() => liveSnapshot(campaign, clock, scenario.rules));
  await driver.stopped;
  unwatch();
  await untilHeard(campaign, driver);
  // Drain: the campaign books each CANCELled or BYEd call as its events come back.
  await adapter.hangUpAll(DRAIN_TIMEOUT_MS);
  driver.catchUp();
  const leftOnLine = line.active;
  await line.close();
  await rtp.close();
  await Promise.all(forecastThreads.map((thread) => thread.close()));
  const run = campaign.finish();
  return {
    run,
    counts: campaign.live,
    startedAt,
    endedAt: new Date(),
    stoppedBy: driver.stopReason ?? "interrupted",
    attemptsPlaced: run.dialer.placed,
    attemptsEnded: run.dialer.ended,
    cutoffHoldSeconds: adapter.cutoffHoldSeconds,
    calls: adapter.records,
    leftOnLine,
  };
}
