import { type ReportChart, reportCharts } from "../charts/report-charts.js";
import { type PageChart, reportPage } from "../html/report-page.js";
import type { ResultDocument } from "../result-document.js";
import { renderPng } from "./chart-png.js";
import { renderSvg } from "./chart-svg.js";

/** A file of a report: its name in the output folder and its content. */
export interface ReportFile {
  readonly name: string;
  /** Text, or bytes for PNGs. */
  readonly content: string | Uint8Array;
}

/**
 * Everything a report on `docs` consists of: `report.html`, then each chart as `<name>.svg`,
 * `<name>.png` and `<name>.vl.json` (its Vega-Lite spec). Charts are drawn one after another;
 * the same results give the same files, byte for byte.
 */
export async function reportFiles(
  docs: readonly ResultDocument[],
  sourceNames: readonly string[],
): Promise<ReportFile[]> {
  if (docs.length === 0) throw new RangeError("a report needs at least one result");
  const charts: PageChart[] = [];
  const files: ReportFile[] = [];
  for (const chart of reportCharts(docs)) {
    const { svg } = await renderSvg(chart.spec);
    charts.push({ chart, svg });
    files.push(...chartFiles(chart, svg));
  }
  return [{ name: "report.html", content: reportPage({ docs, sourceNames, charts }) }, ...files];
}

function chartFiles(chart: ReportChart, svg: string): ReportFile[] {
  return [
    { name: `${chart.name}.svg`, content: svg },
    { name: `${chart.name}.png`, content: renderPng(svg) },
    { name: `${chart.name}.vl.json`, content: `${JSON.stringify(chart.spec, null, 2)}\n` },
  ];
}
