import type { PacingConfig } from "./config.js";
import type { Observation } from "./observation.js";
import type { DialerCounters, DialerView } from "./view.js";

/** The campaign's own outcomes over the last minutes: what near-future estimates start from. */
export interface RecentOutcomes {
  /** Seconds the window spans (0: nothing seen yet; the forecast then uses its prior alone). */
  readonly seconds: number;
  /** The dialer's counters gained over the window. */
  readonly counters: DialerCounters;
  /** Calls whose ring ended over the window (answered, rejected or timed out). */
  readonly ringsEnded: number;
  /** Agent-seconds in after-call work over the window (sampled at each forecast). */
  readonly wrapUpAgentSeconds: number;
}

/** What a forecast is asked: from this dialer's state, how would each candidate do? */
export interface ForecastRequest {
  /** The counts now (read during the call only). */
  readonly view: DialerView;
  /** Elapsed times, leads and calling time left, filled from the same instant as `view`. */
  readonly observation: Observation;
  readonly recent: RecentOutcomes;
  /** Pacings to compare, each run for the horizon from the observed state. */
  readonly candidates: readonly PacingConfig[];
  readonly horizonSeconds: number;
  /** Simulated futures per candidate; future i of every candidate shares its random numbers. */
  readonly runs: number;
  /** Seeds the futures' random numbers: the same seed gives the same forecast. */
  readonly seed: number;
  /** Whether silent calls count against connected calls or against live answers. */
  readonly denominator: "connected" | "answered";
}

/** One candidate's simulated futures, one entry per run. */
export interface CandidateForecast {
  /** Agent-seconds of talk over the horizon. */
  readonly talkSeconds: Float64Array;
  /** Silent calls over the horizon. */
  readonly silent: Float64Array;
  /** The ceiling's denominator gained over the horizon (connected calls or live answers). */
  readonly denominator: Float64Array;
  /** Calls placed over the horizon. */
  readonly placed: Float64Array;
}

/**
 * Simulates the near future from an observation. It sees only what the dialer sees (the
 * request), never the campaign's drawn futures: unknown outcomes and durations are drawn afresh.
 * Injected into the lookahead pacer, so that `pacing/` needs nothing outside itself.
 */
export interface Forecaster {
  /** One forecast per candidate, in the candidates' order. */
  forecast(request: ForecastRequest): CandidateForecast[];
}
