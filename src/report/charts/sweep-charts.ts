import { gridPoints } from "../../tuning/grid.js";
import type { SweepResult } from "../../tuning/sweep.js";
import type { ReportChart } from "./report-charts.js";
import {
  type SweepHeatmapInput,
  sweepHeatmapSpec,
  sweepOccupancyHeatmapSpec,
} from "./sweep-heatmap.js";
import { sweepLineSpec } from "./sweep-line.js";

/** Heat maps drawn at most for a sweep over three keys or more; the page says when more exist. */
export const MAX_SLICES = 24;

/** A heat map's input for the points whose other keys (past the first two) take `fixed` values. */
export interface SweepSlice {
  /** The values of the keys past the first two, e.g. `{ "agents.count": 10 }`; empty for two keys. */
  readonly fixed: Readonly<Record<string, number | string>>;
  readonly input: SweepHeatmapInput;
}

/**
 * Heat-map inputs of a sweep over two keys or more: one over the first two keys for each
 * combination of the other keys' values (a slice), so that every point is in exactly one.
 */
export function sweepSlices(result: SweepResult): SweepSlice[] {
  const [xAxis, yAxis, ...rest] = result.axes;
  const description = `Scenario ${result.scenario.name}; mean of ${result.replications} replications per cell (seeds ${result.seed} to ${result.seed + result.replications - 1}).`;
  return gridPoints(rest).map((combination) => {
    const fixed = Object.fromEntries(rest.map((a, i) => [a.key, combination[i]]));
    const mine = result.points.filter((p) => rest.every((a) => p.settings[a.key] === fixed[a.key]));
    const where = Object.entries(fixed).map(([k, v]) => `${k}=${v}`);
    return {
      fixed,
      input: {
        xKey: xAxis.key,
        yKey: yAxis.key,
        ceilingPer100: result.rules.ceilingPer100,
        cells: mine.map((p) => ({
          x: p.settings[xAxis.key],
          y: p.settings[yAxis.key],
          silentPer100Connected: p.metrics.silentPer100Connected?.mean ?? null,
          agentOccupancy: p.metrics.agentOccupancy?.mean ?? null,
        })),
        description: where.length === 0 ? description : `${description} At ${where.join(", ")}.`,
      },
    };
  });
}

/**
 * The charts of a sweep report: for one key, ratio and occupancy against it (coloured by
 * whether each point meets the ceiling with probability `confidence`); for two, a heat map of
 * the ratio and one of occupancy; for more, both per slice of the keys past the first two, at most
 * {@link MAX_SLICES}.
 */
export function sweepCharts(result: SweepResult, confidence: number): ReportChart[] {
  if (result.axes.length === 1) {
    return [
      {
        name: "sweep-line",
        caption: `Top: silent calls per 100 connected at each value of ${result.axes[0].key} (mean, with its 95% confidence interval); blue points meet the ceiling with probability at least ${confidence}. Bottom: how busy the agents were. The dashed line is the ceiling.`,
        spec: sweepLineSpec(result, confidence),
      },
    ];
  }
  const slices = sweepSlices(result);
  const several = slices.length > 1;
  return slices.slice(0, MAX_SLICES).flatMap((slice, i): ReportChart[] => {
    const where = Object.entries(slice.fixed).map(([k, v]) => `${k}=${v}`);
    const suffix = several ? `-${i + 1}` : "";
    const at = several ? `, at ${where.join(", ")}` : "";
    return [
      {
        name: `sweep-heatmap${suffix}`,
        caption: `Silent calls per 100 connected (mean over replications) for each ${slice.input.xKey} (across) and ${slice.input.yKey} (up)${at}. Blue cells are under the ceiling on average, red ones over it (outlined); the table below says which meet it with the stated probability.`,
        spec: sweepHeatmapSpec(slice.input),
      },
      {
        name: `sweep-occupancy${suffix}`,
        caption: `Agent occupancy (mean over replications) on the same grid${at}. Cells outlined in black are over the ceiling on average: the busiest cell not outlined is the best setting on average.`,
        spec: sweepOccupancyHeatmapSpec(slice.input),
      },
    ];
  });
}
