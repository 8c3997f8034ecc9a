import type { ReplicatedMetric } from "../result/result-document.js";
import { fixed, percent, seconds } from "./format-number.js";

/** How a metric summarised across replications reads: its name and its number format. */
export interface MetricFormat {
  readonly label: string;
  readonly format: (x: number) => string;
}

/**
 * Each replicated metric for people: shares as percentages, ratios per 100 with two decimals,
 * rates per hour with one, durations in seconds; the same format as the first replication's.
 */
export const METRIC_FORMATS: Readonly<Record<ReplicatedMetric, MetricFormat>> = {
  silentPer100Connected: { label: "silent per 100 connected", format: (x) => fixed(x) },
  silentPer100Answered: { label: "silent per 100 answered", format: (x) => fixed(x) },
  agentOccupancy: { label: "agent occupancy", format: (x) => percent(x) },
  talkOccupancy: { label: "talk occupancy", format: (x) => percent(x) },
  talkMinutesPerAgentHour: { label: "talk minutes per agent hour", format: (x) => fixed(x, 1) },
  connectedPerAgentHour: { label: "connected per agent hour", format: (x) => fixed(x, 1) },
  maxSilentHoldSeconds: { label: "longest silent hold", format: (x) => seconds(x) },
};
