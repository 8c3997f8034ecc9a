import type { ResultDocument } from "../../result/result-document.js";
import { resultPacingName } from "../summary-text.js";
import { ceilingsOf } from "./ceilings.js";
import { chartFrame } from "./chart-frame.js";
import { occupancyAxis } from "./occupancy-axis.js";
import { horizontalLimit } from "./reference-rules.js";
import { replicatedValue } from "./replicated-value.js";
import { resultLabels } from "./result-labels.js";
import { round } from "./round.js";
import type { ChartLayer, ChartSpec } from "./vega-lite-types.js";

/**
 * The trade-off: agent occupancy (x) against silent calls per 100 connected (y), one point per
 * result coloured by pacing algorithm (shaped by scenario when there are several), with 95%
 * intervals both ways where there were replications, and the ceiling marked. The best
 * pacing sits furthest right while staying under the ceiling.
 */
export function frontierSpec(docs: readonly ResultDocument[]): ChartSpec {
  const labels = resultLabels(docs);
  const scenarios = new Set(docs.map((d) => d.scenario.name));
  const points = docs.flatMap((doc, i) => {
    const ratio = replicatedValue(doc, "silentPer100Connected");
    const occupancy = replicatedValue(doc, "agentOccupancy");
    if (ratio === null || occupancy === null) return [];
    const pct = (x: number) => round(100 * x, 3);
    return [
      {
        result: labels[i],
        pacing: resultPacingName(doc),
        scenario: doc.scenario.name,
        occupancy: pct(occupancy.value),
        ratio: round(ratio.value),
        ...(occupancy.low === undefined
          ? {}
          : {
              occupancyLow: pct(occupancy.low),
              occupancyHigh: pct(occupancy.high ?? occupancy.value),
            }),
        ...(ratio.low === undefined
          ? {}
          : {
              ratioLow: round(Math.max(0, ratio.low)),
              ratioHigh: round(ratio.high ?? ratio.value),
            }),
      },
    ];
  });
  const x = occupancyAxis(
    points.flatMap((p) => [
      p.occupancy,
      p.occupancyLow ?? p.occupancy,
      p.occupancyHigh ?? p.occupancy,
    ]),
  );
  const y = {
    type: "quantitative" as const,
    scale: { zero: true },
    axis: { title: "silent calls per 100 connected" },
  };
  const ranged = points.filter((p) => p.ratioLow !== undefined && p.occupancyLow !== undefined);
  const intervals: ChartLayer[] =
    ranged.length === 0
      ? []
      : [
          {
            data: { values: ranged },
            mark: { type: "rule", color: "#555555" },
            encoding: {
              x: { field: "occupancy", ...x },
              y: { field: "ratioLow", ...y },
              y2: { field: "ratioHigh" },
            },
          },
          {
            data: { values: ranged },
            mark: { type: "rule", color: "#555555" },
            encoding: {
              y: { field: "ratio", ...y },
              x: { field: "occupancyLow", ...x },
              x2: { field: "occupancyHigh" },
            },
          },
        ];
  return {
    ...chartFrame("Agent occupancy against silent calls", [
      "Further right keeps agents busier; higher makes more silent calls. The best pacing is furthest right under the ceiling.",
      ranged.length > 0
        ? "Points: means over the replications, with 95% confidence intervals as lines."
        : "Points: one run each.",
    ]),
    layer: [
      ...intervals,
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 110, opacity: 1 },
        encoding: {
          x: { field: "occupancy", ...x },
          y: { field: "ratio", ...y },
          color: { field: "pacing", type: "nominal", legend: { title: "pacing" } },
          ...(scenarios.size > 1
            ? { shape: { field: "scenario", type: "nominal", legend: { title: "scenario" } } }
            : {}),
        },
      },
      // Labelled on the left: the interesting points crowd the right end, near the line.
      ...ceilingsOf(docs).flatMap((c) => horizontalLimit(c.per100, c.label, "left")),
    ],
  };
}
