import { replicationsToShow } from "../report/ceiling-confidence.js";
import { replicationBudget } from "../tuning/tune.js";

/**
 * The warning `tune` and `study` print before any work when a probed value can never be shown
 * feasible: with at most `replicationBudget` replications a value, even all of them within the
 * ceiling do not lift the 95% Wilson lower bound to `confidence`. Null when the budget can.
 */
export function replicationBudgetWarning(options: {
  readonly confidence: number;
  readonly batch: number;
  readonly maxReplications: number;
}): string | null {
  const needed = replicationsToShow(options.confidence);
  const budget = replicationBudget(options);
  if (budget >= needed) return null;
  return `pacelab: warning: --max-replications ${options.maxReplications} (batches of ${options.batch}) cannot show probability ${options.confidence}: that takes at least ${needed} replications, all within the ceiling; every value will be undecided or not feasible. Use --max-replications ${needed} or more.\n`;
}
