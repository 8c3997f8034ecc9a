import { BinomialPacer } from "./binomial.js";
import {
  type BinomialConfig,
  type LookaheadConfig,
  PACING_DEFAULTS,
  type ProgressiveConfig,
} from "./config.js";
import type { Forecaster } from "./forecaster.js";
import { chooseCandidate, estimateSilent } from "./lookahead-choice.js";
import { Observation } from "./observation.js";
import type { Pacer } from "./pacer.js";
import { ProgressivePacer } from "./progressive.js";
import { RecentWindow } from "./recent-window.js";
import type { DialerView } from "./view.js";

/** Seconds between placements with the chosen candidate (forecasts are `cadenceSeconds` apart). */
export const LOOKAHEAD_PLACEMENT_SECONDS = 1;

/** Slack so that a forecast due at t runs at t despite rounding in the clock. */
const DUE_EPSILON = 1e-9;

/**
 * The binomial targets among a lookahead's candidates: `candidates` of them from
 * `minTargetPercent` to `maxTargetPercent`, spaced geometrically (one: the lowest).
 */
export function candidateTargets(config: LookaheadConfig): number[] {
  const { minTargetPercent: lo, maxTargetPercent: hi, candidates: n } = config;
  if (n <= 1) return [lo];
  return Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
}

/** The pacings a lookahead compares: progressive (the safe one) first, then binomial targets. */
export function candidatePacings(
  config: LookaheadConfig,
): [ProgressiveConfig, ...BinomialConfig[]] {
  const binomial = PACING_DEFAULTS.binomial;
  const overdials = candidateTargets(config).map(
    (targetPercent): BinomialConfig => ({ ...binomial, algorithm: "binomial", targetPercent }),
  );
  return [{ algorithm: "progressive" }, ...overdials];
}

/**
 * Lookahead pacing: the simulator inside the pacer. Every `cadenceSeconds` it observes the
 * dialer's state (the view's counts and, through `view.observe`, each call's and busy agent's
 * elapsed time, the leads and calling time left), has the injected {@link Forecaster} simulate
 * the next `horizonMinutes` for each candidate pacing `runs` times with common random numbers,
 * and keeps the candidate with the most talk among those whose campaign ends within the
 * ceiling (the record so far, plus the horizon's, plus the rest of the campaign at the safe
 * setting) in at least `confidence` of their futures; progressive dialing when none does.
 * Between forecasts it places calls with the chosen candidate, every second and whenever an
 * agent becomes ready.
 *
 * Its decisions are a function of the views it is shown and the forecaster's answers, which
 * depend only on the request and its seed (the forecast's number): the same campaign seed gives
 * the same decisions.
 */
export class LookaheadPacer implements Pacer {
  readonly name = "lookahead";
  readonly cadenceSeconds = LOOKAHEAD_PLACEMENT_SECONDS;
  readonly decidesOnAgentReady = true;
  /** It reads each call's elapsed time: the dialer must keep them observable. */
  readonly observesCalls = true;
  /** The pacings compared, progressive first. */
  readonly candidates: ReturnType<typeof candidatePacings>;
  private placers: Pacer[];
  private readonly horizonSeconds: number;
  private readonly ceiling: number;
  private observation = new Observation();
  private window: RecentWindow;
  private chosenIndex = 0;
  private nextForecastAt = Number.NEGATIVE_INFINITY;
  private forecastCount = 0;

  constructor(
    private readonly config: LookaheadConfig,
    private readonly forecaster: Forecaster,
  ) {
    this.candidates = candidatePacings(config);
    this.placers = [
      new ProgressivePacer(),
      ...this.candidates.slice(1).map((c) => new BinomialPacer(c as BinomialConfig)),
    ];
    this.horizonSeconds = config.horizonMinutes * 60;
    this.ceiling = config.ceilingPer100 / 100;
    this.window = new RecentWindow(config.windowMinutes * 60);
  }

  /** The index of the candidate now dialing (0: progressive). */
  get chosen(): number {
    return this.chosenIndex;
  }

  /** Forecasts run so far. */
  get forecasts(): number {
    return this.forecastCount;
  }

  copy(): Pacer {
    const copy = Object.assign(Object.create(LookaheadPacer.prototype), this) as LookaheadPacer;
    copy.placers = this.placers.map((p) => p.copy());
    copy.window = this.window.copy();
    copy.observation = new Observation();
    return copy;
  }

  decide(view: DialerView): number {
    if (view.now + DUE_EPSILON >= this.nextForecastAt) {
      this.chosenIndex = this.plan(view);
      this.nextForecastAt = view.now + this.config.cadenceSeconds;
    }
    return this.placers[this.chosenIndex].decide(view);
  }

  /** One forecast: the candidate to dial with until the next. */
  private plan(view: DialerView): number {
    if (view.observe === undefined) {
      throw new Error("lookahead pacing needs a dialer view that observes its calls (observe)");
    }
    const observation = this.observation;
    observation.clear();
    view.observe(observation);
    const recent = this.window.record(view);
    // A window about to close leaves a shorter future to compare.
    const horizonSeconds = Math.min(this.horizonSeconds, view.secondsToWindowEnd);
    if (!(horizonSeconds > 0)) return 0;
    const forecasts = this.forecaster.forecast({
      view,
      observation,
      recent,
      candidates: this.candidates,
      horizonSeconds,
      runs: this.config.runs,
      seed: this.forecastCount++,
      denominator: this.config.denominator,
    });
    const totals = view.totals;
    const record = estimateSilent(totals.dropped, totals.connected, totals.machinesAtAgent);
    const standing = {
      silent: record.silent,
      silentVariance: record.variance,
      denominator:
        this.config.denominator === "connected"
          ? totals.connected
          : totals.live - totals.machinesAtAgent,
      secondsAfterHorizon: Math.max(0, observation.callingSecondsLeft - horizonSeconds),
      leadsLeft: observation.leadsLeft,
    };
    return chooseCandidate(
      forecasts,
      horizonSeconds,
      standing,
      this.ceiling,
      this.config.confidence,
    );
  }
}
