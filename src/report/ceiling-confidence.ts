import { wilsonInterval } from "../stats/wilson.js";

/** Whether replications showed that campaigns end within the ceiling with a required probability. */
export type ConfidenceVerdict = "meets" | "fails" | "undecided";

/** A verdict as the sweep's page and console say it, in the column "Probability p". */
export const CONFIDENCE_VERDICT_WORDS: Readonly<Record<ConfidenceVerdict, string>> = {
  meets: "meets",
  fails: "does not meet",
  undecided: "undecided",
};

/** A point's replications against the ceiling, judged as `tune` judges a probed value. */
export interface CeilingConfidence {
  /** Replications that ended within the ceiling, of `replications`. */
  readonly within: number;
  readonly replications: number;
  /** Wilson 95% interval of P(campaign ends within the ceiling). */
  readonly interval: readonly [number, number];
  /** meets: the interval lies at or above `confidence`; fails: wholly below; else undecided. */
  readonly verdict: ConfidenceVerdict;
}

/**
 * Judges `replications` campaigns of which `overCeiling` ended above the ceiling against the
 * required probability `confidence`, by the same rule as `tune` (a 95% Wilson interval), so
 * that a point is said to meet the ceiling only when its replications show it.
 */
export function ceilingConfidence(
  replications: number,
  overCeiling: number,
  confidence: number,
): CeilingConfidence {
  const within = replications - overCeiling;
  const interval = wilsonInterval(within, replications);
  const verdict =
    replications === 0
      ? "undecided"
      : interval[0] >= confidence
        ? "meets"
        : interval[1] < confidence
          ? "fails"
          : "undecided";
  return { within, replications, interval, verdict };
}

/**
 * The fewest replications, all within the ceiling, that can show `confidence` (73 for 0.95):
 * with fewer, no point can be said to meet it, however it went.
 */
export function replicationsToShow(confidence: number): number {
  let n = 1;
  while (wilsonInterval(n, n)[0] < confidence && n < 1_000_000) n++;
  return n;
}
