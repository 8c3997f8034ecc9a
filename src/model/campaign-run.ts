import type { CampaignDay } from "../calendar/calendar.js";
import type { Forecaster } from "../pacing/forecaster.js";
import type { DialerCounters } from "../pacing/view.js";
import type { AgentPool } from "./agent-pool.js";
import type { Call } from "./call.js";
import type { CallLine } from "./call-line.js";
import type { CampaignCounters } from "./campaign-counters.js";
import type { IntervalRecorder } from "./interval-recorder.js";
import type { LeadScreen } from "./lead-book.js";
import type { TimeZoneOf } from "./lead-time-zones.js";

/** The raw outcome of one simulated campaign: counters, time series and optionally every call. */
export interface CampaignRun {
  readonly counters: CampaignCounters;
  readonly dialer: DialerCounters;
  readonly agents: AgentPool;
  readonly intervals: IntervalRecorder;
  /** Campaign seconds at which the last call ended. */
  readonly endedAt: number;
  /** True when every lead was finished before the calendar ran out. */
  readonly completed: boolean;
  readonly leadsTotal: number;
  /** Every attempt, when `recordCalls` was set. */
  readonly calls: readonly Call[] | null;
  readonly days: readonly CampaignDay[];
  /** Each lead's time zone ("" for the centre's), or null when all are in the centre's. */
  readonly timeZoneOf: TimeZoneOf | null;
}

export interface CampaignOptions {
  readonly seed: number;
  /** Keep every attempt for the per-call CSV (costs memory). */
  readonly recordCalls?: boolean;
  /** Check the campaign's laws as it runs and at its end (docs/invariants.md); costs time. */
  readonly checkInvariants?: boolean;
  /** What the dialed numbers do: drawn from the scenario unless given (live mode: a real line). */
  readonly line?: CallLine;
  /** A record of the leads kept outside the run, read before each call (live: the lock-out store). */
  readonly screen?: LeadScreen;
  /**
   * How a lookahead pacer forecasts (default: `ObservedForecaster` in this thread; live:
   * on a worker thread, off the event loop). Called only for a pacing that forecasts.
   */
  readonly forecaster?: () => Forecaster;
}
