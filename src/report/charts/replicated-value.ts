import type { ResultDocument } from "../../result/result-document.js";
import type { MeanInterval } from "../../stats/confidence.js";

/** A figure of a result: the mean across replications with its 95% interval, or the one run. */
export interface ReplicatedValue {
  readonly value: number;
  /** 95% confidence interval of the mean; absent for a single replication. */
  readonly low?: number;
  readonly high?: number;
  /** Replications behind the value. */
  readonly n: number;
}

type Metric = "silentPer100Connected" | "agentOccupancy";

/**
 * The figure to plot for `metric`: with several replications their mean and interval (the
 * interval belongs to the mean, so the first run alone would not sit inside it), otherwise the
 * single run's value; null when it is undefined (silent calls with nobody connected).
 */
export function replicatedValue(doc: ResultDocument, metric: Metric): ReplicatedValue | null {
  const across: MeanInterval | null | undefined = doc.acrossReplications?.metrics[metric];
  if (across !== undefined && across !== null && across.n > 1) {
    return { value: across.mean, low: across.ci95[0], high: across.ci95[1], n: across.n };
  }
  const value = doc.campaign[metric];
  return value === null ? null : { value, n: 1 };
}
