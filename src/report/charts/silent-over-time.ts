import type { ResultDocument } from "../../result/result-document.js";
import { resultPacingName } from "../summary-text.js";
import { CHART_COLORS, chartFrame } from "./chart-frame.js";
import { horizontalLimit } from "./reference-rules.js";
import { round } from "./round.js";
import { clockTime, spansSeveralDays, timeX } from "./time-axis.js";
import type { ChartLayer, ChartSpec } from "./vega-lite-types.js";

/** The y scale shows at least twice the ceiling, and intervals up to this many times the rest. */
const INTERVAL_HEADROOM = 3;

/**
 * Silent calls per 100 connected through the campaign: each interval's ratio as bars, the
 * ratio since the start as a line, the ceiling as a labelled rule and, with several
 * replications, the 95% confidence band of the cumulative ratio's mean.
 */
export function silentOverTimeSpec(doc: ResultDocument): ChartSpec {
  const rows = doc.timeseries.rows;
  const ceiling = doc.rules.ceilingPer100;
  const minutes = doc.timeseries.intervalMinutes;
  const names = {
    interval: `in each ${minutes}-minute interval (replication 1)`,
    cumulative: "since the start of the campaign (replication 1)",
    band: `since the start: 95% confidence interval of the mean of ${doc.replications} replications`,
  };

  const bars = rows.flatMap((r) =>
    r.silentPer100Connected === null
      ? []
      : [{ from: clockTime(r.start), to: clockTime(r.end), ratio: round(r.silentPer100Connected) }],
  );
  const line = rows.flatMap((r) =>
    r.cumulativeSilentPer100Connected === null
      ? []
      : [{ at: clockTime(r.end), ratio: round(r.cumulativeSilentPer100Connected) }],
  );
  const band =
    doc.replications > 1
      ? rows.flatMap((r) => {
          const ci = r.acrossReplications?.cumulativeSilentPer100Connected?.ci95;
          return ci === undefined
            ? []
            : [{ at: clockTime(r.end), low: round(Math.max(0, ci[0])), high: round(ci[1]) }];
        })
      : [];

  // Early intervals with few connections can reach hundreds: keep the ceiling readable by
  // letting single intervals run off the top rather than squashing everything else.
  const steady = Math.max(2 * ceiling, ...line.map((p) => p.ratio), ...band.map((p) => p.high));
  const highest = Math.max(0, ...bars.map((b) => b.ratio));
  const top = Math.max(steady, Math.min(INTERVAL_HEADROOM * steady, highest));
  const clipped = highest > top;

  const y = {
    type: "quantitative" as const,
    scale: { domain: [0, round(top, 2)], nice: true },
    axis: { title: "silent calls per 100 connected" },
  };
  const color = {
    type: "nominal" as const,
    scale: {
      domain: [names.interval, names.cumulative, ...(band.length > 0 ? [names.band] : [])],
      range: [CHART_COLORS.secondary, CHART_COLORS.primary, CHART_COLORS.band],
    },
    legend: { title: null },
  };

  const layers: ChartLayer[] = [
    {
      data: { values: bars },
      mark: { type: "bar", clip: true, opacity: 0.8 },
      encoding: {
        x: timeX("from", rows),
        x2: { field: "to" },
        y: { field: "ratio", ...y },
        y2: { datum: 0 },
        color: { datum: names.interval, ...color },
      },
    },
  ];
  if (band.length > 0) {
    layers.push({
      data: { values: band },
      mark: { type: "area", opacity: 0.45, clip: true },
      encoding: {
        x: timeX("at", rows),
        y: { field: "low", ...y },
        y2: { field: "high" },
        color: { datum: names.band, ...color },
      },
    });
  }
  layers.push(
    {
      data: { values: line },
      // Points mark each interval's end while there is room to tell them apart.
      mark: {
        type: "line",
        strokeWidth: 2.5,
        point: line.length <= 60 ? { size: 18 } : false,
        clip: true,
      },
      encoding: {
        x: timeX("at", rows),
        y: { field: "ratio", ...y },
        color: { datum: names.cumulative, ...color },
      },
    },
    ...horizontalLimit(ceiling, `ceiling: ${ceiling} per 100 ${doc.rules.denominator}`),
  );

  const subtitle = [
    `Scenario ${doc.scenario.name}, pacing ${resultPacingName(doc)}, seed ${doc.seed}${doc.replications > 1 ? ` (replication 1 of ${doc.replications})` : ""}.`,
  ];
  if (clipped) {
    subtitle.push(
      `Intervals above ${round(top, 1)} run off the top (highest: ${round(highest, 1)}).`,
    );
  }
  return {
    ...chartFrame(
      `Silent calls per 100 connected, ${spansSeveralDays(rows) ? "over the campaign" : "through the day"}`,
      subtitle,
    ),
    layer: layers,
  };
}
