import type { TuneProbe } from "../tuning/tune.js";

// The lines a search (tune, or a study's cell) tells on stderr as it runs, so that one that
// takes hours shows it is moving. `subject` names what is probed: tune's `  level=2.5`, or a
// study's cell and value.

/** A batch after which another follows: `level=2.5: 20 of 20 within the ceiling so far`. */
export function batchProgress(subject: string, replications: number, within: number): string {
  return `${subject}: ${within} of ${replications} within the ceiling so far\n`;
}

/** A probed value's verdict: `level=2.5 feasible (80 of 80 within the ceiling)`. */
export function probeProgress(subject: string, probe: TuneProbe): string {
  const { replications, overCeiling } = probe.point;
  return `${subject} ${probe.verdict} (${replications - overCeiling} of ${replications} within the ceiling)\n`;
}
