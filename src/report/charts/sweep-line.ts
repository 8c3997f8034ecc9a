import type { SweepResult } from "../../tuning/sweep.js";
import { ceilingConfidence } from "../ceiling-confidence.js";
import { pluralIs } from "../format-number.js";
import { CHART_COLORS, CHART_HEIGHT, CHART_WIDTH, chartFrame } from "./chart-frame.js";
import { confidenceColor, confidenceLabel } from "./confidence-colors.js";
import { horizontalLimit } from "./reference-rules.js";
import { round } from "./round.js";
import type { ChartSpec } from "./vega-lite-types.js";

/** Height of each of the two panels: together about one chart and a half. */
const PANEL_HEIGHT = Math.round(CHART_HEIGHT * 0.75);

/**
 * A one-key sweep: silent calls per 100 connected (top) and agent occupancy (bottom) against
 * the swept value, each point the mean over its replications with its 95% interval, the
 * ceiling marked, and each ratio point coloured by whether its replications show the campaign
 * within the ceiling with probability at least `confidence`. Points without a figure (not run,
 * or nobody connected) are left out and said to be.
 */
export function sweepLineSpec(result: SweepResult, confidence: number): ChartSpec {
  const key = result.axes[0].key;
  const rows = result.points.map((p) => {
    const r = p.metrics.silentPer100Connected;
    const o = p.metrics.agentOccupancy;
    const { verdict } = ceilingConfidence(p.replications, p.overCeiling, confidence);
    return {
      x: p.settings[key],
      ...(r === null
        ? {}
        : {
            ratio: round(r.mean),
            ratioLow: round(Math.max(0, r.ci95[0])),
            ratioHigh: round(r.ci95[1]),
          }),
      ...(o === null
        ? {}
        : {
            occupancy: round(100 * o.mean, 3),
            occupancyLow: round(100 * o.ci95[0], 3),
            occupancyHigh: round(100 * o.ci95[1], 3),
          }),
      verdict: confidenceLabel(verdict, confidence),
    };
  });
  const values = result.axes[0].values;
  const numeric = values.every((v) => typeof v === "number");
  const x = numeric
    ? {
        field: "x",
        type: "quantitative" as const,
        scale: { zero: false, nice: false, padding: 16 },
        axis: { title: key },
      }
    : {
        field: "x",
        type: "ordinal" as const,
        scale: { domain: [...values] },
        axis: { title: key, labelAngle: 0 },
      };
  const withRatio = rows.filter((r) => r.ratio !== undefined);
  const withOccupancy = rows.filter((r) => r.occupancy !== undefined);
  const missing = rows.length - withRatio.length;
  const ratioY = {
    type: "quantitative" as const,
    scale: { zero: true },
    axis: { title: "silent calls per 100 connected" },
  };
  const occupancyY = {
    type: "quantitative" as const,
    scale: { zero: false },
    axis: { title: "agent occupancy (%)" },
  };
  const {
    width: _w,
    height: _h,
    ...frame
  } = chartFrame(`Silent calls and agent occupancy against ${key}`, [
    `Scenario ${result.scenario.name}; ${result.replications} replications per point (seeds ${result.seed} to ${result.seed + result.replications - 1}, the same at every point). Points: means, with 95% confidence intervals as vertical lines.`,
    ...(missing > 0
      ? [`${pluralIs(missing, "point")} not drawn: no ratio (not run, or nobody connected).`]
      : []),
  ]);
  return {
    ...frame,
    spacing: 24,
    // The legend belongs to the top panel; shared, it would leave a gap above it.
    resolve: { legend: { color: "independent" } },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          {
            data: { values: withRatio },
            mark: { type: "rule", color: "#555555" },
            encoding: { x, y: { field: "ratioLow", ...ratioY }, y2: { field: "ratioHigh" } },
          },
          {
            data: { values: withRatio },
            mark: { type: "line", color: CHART_COLORS.secondary, strokeWidth: 2 },
            encoding: { x, y: { field: "ratio", ...ratioY } },
          },
          {
            data: { values: withRatio },
            mark: { type: "point", filled: true, size: 90, opacity: 1 },
            encoding: {
              x,
              y: { field: "ratio", ...ratioY },
              color: confidenceColor("verdict", confidence),
            },
          },
          ...horizontalLimit(
            result.rules.ceilingPer100,
            `ceiling: ${result.rules.ceilingPer100} per 100 ${result.rules.denominator}`,
            "left",
          ),
        ],
      },
      {
        width: CHART_WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          {
            data: { values: withOccupancy },
            mark: { type: "rule", color: "#555555" },
            encoding: {
              x,
              y: { field: "occupancyLow", ...occupancyY },
              y2: { field: "occupancyHigh" },
            },
          },
          {
            data: { values: withOccupancy },
            mark: { type: "line", color: CHART_COLORS.primary, strokeWidth: 2, point: true },
            encoding: { x, y: { field: "occupancy", ...occupancyY } },
          },
        ],
      },
    ],
  } as ChartSpec;
}
