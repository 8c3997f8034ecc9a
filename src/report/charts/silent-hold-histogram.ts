import { type ResultDocument, shorterDialerCutoff } from "../../result/result-document.js";
import { seconds } from "../format-number.js";
import { resultPacingName } from "../summary-text.js";
import { CHART_COLORS, chartFrame } from "./chart-frame.js";
import { verticalLimit } from "./reference-rules.js";
import { round } from "./round.js";
import type { ChartSpec } from "./vega-lite-types.js";

/** Share of a bin's width that its bar covers, leaving gaps between neighbours. */
const BAR_SHARE = 0.8;

/**
 * How long silent calls held the person after the answer (the first replication's histogram),
 * with the dialer's cut-off marked (its label names the rule's limit when that is longer). Holds
 * are counted rounded down to the bin width, so each bar is centred on the value it counts:
 * calls cut off at the cut-off sit on its line, not past it.
 */
export function silentHoldSpec(doc: ResultDocument): ChartSpec {
  const { binSeconds, counts } = doc.campaign.silentHoldHistogram;
  const cutoff = doc.dialer.cutoffSeconds;
  const half = (BAR_SHARE * binSeconds) / 2;
  const bins = counts.flatMap((calls, i) => {
    const at = i * binSeconds;
    return calls === 0
      ? []
      : [{ held: round(at, 6), from: round(at - half, 6), to: round(at + half, 6), calls }];
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const right = Math.max(cutoff, (counts.length - 1) * binSeconds) + 2 * binSeconds;
  const run = `Scenario ${doc.scenario.name}, pacing ${resultPacingName(doc)}, seed ${doc.seed}:`;
  const subtitle =
    total === 0
      ? [`${run} no silent calls.`]
      : [
          `${run} ${total} silent calls, the longest held ${seconds(doc.campaign.maxSilentHoldSeconds)}.`,
          `Hold times rounded down to ${binSeconds} s.`,
        ];
  return {
    ...chartFrame("How long silent calls held the person after the answer", subtitle),
    layer: [
      {
        data: { values: bins },
        mark: { type: "bar", color: CHART_COLORS.primary },
        encoding: {
          x: {
            field: "from",
            type: "quantitative",
            scale: { domain: [round(-binSeconds, 6), round(right, 6)], nice: false },
            axis: { title: "seconds held after the answer" },
          },
          x2: { field: "to" },
          y: {
            field: "calls",
            type: "quantitative",
            // With no silent calls there is no extent to take: show an empty 0..1 axis.
            ...(bins.length === 0 ? { scale: { domain: [0, 1] } } : {}),
            axis: { title: "silent calls", tickMinStep: 1 },
          },
          y2: { datum: 0 },
        },
      },
      ...verticalLimit(
        cutoff,
        shorterDialerCutoff(doc) === null
          ? `cut-off: ${cutoff} s`
          : `dialer's cut-off: ${cutoff} s (rule's limit ${doc.rules.cutoffLimitSeconds} s)`,
      ),
    ],
  };
}
