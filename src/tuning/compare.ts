import { runReplications } from "../model/replications.js";
import type { PacingConfig } from "../pacing/config.js";
import { type ResultDocument, resultDocument } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";

/** A pacing to compare: as written on the command line, and as parsed. */
export interface ComparedPacing {
  readonly spec: string;
  readonly config: PacingConfig;
}

/**
 * The same campaign under each pacing, on identical random draws: every pacing runs the same
 * seeds, and each kind of draw has its own named stream, so the n-th call placed meets the same
 * callee whichever pacing placed it (common random numbers). Differences between the results
 * are then due to pacing, not to luck. Each result names its pacing as written (`pacingSpec`).
 */
export function comparePacings(
  scenario: Scenario,
  file: string,
  pacings: readonly ComparedPacing[],
  seed: number,
  replications: number,
  checkInvariants = false,
): ResultDocument[] {
  return pacings.map(({ spec, config }) => {
    const variant = { ...scenario, pacing: config };
    const reps = runReplications(variant, seed, replications, { checkInvariants });
    return resultDocument(variant, file, reps, spec);
  });
}
