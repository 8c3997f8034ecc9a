import type { ResultDocument } from "../../result/result-document.js";
import { fixed, plural } from "../format-number.js";
import { ceilingsOf } from "./ceilings.js";
import { CHART_COLORS, chartFrame } from "./chart-frame.js";
import { verticalLimit } from "./reference-rules.js";
import { replicatedValue } from "./replicated-value.js";
import { resultLabels } from "./result-labels.js";
import { round } from "./round.js";
import type { ChartLayer, ChartSpec } from "./vega-lite-types.js";

/** Pixels per result: its label's line, then its bar. */
const BAR_STEP = 52;
const BAR_HEIGHT = 22;
/** The bar's shift below the band's centre, to leave the top of the band to the label. */
const BAR_SHIFT = 9;

const UNDER = "under or at the ceiling";
const OVER = "over the ceiling";

/**
 * Silent calls per 100 connected for each result side by side (one bar per result, labelled
 * with its scenario and pacing), with 95% intervals where there were replications and the
 * ceiling marked. Bars are horizontal so that long labels stay readable.
 */
export function silentByResultSpec(docs: readonly ResultDocument[]): ChartSpec {
  const labels = resultLabels(docs);
  const rows = docs.flatMap((doc, i) => {
    const v = replicatedValue(doc, "silentPer100Connected");
    if (v === null) return [];
    return [
      {
        result: labels[i],
        ratio: round(v.value),
        ...(v.low === undefined
          ? {}
          : { low: round(Math.max(0, v.low)), high: round(v.high ?? v.value) }),
        end: round(Math.max(v.value, v.high ?? v.value)),
        text: fixed(v.value),
        verdict: v.value <= doc.rules.ceilingPer100 ? UNDER : OVER,
      },
    ];
  });
  const missing = docs.length - rows.length;
  const replicated = docs.some((d) => d.replications > 1);
  const subtitle = [
    replicated
      ? "Bars: mean over the replications, with its 95% confidence interval as a line; a single run where there was one."
      : "One run per result.",
    ...(missing > 0
      ? [`${plural(missing, "result")} left out: silent calls with nobody connected.`]
      : []),
  ];
  // Each bar's label sits above it, left-aligned: labels of any length stay whole and the
  // chart keeps its width (an axis would have to reserve room for the longest one).
  const y = { field: "result", type: "nominal" as const, sort: null, axis: null };
  const x = { type: "quantitative" as const, axis: { title: "silent calls per 100 connected" } };
  const intervals: ChartLayer[] = rows.some((r) => r.low !== undefined)
    ? [
        {
          mark: { type: "rule", color: "#222222", strokeWidth: 1.5, yOffset: BAR_SHIFT },
          encoding: { y, x: { field: "low", ...x }, x2: { field: "high" } },
        },
      ]
    : [];
  return {
    ...chartFrame("Silent calls per 100 connected, result by result", subtitle),
    height: { step: BAR_STEP },
    layer: [
      // The ceiling first, so that bars and labels are drawn over it.
      ...ceilingsOf(docs).flatMap((c) => verticalLimit(c.per100, c.label)),
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: "bar", height: BAR_HEIGHT, yOffset: BAR_SHIFT },
            encoding: {
              y,
              x: { field: "ratio", ...x },
              color: {
                field: "verdict",
                type: "nominal",
                scale: { domain: [UNDER, OVER], range: [CHART_COLORS.primary, CHART_COLORS.limit] },
                legend: { title: null },
              },
            },
          },
          ...intervals,
          {
            mark: { type: "text", align: "left", dx: 6, fontSize: 12, yOffset: BAR_SHIFT },
            encoding: { y, x: { field: "end", ...x }, text: { field: "text" } },
          },
          {
            mark: { type: "text", align: "left", baseline: "top", fontSize: 12, dy: 4 },
            encoding: {
              y: { ...y, bandPosition: 0 },
              x: { datum: 0, type: "quantitative" },
              text: { field: "result" },
            },
          },
        ],
      },
    ],
  };
}
