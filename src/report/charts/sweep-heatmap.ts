import { fixed, percent } from "../format-number.js";
import { chartFrame } from "./chart-frame.js";
import { round } from "./round.js";
import type { ChartLayer, ChartSpec } from "./vega-lite-types.js";

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
    /** Mean agent occupancy (0 to 1), for the occupancy map; null or absent when not known. */
    readonly agentOccupancy?: number | null;
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
            text: fixed(c.silentPer100Connected, c.silentPer100Connected < 10 ? 2 : 1),
            over: c.silentPer100Connected > ceiling,
          },
        ],
  );
  const highest = Math.max(2 * ceiling, ...cells.map((c) => c.ratio));
  const { x, y, labelled } = gridAxes(input);
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
      ...outlinesAndLabels(x, y, labelled),
    ],
  };
}

/**
 * A heat map of agent occupancy over two swept keys, on the same grid as the ratio's, with the
 * cells whose mean ratio is over the ceiling outlined: the busiest cell not outlined is the
 * best setting on average. Small grids print each cell's occupancy.
 */
export function sweepOccupancyHeatmapSpec(input: SweepHeatmapInput): ChartSpec {
  const cells = input.cells.flatMap((c) =>
    c.agentOccupancy === null || c.agentOccupancy === undefined
      ? []
      : [
          {
            x: c.x,
            y: c.y,
            occupancy: round(100 * c.agentOccupancy, 3),
            text: percent(c.agentOccupancy),
            over: c.silentPer100Connected === null || c.silentPer100Connected > input.ceilingPer100,
          },
        ],
  );
  const { x, y, labelled } = gridAxes(input);
  return {
    ...chartFrame("Agent occupancy across the sweep", [
      ...(input.description === undefined ? [] : [input.description]),
      `Darker: agents busier. Outlined in black: over the ceiling of ${input.ceilingPer100} silent calls per 100 connected on average (or nobody connected). Blank: not run.`,
    ]),
    data: { values: cells },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          x,
          y,
          color: {
            field: "occupancy",
            type: "quantitative",
            // Light tones only, so that the black figures stay readable on every cell.
            scale: { type: "linear", zero: false, range: ["#f7fcf5", "#41ab5d"] },
            legend: {
              title: "agent occupancy (%)",
              titleLimit: 0,
              orient: "top",
              direction: "horizontal",
              gradientLength: 320,
            },
          },
        },
      },
      ...outlinesAndLabels(x, y, labelled),
    ],
  };
}

// The grid's axes: values in numeric order along x, the largest at the top along y, as on a graph.
function gridAxes(input: SweepHeatmapInput) {
  const xs = distinctSorted(input.cells.map((c) => c.x));
  const ys = distinctSorted(input.cells.map((c) => c.y));
  return {
    x: {
      field: "x",
      type: "ordinal" as const,
      scale: { domain: xs },
      axis: { title: input.xKey, labelAngle: 0 },
    },
    y: {
      field: "y",
      type: "ordinal" as const,
      scale: { domain: [...ys].reverse() },
      axis: { title: input.yKey },
    },
    labelled: xs.length <= MAX_LABELLED && ys.length <= MAX_LABELLED,
  };
}

// Cells marked `over` outlined in black, and on small grids each cell's `text` printed in it.
function outlinesAndLabels(x: object, y: object, labelled: boolean): ChartLayer[] {
  return [
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
  ] as ChartLayer[];
}

// Numbers in numeric order, words in their own order after them.
function distinctSorted(values: readonly SweepValue[]): SweepValue[] {
  const unique = [...new Set(values)];
  const numbers = unique.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  const words = unique.filter((v): v is string => typeof v === "string").sort();
  return [...numbers, ...words];
}
