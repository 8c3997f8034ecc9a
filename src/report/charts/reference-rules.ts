import { CHART_COLORS } from "./chart-frame.js";
import type { ChartLayer } from "./vega-lite-types.js";

const ONE_ROW = { values: [{}] };

/**
 * A dashed horizontal line at `value` on the y axis labelled at one end (`side`), e.g. the
 * ceiling. Its own one-row data keeps it a single line whatever the chart's data; as a datum on
 * the y scale it also stretches the axis so that the line is always in view.
 */
export function horizontalLimit(
  value: number,
  label: string,
  side: "left" | "right" = "right",
): ChartLayer[] {
  const labelLayer = (text: string, paint: object): ChartLayer => ({
    data: ONE_ROW,
    mark: {
      type: "text",
      text,
      ...paint,
      fontSize: 12,
      fontWeight: "bold",
      align: side,
      baseline: "bottom",
      ...(side === "right" ? { x: { expr: "width" }, dx: -4 } : { x: 0, dx: 4 }),
      dy: -4,
    },
    encoding: { y: { datum: value, type: "quantitative" } },
  });
  return [
    {
      data: ONE_ROW,
      mark: { type: "rule", color: CHART_COLORS.limit, strokeWidth: 2, strokeDash: [8, 4] },
      encoding: { y: { datum: value, type: "quantitative" } },
    },
    // A white halo under the label keeps it readable over bars and bands it crosses.
    labelLayer(label, { fill: "white", stroke: "white", strokeWidth: 5, strokeJoin: "round" }),
    labelLayer(label, { fill: CHART_COLORS.limit }),
  ];
}

/**
 * A dashed vertical line at `value` on the x axis, e.g. the cut-off, labelled just above the
 * plot so that the label never sits on a bar.
 */
export function verticalLimit(value: number, label: string): ChartLayer[] {
  return [
    {
      data: ONE_ROW,
      mark: { type: "rule", color: CHART_COLORS.limit, strokeWidth: 2, strokeDash: [8, 4] },
      encoding: { x: { datum: value, type: "quantitative" } },
    },
    {
      data: ONE_ROW,
      mark: {
        type: "text",
        text: label,
        color: CHART_COLORS.limit,
        fontSize: 12,
        fontWeight: "bold",
        align: "center",
        baseline: "bottom",
        y: 0,
        dy: -4,
      },
      encoding: { x: { datum: value, type: "quantitative" } },
    },
  ];
}
