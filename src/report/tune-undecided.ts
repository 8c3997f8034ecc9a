import { replicationBudget, type TuneProbe } from "../tuning/tune.js";
import { replicationsToShow } from "./ceiling-confidence.js";
import type { TuneDocument } from "./tune-document.js";

/** The replications a probe had, and how many ended within the ceiling: `10 of 10`. */
export const withinOf = (p: TuneProbe): string =>
  `${p.point.replications - p.point.overCeiling} of ${p.point.replications}`;

/**
 * Why a value is undecided, and what would decide it: more replications than the budget
 * allows when even all of them within could not show the confidence.
 */
export function undecidedReason(doc: TuneDocument, p: TuneProbe): string {
  const needed = replicationsToShow(doc.confidence);
  const more =
    replicationBudget(doc) < needed
      ? `; showing ${doc.confidence} takes at least ${needed} replications, all within: run with --max-replications ${needed} or more`
      : "; more replications (--max-replications) could decide it";
  return `${doc.key}=${p.value} ended within the ceiling in ${withinOf(p)} replications, which shows neither that it meets probability ${doc.confidence} nor that it does not${more}`;
}

/** Why a setting at the end of the searched range may not be the most the pacing can do. */
export function rangeEndNote(key: string, value: number): string {
  return `${key}=${value} is the end of the searched range: more aggressive values were not tried and may keep the campaign within the ceiling too (a wider range would tell)`;
}
