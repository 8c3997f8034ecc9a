import type { ReportChart } from "../charts/report-charts.js";
import { html, type SafeHtml } from "./escape.js";
import { inlineSvg } from "./inline-svg.js";

/** A chart with its drawing, for the page. */
export interface PageChart {
  readonly chart: ReportChart;
  /** The chart as SVG, from the renderer. */
  readonly svg: string;
}

/** A chart inline as SVG (its ids prefixed with its name) with its caption. */
export function figure({ chart, svg }: PageChart): SafeHtml {
  return html`<figure id="chart-${chart.name}" class="chart">
${inlineSvg(svg, `${chart.name}-`)}
<figcaption>${chart.caption}</figcaption>
</figure>`;
}
