import type { CandidateForecast } from "./forecaster.js";
import { normalCdf } from "./normal-cdf.js";

/** Slack for products such as 0.03 x 100, which floating point may put a hair off. */
const EPSILON = 1e-9;

/** The campaign's record so far and what is left of it, as a dialer knows them. */
export interface CampaignStanding {
  /** Silent calls so far, as the dialer estimates them (see {@link estimateSilent}). */
  readonly silent: number;
  /** The variance of that estimate (0 when every drop is known to be a person). */
  readonly silentVariance: number;
  /** The ceiling's denominator so far. */
  readonly denominator: number;
  /** Calling seconds left after the horizon. */
  readonly secondsAfterHorizon: number;
  /** Leads waiting for a call now. */
  readonly leadsLeft: number;
}

/**
 * The silent calls among a dialer's dropped calls, and the estimate's variance. Without AMD a
 * dropped call may have been an answering machine, which is not a silent call; the dialer
 * cannot tell which, but its agents tell it how many of the live calls they took were
 * machines. The persons' share among those, with one person added (so that it starts at 1 and
 * errs towards counting a drop as silent), scales the drops; each drop is then a person or not
 * at that share, which the variance counts.
 */
export function estimateSilent(
  dropped: number,
  connected: number,
  machinesAtAgent: number,
): { readonly silent: number; readonly variance: number } {
  const share = (connected + 1) / (connected + machinesAtAgent + 1);
  return { silent: dropped * share, variance: dropped * share * (1 - share) };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : 0;
}

/**
 * How many more horizons like this one the campaign has after it: by the calling time left, and
 * by the leads left at the rate the candidate places calls (0 when it places none).
 */
export function horizonsAfter(
  forecast: CandidateForecast,
  horizonSeconds: number,
  standing: CampaignStanding,
): number {
  const placed = mean(forecast.placed);
  const byLeads = placed > 0 ? Math.max(0, standing.leadsLeft - placed) / placed : 0;
  return Math.min(standing.secondsAfterHorizon / horizonSeconds, byLeads);
}

/**
 * P(the campaign ends within the ceiling) if the candidate were kept to its end. Each horizon
 * adds an excess `silent - ceiling x denominator`, whose mean and variance the candidate's
 * futures estimate; the horizons left are taken as independent, so their sum is close to
 * normal, and the campaign ends within the ceiling when that sum stays under the room its
 * record leaves (`ceiling x denominator - silent` so far, uncertain by the silent estimate's
 * variance).
 *
 * Keeping the candidate to the end is what spreads the budget: a bold candidate whose excess is
 * positive on average is refused while many horizons are left, however much room the record
 * leaves now, and allowed near the end if that room covers it.
 */
export function withinProbability(
  forecast: CandidateForecast,
  horizonSeconds: number,
  standing: CampaignStanding,
  ceiling: number,
): number {
  const runs = forecast.silent.length;
  if (runs === 0) return 0;
  let sum = 0;
  let sumSquares = 0;
  for (let r = 0; r < runs; r++) {
    const excess = forecast.silent[r] - ceiling * forecast.denominator[r];
    sum += excess;
    sumSquares += excess * excess;
  }
  const excessMean = sum / runs;
  const excessVariance =
    runs > 1 ? Math.max(0, (sumSquares - runs * excessMean ** 2) / (runs - 1)) : 0;
  const horizons = 1 + horizonsAfter(forecast, horizonSeconds, standing);
  const room = ceiling * standing.denominator - standing.silent + EPSILON;
  const gap = room - horizons * excessMean;
  const spread = Math.sqrt(horizons * excessVariance + standing.silentVariance);
  if (spread === 0) return gap >= 0 ? 1 : 0;
  return normalCdf(gap / spread);
}

/**
 * The index of the candidate to dial with: the one with the most talk over the horizon (mean
 * over its futures) among those that, kept to the campaign's end, end it within the ceiling
 * with probability at least `confidence`; the first (the safe one) when none does. Ties go to
 * the earlier candidate (the less aggressive).
 */
export function chooseCandidate(
  forecasts: readonly CandidateForecast[],
  horizonSeconds: number,
  standing: CampaignStanding,
  ceiling: number,
  confidence: number,
): number {
  let best = 0;
  let bestTalk = Number.NEGATIVE_INFINITY;
  forecasts.forEach((forecast, i) => {
    if (withinProbability(forecast, horizonSeconds, standing, ceiling) + EPSILON < confidence) {
      return;
    }
    const talk = mean(forecast.talkSeconds);
    if (talk > bestTalk) {
      best = i;
      bestTalk = talk;
    }
  });
  return best;
}
