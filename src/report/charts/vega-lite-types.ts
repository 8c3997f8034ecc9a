import type { TopLevelSpec } from "vega-lite";

/** A complete Vega-Lite specification, as the chart builders return it. */
export type ChartSpec = TopLevelSpec;

/** A top-level layered specification. */
export type LayeredChartSpec = Extract<TopLevelSpec, { layer: unknown }>;

/** One layer of a layered chart. Derived from the public type: vega-lite exports no name for it. */
export type ChartLayer = LayeredChartSpec["layer"][number];
