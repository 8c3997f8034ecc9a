import type { ResultDocument } from "../../result/result-document.js";
import { resultPacingName } from "../summary-text.js";
import { chartFrame } from "./chart-frame.js";
import { round } from "./round.js";
import { clockTime, contiguousRuns, spansSeveralDays, timeX } from "./time-axis.js";
import type { ChartSpec } from "./vega-lite-types.js";

const STATES = [
  { key: "agentsTalking", name: "agents talking", color: "#2166ac" },
  { key: "agentsWrapUp", name: "agents in wrap-up", color: "#67a9cf" },
  { key: "agentsIdle", name: "agents idle (waiting for a call)", color: "#d1e5f0" },
] as const;
const IN_FLIGHT = { name: "calls in flight (placed, not yet with an agent)", color: "#e08214" };

/**
 * What the agents did through the campaign (the first replication): talking, wrap-up and idle
 * stacked to the agents staffed, each interval's mean drawn as a step, with the calls in
 * flight as a line on the same count scale. Steps stop where no interval was recorded.
 */
export function agentStatesSpec(doc: ResultDocument): ChartSpec {
  const rows = doc.timeseries.rows;
  const runs = contiguousRuns(rows);
  // A step holds each interval's value from its start until the next point, so the last
  // interval of a run also needs a point at its end. There the stacked areas drop to zero:
  // Vega-Lite fills every stacked series at every time (with zeros), so an area only stops
  // at a gap by going to zero. The line simply ends there, holding its last value.
  const points = rows.flatMap((r, i) => {
    const run = runs[i];
    const last = i === rows.length - 1 || runs[i + 1] !== run;
    const start = { at: clockTime(r.start), r, run, closing: false };
    return last ? [start, { at: clockTime(r.end), r, run, closing: true }] : [start];
  });
  const states = points.flatMap(({ at, r, closing }) =>
    STATES.map((s, order) => ({ at, state: s.name, order, agents: closing ? 0 : round(r[s.key]) })),
  );
  const inFlight = points.map(({ at, r, run }) => ({ at, calls: round(r.callsInFlight), run }));
  const color = {
    type: "nominal" as const,
    scale: {
      domain: [...STATES.map((s) => s.name), IN_FLIGHT.name],
      range: [...STATES.map((s) => s.color), IN_FLIGHT.color],
    },
    legend: { title: null },
  };
  const y = { type: "quantitative" as const, axis: { title: "agents, or calls in flight" } };
  return {
    ...chartFrame(
      `What the agents were doing, ${spansSeveralDays(rows) ? "over the campaign" : "through the day"}`,
      [
        `Scenario ${doc.scenario.name}, pacing ${resultPacingName(doc)}, seed ${doc.seed}; mean of each ${doc.timeseries.intervalMinutes}-minute interval.`,
      ],
    ),
    layer: [
      {
        data: { values: states },
        mark: { type: "area", interpolate: "step-after" },
        encoding: {
          x: timeX("at", rows),
          y: { field: "agents", stack: "zero", ...y },
          color: { field: "state", ...color },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        data: { values: inFlight },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
        encoding: {
          x: timeX("at", rows),
          y: { field: "calls", ...y },
          color: { datum: IN_FLIGHT.name, ...color },
          detail: { field: "run", type: "nominal" },
        },
      },
    ],
  };
}
