import type { ResultDocument } from "../../result/result-document.js";
import { agentStatesSpec } from "./agent-states.js";
import { frontierSpec } from "./frontier.js";
import { resultLabels } from "./result-labels.js";
import { silentByResultSpec } from "./silent-by-result.js";
import { silentHoldSpec } from "./silent-hold-histogram.js";
import { silentOverTimeSpec } from "./silent-over-time.js";
import type { ChartSpec } from "./vega-lite-types.js";

/** A chart of a report: its file name (without extension), a caption in plain words, its spec. */
export interface ReportChart {
  /** File stem, e.g. `silent-over-time` or `silent-over-time-2`. */
  readonly name: string;
  readonly caption: string;
  readonly spec: ChartSpec;
  /** The index of the result it belongs to; absent for charts across results. */
  readonly result?: number;
}

/**
 * The charts of a report on `docs`: for each result, silent calls over time, silent hold times
 * and agent states; with several results, first the side-by-side and frontier charts across
 * them. Per-result chart names get the result's number when there are several.
 */
export function reportCharts(docs: readonly ResultDocument[]): ReportChart[] {
  const several = docs.length > 1;
  const labels = resultLabels(docs);
  const across: ReportChart[] = several
    ? [
        {
          name: "silent-by-result",
          caption:
            "Silent calls per 100 connected for each result. A bar past the dashed ceiling line means the campaign broke the rule; a black line across a bar's end is the 95% confidence interval over replications.",
          spec: silentByResultSpec(docs),
        },
        {
          name: "frontier",
          caption:
            "Each point is one result: how busy it kept the agents (across) against how many silent calls it made (up). Points below the dashed ceiling line are compliant; among them, the one furthest right uses agents best.",
          spec: frontierSpec(docs),
        },
      ]
    : [];
  const perResult = docs.flatMap((doc, i): ReportChart[] => {
    const suffix = several ? `-${i + 1}` : "";
    const of = several ? ` (${labels[i]})` : "";
    return [
      {
        name: `silent-over-time${suffix}`,
        caption: `Silent calls per 100 connected in each ${doc.timeseries.intervalMinutes}-minute interval (bars) and since the start (line)${of}. The rule applies to the line at the end of the campaign; the dashed line is the ceiling.`,
        spec: silentOverTimeSpec(doc),
        result: i,
      },
      {
        name: `silent-hold-times${suffix}`,
        caption: `How long each silent call kept the person waiting after they answered${of}. The dashed line is the cut-off: every bar should sit on it or to its left.`,
        spec: silentHoldSpec(doc),
        result: i,
      },
      {
        name: `agent-states${suffix}`,
        caption: `How many agents were talking, wrapping up or waiting, stacked to the number on shift, and how many calls were ringing or waiting for an agent${of}.`,
        spec: agentStatesSpec(doc),
        result: i,
      },
    ];
  });
  return [...across, ...perResult];
}
