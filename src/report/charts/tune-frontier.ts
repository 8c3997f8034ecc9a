import type { TuneVerdict } from "../../tuning/tune.js";
import type { ConfidenceVerdict } from "../ceiling-confidence.js";
import { pluralIs } from "../format-number.js";
import type { TuneDocument } from "../tune-document.js";
import { chartFrame } from "./chart-frame.js";
import { confidenceColor, confidenceLabel } from "./confidence-colors.js";
import { occupancyAxis } from "./occupancy-axis.js";
import { horizontalLimit } from "./reference-rules.js";
import type { ReportChart } from "./report-charts.js";
import { round } from "./round.js";
import type { ChartLayer, ChartSpec } from "./vega-lite-types.js";

/** A probe's verdict in the three words (and colours) of the charts. */
const CHART_VERDICT: Readonly<Record<TuneVerdict, ConfidenceVerdict>> = {
  feasible: "meets",
  "not feasible": "fails",
  undecided: "undecided",
};

/**
 * The frontier `tune` explored: agent occupancy (x) against silent calls per 100 connected
 * (y), one point per probed value with 95% intervals both ways, coloured by whether its
 * replications showed the campaign within the ceiling with the required probability, the
 * chosen setting ringed and labelled, and the ceiling marked.
 */
export function tuneFrontierSpec(doc: TuneDocument): ChartSpec {
  const points = doc.probes.flatMap((p) => {
    const r = p.point.metrics.silentPer100Connected;
    const o = p.point.metrics.agentOccupancy;
    if (r === null || o === null) return [];
    const pct = (x: number) => round(100 * x, 3);
    return [
      {
        value: p.value,
        occupancy: pct(o.mean),
        occupancyLow: pct(o.ci95[0]),
        occupancyHigh: pct(o.ci95[1]),
        ratio: round(r.mean),
        ratioLow: round(Math.max(0, r.ci95[0])),
        ratioHigh: round(r.ci95[1]),
        verdict: confidenceLabel(CHART_VERDICT[p.verdict], doc.confidence),
        chosen: doc.best !== null && p.value === doc.best.value,
      },
    ];
  });
  const x = occupancyAxis(points.flatMap((p) => [p.occupancyLow, p.occupancyHigh]));
  const y = {
    type: "quantitative" as const,
    scale: { zero: true },
    axis: { title: "silent calls per 100 connected" },
  };
  const chosen = points.filter((p) => p.chosen);
  // Named in the subtitle rather than beside the point, where it would cover its neighbours.
  const chosenLayers: ChartLayer[] = chosen.map((p) => ({
    data: { values: [p] },
    mark: {
      type: "point",
      shape: "circle",
      size: 420,
      strokeWidth: 2.5,
      color: "#111111",
      opacity: 1,
    },
    encoding: { x: { field: "occupancy", ...x }, y: { field: "ratio", ...y } },
  }));
  const missing = doc.probes.length - points.length;
  return {
    ...chartFrame(`Occupancy against silent calls at each probed ${doc.key}`, [
      `Scenario ${doc.scenario.name}, pacing ${doc.pacing}. Each point is one probed value of ${doc.key}: means over its replications (seeds from ${doc.seed}), with 95% confidence intervals as lines.`,
      doc.best === null
        ? `No probed value was shown to meet the ceiling with probability ${doc.confidence}.`
        : `Ringed: the setting chosen, ${doc.key}=${doc.best.value}.`,
      ...(missing > 0
        ? [`${pluralIs(missing, "probed value")} not drawn: no ratio (nobody connected).`]
        : []),
    ]),
    layer: [
      {
        data: { values: points },
        mark: { type: "rule", color: "#555555" },
        encoding: {
          x: { field: "occupancy", ...x },
          y: { field: "ratioLow", ...y },
          y2: { field: "ratioHigh" },
        },
      },
      {
        data: { values: points },
        mark: { type: "rule", color: "#555555" },
        encoding: {
          y: { field: "ratio", ...y },
          x: { field: "occupancyLow", ...x },
          x2: { field: "occupancyHigh" },
        },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 110, opacity: 1 },
        encoding: {
          x: { field: "occupancy", ...x },
          y: { field: "ratio", ...y },
          color: confidenceColor("verdict", doc.confidence),
        },
      },
      ...chosenLayers,
      ...horizontalLimit(
        doc.rules.ceilingPer100,
        `ceiling: ${doc.rules.ceilingPer100} per 100 ${doc.rules.denominator}`,
        "left",
      ),
    ],
  };
}

/** The charts of a tune run's report (and of the workbench's tune panel): the frontier. */
export function tuneCharts(doc: TuneDocument): ReportChart[] {
  return [
    {
      name: "tune-frontier",
      caption: `Each point is one probed value of ${doc.key}: how busy it kept the agents (across) against how many silent calls it made (up). Blue points met the ceiling with the required probability; the ringed one is the setting chosen. The dashed line is the ceiling.`,
      spec: tuneFrontierSpec(doc),
    },
  ];
}
