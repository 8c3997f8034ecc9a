import type { CandidateForecast } from "./forecaster.js";

/** Slack for products such as 0.03 x 100, which floating point may put a hair off. */
const EPSILON = 1e-9;

/** The campaign's record so far and what is left of it, as a dialer knows them. */
export interface CampaignStanding {
  /** Silent calls so far (the dialer's dropped calls: an upper bound). */
  readonly silent: number;
  /** The ceiling's denominator so far. */
  readonly denominator: number;
  /** Calling seconds left after the horizon. */
  readonly secondsAfterHorizon: number;
  /** Leads waiting for a call now. */
  readonly leadsLeft: number;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : 0;
}

/**
 * The denominator the rest of the campaign adds at the safe setting: the safe candidate's rate
 * over the horizon kept up for the calling time left, but no more than the leads left after
 * `placed` calls yield at the safe candidate's denominator per call placed.
 */
export function restOfCampaign(
  safe: CandidateForecast,
  horizonSeconds: number,
  standing: CampaignStanding,
  placed: number,
): number {
  const perSecond = mean(safe.denominator) / horizonSeconds;
  const safePlaced = mean(safe.placed);
  const perCall = safePlaced > 0 ? mean(safe.denominator) / safePlaced : 0;
  const byTime = perSecond * standing.secondsAfterHorizon;
  const byLeads = Math.max(0, standing.leadsLeft - placed) * perCall;
  return Math.min(byTime, byLeads);
}

/**
 * The share of a candidate's futures in which the campaign ends within the ceiling: the record
 * so far plus the horizon's, with the rest of the campaign at the safe setting adding its
 * denominator and no silent call.
 */
export function withinShare(
  forecast: CandidateForecast,
  safe: CandidateForecast,
  horizonSeconds: number,
  standing: CampaignStanding,
  ceiling: number,
): number {
  const runs = forecast.silent.length;
  if (runs === 0) return 0;
  const rest = restOfCampaign(safe, horizonSeconds, standing, mean(forecast.placed));
  let within = 0;
  for (let r = 0; r < runs; r++) {
    const silent = standing.silent + forecast.silent[r];
    const denominator = standing.denominator + forecast.denominator[r] + rest;
    if (silent <= ceiling * denominator + EPSILON) within++;
  }
  return within / runs;
}

/**
 * The index of the candidate to dial with: the one with the most talk over the horizon (mean
 * over its futures) among those whose campaign ends within the ceiling in at least
 * `confidence` of their futures; the first (the safe one) when none does. Ties go to the
 * earlier candidate (the less aggressive).
 */
export function chooseCandidate(
  forecasts: readonly CandidateForecast[],
  horizonSeconds: number,
  standing: CampaignStanding,
  ceiling: number,
  confidence: number,
): number {
  const safe = forecasts[0];
  let best = 0;
  let bestTalk = Number.NEGATIVE_INFINITY;
  forecasts.forEach((forecast, i) => {
    if (withinShare(forecast, safe, horizonSeconds, standing, ceiling) + EPSILON < confidence) {
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
