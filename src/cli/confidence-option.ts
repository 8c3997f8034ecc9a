/** --confidence, as the commands that judge a probability of ending within the ceiling take it. */
import { shownValue } from "./typed-argument.js";

/** Throws a usage error unless `c` is a probability strictly between 0 and 1. */
export function checkConfidence(c: number): void {
  if (!(c > 0 && c < 1)) {
    throw new Error(
      `--confidence: expected a probability between 0 and 1, got ${shownValue(["--confidence"], c)}`,
    );
  }
}

/** --confidence of a sweep's verdicts (sweep, merge, report). */
export const sweepConfidenceOption = {
  type: "number",
  default: 0.95,
  describe:
    "For a sweep's verdicts (its table and report): the probability of ending within the ceiling a point must show (95% Wilson bound) to meet it",
} as const;
