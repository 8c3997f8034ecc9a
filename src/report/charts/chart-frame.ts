import { wrapLines } from "./wrap-lines.js";

/**
 * Size of every chart's plotting area in CSS pixels; titles, axes and legends come around it
 * (about 80 to 120 pixels each way). Vega's "fit" autosizing would fix the outer size instead,
 * but it misplaces multi-line titles when it draws without a browser.
 */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 260;

/**
 * Fonts named in the charts. DejaVu Sans is what the PNG renderer loads; Verdana has the same
 * metrics, so a browser without DejaVu lays the inline SVG out alike.
 */
export const CHART_FONT = "DejaVu Sans, Verdana, sans-serif";

/** Colours used with a fixed meaning across charts. */
export const CHART_COLORS = {
  /** The rule's limit: ceiling or cut-off. */
  limit: "#b2182b",
  /** The main measured series. */
  primary: "#2166ac",
  /** Secondary series and per-interval bars. */
  secondary: "#92c5de",
  /** Confidence bands. */
  band: "#f4a582",
} as const;

/**
 * The top-level properties shared by every chart: the fixed plotting area, white background,
 * a plain-words title with subtitle lines (wrapped to a readable width), and the house style.
 */
export function chartFrame(title: string, subtitle: readonly string[] = []) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "pad" },
    padding: 12,
    background: "white",
    title: subtitle.length > 0 ? { text: title, subtitle: wrapLines(subtitle) } : { text: title },
    config: {
      font: CHART_FONT,
      title: {
        anchor: "start",
        fontSize: 16,
        fontWeight: "bold",
        subtitleFontSize: 12,
        subtitleColor: "#444444",
        offset: 10,
      },
      axis: {
        labelFontSize: 12,
        titleFontSize: 13,
        titleFontWeight: "normal",
        titleColor: "#222222",
        labelColor: "#333333",
        gridColor: "#e8e8e8",
      },
      legend: {
        // Stacked above the plot: Vega estimates text widths generously without a browser, so
        // side-by-side entries would run past the plot's right edge.
        orient: "top",
        direction: "vertical",
        labelFontSize: 12,
        titleFontSize: 12,
        titleFontWeight: "normal",
        labelLimit: 0,
      },
      view: { stroke: "#cccccc" },
    },
  } as const;
}
