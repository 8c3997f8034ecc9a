import { chartFrame } from "./chart-frame.js";
import { round } from "./round.js";
import type { ChartSpec } from "./vega-lite-types.js";

/** A swept setting's value: a number, or a word such as a pacing name. */
export type SweepValue = number | string;

/**
 * What the heat map needs from a sweep over two keys: each grid cell's silent calls per 100
 * connected (the mean over its replications; null when undefined), and the ceiling.
 */
export interface SweepHeatmapInput {
  /** The swept keys as written on the command line, e.g. `pacing.level`, `agents.count`. */
  readonly xKey: string;
  readonly yKey: string;
  readonly ceilingPer100: number;
  readonly cells: readonly {
    readonly x: SweepValue;
    readonly y: SweepValue;
    readonly silentPer100Connected: number | null;
  }[];
  /** Scenario and seeds, for the subtitle. */
  readonly description?: string;
}

/** Grids with at most this many columns and rows print each cell's value in it. */
const MAX_LABELLED = 16;

/**
 * A heat map of silent calls per 100 connected over two swept keys. The colour scale turns
 * from blue to red at the ceiling, and cells over it are outlined, so that the compliant
 * region reads at a glance even without colour. Small grids print each cell's value.
 */
export function sweepHeatmapSpec(input: SweepHeatmapInput): ChartSpec {
  const ceiling = input.ceilingPer100;
  const cells = input.cells.flatMap((c) =>
    c.silentPer100Connected === null
      ? []
      : [
          {
            x: c.x,
            y: c.y,
            ratio: round(c.silentPer100Connected),
            text: c.silentPer100Connected.toFixed(c.silentPer100Connected < 10 ? 2 : 1),
            over: c.silentPer100Connected > ceiling,
          },
        ],
  );
  const xs = distinctSorted(input.cells.map((c) => c.x));
  const ys = distinctSorted(input.cells.map((c) => c.y));
  const highest = Math.max(2 * ceiling, ...cells.map((c) => c.ratio));
  const labelled = xs.length <= MAX_LABELLED && ys.length <= MAX_LABELLED;
  const x = {
    field: "x",
    type: "ordinal" as const,
    scale: { domain: xs },
    axis: { title: input.xKey, labelAngle: 0 },
  };
  // Largest value at the top, as on a graph.
  const y = {
    field: "y",
    type: "ordinal" as const,
    scale: { domain: [...ys].reverse() },
    axis: { title: input.yKey },
  };
  return {
    ...chartFrame("Silent calls per 100 connected across the sweep", [
      ...(input.description === undefined ? [] : [input.description]),
      `Blue: under the ceiling of ${ceiling}; red and outlined in black: over it. Blank: not run, or nobody connected.`,
    ]),
    data: { values: cells },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          x,
          y,
          color: {
            field: "ratio",
            type: "quantitative",
            scale: {
              type: "linear",
              domain: [0, ceiling, round(highest)],
              // Mid tones, so that the black figures stay readable on every cell.
              range: ["#6baed6", "#f7f7f7", "#e34a33"],
            },
            legend: {
              title: "silent calls per 100 connected",
              titleLimit: 0,
              orient: "top",
              direction: "horizontal",
              gradientLength: 320,
              values: [0, ceiling, round(highest)],
              labelExpr: `datum.value === ${ceiling} ? datum.label + ' (ceiling)' : datum.label`,
            },
          },
        },
      },
      {
        transform: [{ filter: "datum.over" }],
        mark: { type: "rect", fill: null, stroke: "#111111", strokeWidth: 2 },
        encoding: { x, y },
      },
      ...(labelled
        ? [
            {
              mark: { type: "text" as const, fontSize: 11, color: "#111111" },
              encoding: { x, y, text: { field: "text" } },
            },
          ]
        : []),
    ],
  };
}

// Numbers in numeric order, words in their own order after them.
function distinctSorted(values: readonly SweepValue[]): SweepValue[] {
  const unique = [...new Set(values)];
  const numbers = unique.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  const words = unique.filter((v): v is string => typeof v === "string").sort();
  return [...numbers, ...words];
}
