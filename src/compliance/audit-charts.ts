/**
 * The charts of an audit (`pacelab audit --report`, and the workbench's audit page, from the
 * same specs): the silent ratio of each window the rule set judges against the ceiling, and
 * the calls that broke each rule.
 */
import { CHART_COLORS, chartFrame } from "../report/charts/chart-frame.js";
import { horizontalLimit } from "../report/charts/reference-rules.js";
import type { ReportChart } from "../report/charts/report-charts.js";
import { round } from "../report/charts/round.js";
import type { ChartSpec } from "../report/charts/vega-lite-types.js";
import { count, plural } from "../report/format-number.js";
import { FINDING_KINDS, VIOLATION_KINDS, type WindowResult } from "./audit.js";
import type { AuditDocument } from "./audit-document.js";
import { FINDING_TITLES, VIOLATION_TITLES } from "./audit-text.js";

/** Most windows drawn: beyond it, the highest ratios (every window over the ceiling first). */
export const MAX_CHARTED_WINDOWS = 120;

const WITHIN = "within the ceiling";
const OVER = "over the ceiling";

/** The windows drawn, in the audit's order: all of them, or the highest ratios when too many. */
function chartedWindows(windows: readonly WindowResult[]): readonly WindowResult[] {
  const ratioed = windows.filter((w) => w.per100 !== null);
  if (ratioed.length <= MAX_CHARTED_WINDOWS) return ratioed;
  const kept = new Set(
    [...ratioed]
      .sort((a, b) => (b.per100 as number) - (a.per100 as number))
      .slice(0, MAX_CHARTED_WINDOWS),
  );
  return ratioed.filter((w) => kept.has(w));
}

/** Silent calls per 100 in each judged window, bars coloured by the verdict, the ceiling marked. */
export function auditWindowsSpec(doc: AuditDocument): ChartSpec {
  const { rules } = doc;
  const drawn = chartedWindows(doc.windows);
  const scopes = new Set(doc.windows.map((w) => w.scope)).size;
  const values = drawn.map((w) => {
    const span = w.from === w.to ? w.from : `${w.from} to ${w.to}`;
    return {
      window: scopes > 1 ? `${w.scope}: ${span}` : span,
      per100: round(w.per100 as number),
      silent: w.numerator,
      [rules.denominator]: w.denominator,
      verdict: w.within ? WITHIN : OVER,
    };
  });
  const unratioed = doc.windows.filter((w) => w.per100 === null).length;
  const leftOut = doc.windows.length - unratioed - drawn.length;
  return {
    ...chartFrame(`Silent calls per 100 ${rules.denominator} in each window`, [
      `Rules ${rules.id} v${rules.version}; ${plural(doc.windows.length, "window")} judged.`,
      ...(leftOut > 0
        ? [`Drawn: the ${count(drawn.length)} highest; ${count(leftOut)} lower ones left out.`]
        : []),
      ...(unratioed > 0
        ? [`${plural(unratioed, "window")} without a ratio (nothing ${rules.denominator}).`]
        : []),
    ]),
    layer: [
      {
        data: { values },
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "window",
            type: "nominal",
            sort: null,
            // A few windows get narrow bars, not blocks across the whole plot.
            scale: { paddingOuter: Math.max(0.2, (6 - values.length) / 2) },
            axis: { title: null, labelAngle: values.length > 6 ? -45 : 0, labelLimit: 0 },
          },
          y: {
            field: "per100",
            type: "quantitative",
            scale: { zero: true },
            axis: { title: `silent calls per 100 ${rules.denominator}` },
          },
          color: {
            field: "verdict",
            type: "nominal",
            scale: { domain: [WITHIN, OVER], range: [CHART_COLORS.primary, CHART_COLORS.limit] },
            legend: { title: null },
          },
        },
      },
      ...horizontalLimit(
        rules.ceilingPer100,
        `ceiling: ${rules.ceilingPer100} per 100 ${rules.denominator}`,
      ),
    ],
  };
}

/** How many calls broke each rule, and the duplicate and overlapping rows found apart. */
export function auditProblemsSpec(doc: AuditDocument): ChartSpec {
  // The titles' explanations in brackets are for the text report: the chart keeps it short.
  const short = (title: string) => title.replace(/ \(.*\)$/, "");
  const rows = [
    ...VIOLATION_KINDS.map((k) => ({
      what: VIOLATION_TITLES[k],
      calls: doc.violations[k].count,
      kind: "broke a rule",
    })),
    ...FINDING_KINDS.map((k) => ({
      what: short(FINDING_TITLES[k]),
      calls: doc.findings[k].count,
      kind: "found in the records (not in the verdict)",
    })),
  ];
  const y = {
    field: "what",
    type: "nominal" as const,
    sort: null,
    axis: { title: null, labelLimit: 0 },
  };
  // With nothing counted, a scale of 0 to 1 rather than one of 0 to 0.
  const most = Math.max(...rows.map((r) => r.calls));
  return {
    ...chartFrame("Calls that broke each rule", [
      `${plural(doc.verdict.violations, "violation")} in ${plural(doc.verdict.calls, "call")} audited; ${plural(doc.verdict.duplicateRows, "duplicate row")}, ${plural(doc.verdict.overlappingCalls, "overlapping call")}.`,
    ]),
    layer: [
      {
        data: { values: rows },
        mark: { type: "bar" },
        encoding: {
          y,
          x: {
            field: "calls",
            type: "quantitative",
            scale: most === 0 ? { domain: [0, 1] } : { zero: true },
            axis: { title: "calls", format: "d", tickMinStep: 1 },
          },
          color: {
            field: "kind",
            type: "nominal",
            scale: { range: [CHART_COLORS.limit, "#999999"] },
            legend: { title: null },
          },
        },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", dx: 4 },
        encoding: { y, x: { field: "calls", type: "quantitative" }, text: { field: "calls" } },
      },
    ],
  };
}

/** The audit's charts, with their captions in plain words. */
export function auditCharts(doc: AuditDocument): ReportChart[] {
  return [
    {
      name: "audit-windows",
      caption: `Silent calls per 100 ${doc.rules.denominator} in each window the rule set judges, one bar a window. A red bar reaching past the dashed ceiling line is a window over the ceiling.`,
      spec: auditWindowsSpec(doc),
    },
    {
      name: "audit-problems",
      caption:
        "How many calls broke each rule (red) and how many rows repeated or overlapped an earlier call (grey: reported, but not part of the verdict). Every bar should be empty.",
      spec: auditProblemsSpec(doc),
    },
  ];
}
