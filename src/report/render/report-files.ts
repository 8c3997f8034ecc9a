import type { ResultDocument } from "../../result/result-document.js";
import type { SweepResult } from "../../tuning/sweep.js";
import { type ReportChart, reportCharts } from "../charts/report-charts.js";
import { MAX_SLICES, sweepCharts, sweepSlices } from "../charts/sweep-charts.js";
import { tuneCharts } from "../charts/tune-frontier.js";
import type { PageChart } from "../html/figure.js";
import { reportPage } from "../html/report-page.js";
import { sweepPage } from "../html/sweep-page.js";
import { tunePage } from "../html/tune-page.js";
import type { TuneDocument } from "../tune-document.js";
import { renderPng } from "./chart-png.js";
import { renderSvg } from "./chart-svg.js";

/** A file of a report: its name in the output folder and its content. */
export interface ReportFile {
  readonly name: string;
  /** Text, or bytes for PNGs. */
  readonly content: string | Uint8Array;
}

/** What a report is about: results (one or several), a sweep, or a tune run, with its source. */
export type ReportSubject =
  | {
      readonly kind: "results";
      readonly docs: readonly ResultDocument[];
      /** Where each result came from, in the same order. */
      readonly sourceNames: readonly string[];
    }
  | {
      readonly kind: "sweep";
      readonly result: SweepResult;
      readonly source: string;
      /** Required P(campaign within the ceiling) for a point to be said to meet it. */
      readonly confidence: number;
    }
  | { readonly kind: "tune"; readonly doc: TuneDocument; readonly source: string };

/** Thrown when a report is stopped (Ctrl-C) before anything was written; exit code 130. */
export class ReportInterrupted extends Error {
  readonly exitCode = 130;
  constructor() {
    super("pacelab: interrupted; no report written");
  }
}

/** The name every chart's Vega-Lite spec ends with: `<chart>.vl.json`. */
export const CHART_SPEC_SUFFIX = ".vl.json";

/**
 * Everything a report consists of: `report.html`, then each chart as `<name>.svg`,
 * `<name>.png` and `<name>.vl.json` (its Vega-Lite spec). Charts are drawn one after another,
 * and `signal` is checked between them; the same input gives the same files, byte for byte.
 */
export function reportFiles(subject: ReportSubject, signal?: AbortSignal): Promise<ReportFile[]> {
  return chartedPageFiles(chartsOf(subject), (charts) => page(subject, charts), signal);
}

/**
 * The files of a report page on `charts` (see {@link reportFiles}): `report.html` as `page`
 * writes it around the drawn charts, then each chart's SVG, PNG and Vega-Lite spec.
 */
export async function chartedPageFiles(
  reportCharts: readonly ReportChart[],
  page: (charts: readonly PageChart[]) => string,
  signal?: AbortSignal,
): Promise<ReportFile[]> {
  const charts: PageChart[] = [];
  const files: ReportFile[] = [];
  for (const chart of reportCharts) {
    if (signal?.aborted) throw new ReportInterrupted();
    const { svg } = await renderSvg(chart.spec);
    charts.push({ chart, svg });
    files.push(...chartFiles(chart, svg));
  }
  if (signal?.aborted) throw new ReportInterrupted();
  return [{ name: "report.html", content: page(charts) }, ...files];
}

function chartsOf(subject: ReportSubject): ReportChart[] {
  switch (subject.kind) {
    case "results":
      if (subject.docs.length === 0) throw new RangeError("a report needs at least one result");
      return reportCharts(subject.docs);
    case "sweep":
      return sweepCharts(subject.result, subject.confidence);
    case "tune":
      return tuneCharts(subject.doc);
  }
}

function page(subject: ReportSubject, charts: readonly PageChart[]): string {
  switch (subject.kind) {
    case "results":
      return reportPage({ docs: subject.docs, sourceNames: subject.sourceNames, charts });
    case "sweep": {
      const slices = subject.result.axes.length > 2 ? sweepSlices(subject.result).length : 0;
      return sweepPage({
        result: subject.result,
        confidence: subject.confidence,
        source: subject.source,
        charts,
        slicesLeftOut: Math.max(0, slices - MAX_SLICES),
      });
    }
    case "tune":
      return tunePage({ doc: subject.doc, source: subject.source, charts });
  }
}

function chartFiles(chart: ReportChart, svg: string): ReportFile[] {
  return [
    { name: `${chart.name}.svg`, content: svg },
    { name: `${chart.name}.png`, content: renderPng(svg) },
    {
      name: `${chart.name}${CHART_SPEC_SUFFIX}`,
      content: `${JSON.stringify(chart.spec, null, 2)}\n`,
    },
  ];
}
