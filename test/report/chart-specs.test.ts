import { describe, expect, it } from "vitest";
import { agentStatesSpec } from "../../src/report/charts/agent-states.js";
import { frontierSpec } from "../../src/report/charts/frontier.js";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import { resultLabels } from "../../src/report/charts/result-labels.js";
import { silentByResultSpec } from "../../src/report/charts/silent-by-result.js";
import { silentHoldSpec } from "../../src/report/charts/silent-hold-histogram.js";
import { silentOverTimeSpec } from "../../src/report/charts/silent-over-time.js";
import { sweepHeatmapSpec } from "../../src/report/charts/sweep-heatmap.js";
import type { ChartSpec } from "../../src/report/charts/vega-lite-types.js";
import { fixtures, variant } from "./result-fixtures.js";

// Loose views of a spec, for looking inside layers.
// biome-ignore lint/suspicious/noExplicitAny: specs are read loosely here; the snapshots pin them exactly
type Json = Record<string, any>;
function layers(spec: ChartSpec | Json): Json[] {
  const own = ((spec as Json).layer ?? []) as Json[];
  return own.flatMap((l) => [l, ...layers(l)]);
}
const markType = (l: Json) => (typeof l.mark === "string" ? l.mark : l.mark?.type);
const values = (l: Json) => (l.data?.values ?? []) as Json[];
const axisTitles = (spec: ChartSpec) =>
  layers(spec).flatMap((l) =>
    Object.values((l.encoding ?? {}) as Json)
      .map((e: Json) => e?.axis?.title)
      .filter((t) => typeof t === "string"),
  );
const texts = (spec: ChartSpec) =>
  layers(spec)
    .filter((l) => markType(l) === "text")
    .map((l) => l.mark.text)
    .filter((t) => typeof t === "string");

describe("chart specs from results with fixed seeds", () => {
  it("silent calls over time: interval bars, cumulative line and the labelled ceiling", () => {
    const doc = fixtures.defaultOne();
    const spec = silentOverTimeSpec(doc);
    expect(spec).toMatchSnapshot();
    expect(axisTitles(spec)).toEqual(
      expect.arrayContaining(["time of day", "silent calls per 100 connected"]),
    );
    expect(texts(spec)).toContain("ceiling: 3 per 100 connected");
    const rule = layers(spec).find((l) => markType(l) === "rule");
    expect(rule?.encoding.y.datum).toBe(3);
    // One replication: no band. The line ends at the campaign's ratio.
    expect(layers(spec).some((l) => markType(l) === "area")).toBe(false);
    const line = layers(spec).find((l) => markType(l) === "line") as Json;
    expect(values(line).at(-1)?.ratio).toBeCloseTo(doc.campaign.silentPer100Connected as number, 3);
    const bars = values(layers(spec).find((l) => markType(l) === "bar") as Json);
    expect(bars).toHaveLength(
      doc.timeseries.rows.filter((r) => r.silentPer100Connected !== null).length,
    );
  });

  it("silent calls over time: the 95% band across replications, around the mean", () => {
    const doc = fixtures.compared()[1];
    const spec = silentOverTimeSpec(doc);
    expect(spec).toMatchSnapshot();
    const band = layers(spec).find((l) => markType(l) === "area") as Json;
    expect(values(band).length).toBe(doc.timeseries.rows.length);
    for (const p of values(band)) expect(p.low).toBeLessThanOrEqual(p.high);
    const last = doc.timeseries.rows.at(-1)?.acrossReplications?.cumulativeSilentPer100Connected;
    expect(values(band).at(-1)?.high).toBeCloseTo(last?.ci95[1] as number, 3);
    const legend = layers(spec).find((l) => l.encoding?.color?.scale?.domain)?.encoding.color;
    expect(legend.scale.domain).toHaveLength(3);
  });

  it("over several days the time axis names the days", () => {
    const spec = silentOverTimeSpec(fixtures.smallTeam());
    expect(axisTitles(spec)).toContain("day and time of day");
    expect(axisTitles(spec)).not.toContain("time of day");
    const tenDays = variant(fixtures.smallTeam(), {
      timeseries: {
        rows: [
          fixtures.smallTeam().timeseries.rows[0],
          {
            ...fixtures.smallTeam().timeseries.rows[0],
            start: "2026-12-10T09:00:00.000",
            end: "2026-12-10T09:15:00.000",
          },
        ],
      },
    });
    expect(axisTitles(silentOverTimeSpec(tenDays))).toContain("day");
  });

  it("silent hold times: every silent call in a bar, the cut-off marked", () => {
    for (const doc of [fixtures.defaultOne(), fixtures.smallTeam()]) {
      const spec = silentHoldSpec(doc);
      expect(spec).toMatchSnapshot();
      const bars = values(layers(spec).find((l) => markType(l) === "bar") as Json);
      expect(bars.reduce((n, b) => n + b.calls, 0)).toBe(doc.campaign.silent);
      // Bars are centred on the hold they count; nothing sits past the cut-off's bin.
      for (const b of bars) expect(b.held).toBeLessThanOrEqual(doc.dialer.cutoffSeconds + 1e-9);
      const cutoff = layers(spec).find((l) => markType(l) === "rule");
      expect(cutoff?.encoding.x.datum).toBe(3);
      expect(texts(spec)).toContain("cut-off: 3 s");
      expect(axisTitles(spec)).toEqual(["seconds held after the answer", "silent calls"]);
    }
  });

  it("agent states: talking, wrap-up and idle stack to the agents staffed", () => {
    const doc = fixtures.defaultOne();
    const spec = agentStatesSpec(doc);
    expect(spec).toMatchSnapshot();
    const area = layers(spec).find((l) => markType(l) === "area") as Json;
    const first = doc.timeseries.rows[0];
    const atStart = values(area).filter((p) => p.at === `${first.start}Z`);
    expect(atStart.map((p) => p.state)).toHaveLength(3);
    expect(atStart.reduce((n, p) => n + p.agents, 0)).toBeCloseTo(first.agentsStaffed, 2);
    const line = layers(spec).find((l) => markType(l) === "line") as Json;
    expect(values(line)[0].calls).toBeCloseTo(first.callsInFlight, 3);
    expect(axisTitles(spec)).toContain("agents, or calls in flight");
    // Each run of back-to-back intervals ends with a closing point at its last interval's end,
    // where the stacked areas drop to zero (nobody is staffed until the next run).
    const runs = new Set(values(line).map((p) => p.run)).size;
    expect(values(line)).toHaveLength(doc.timeseries.rows.length + runs);
    const end = `${doc.timeseries.rows.at(-1)?.end}Z`;
    expect(
      values(area)
        .filter((p) => p.at === end)
        .map((p) => p.agents),
    ).toEqual([0, 0, 0]);
  });

  it("side by side: one bar per result with its interval and the ceiling", () => {
    const docs = [...fixtures.compared(), fixtures.smallTeam()];
    const spec = silentByResultSpec(docs);
    expect(spec).toMatchSnapshot();
    const bars = values(layers(spec).find((l) => values(l).length > 0 && l.layer) as Json);
    expect(bars.map((b) => b.result)).toEqual([
      "default · progressive",
      "default · guarded:binomial",
      "small-team · vicidial-adapt-hard-limit",
    ]);
    const guarded = docs[1].acrossReplications?.metrics.silentPer100Connected;
    expect(bars[1].ratio).toBeCloseTo(guarded?.mean as number, 3);
    expect(bars[1].high).toBeCloseTo(guarded?.ci95[1] as number, 3);
    expect(bars[2].low).toBeUndefined(); // one replication: no interval
    expect(bars[0].verdict).toBe("under or at the ceiling");
    expect(texts(spec)).toContain("ceiling: 3 per 100 connected");
    expect(axisTitles(spec)).toContain("silent calls per 100 connected");
  });

  it("frontier: occupancy in percent against the ratio, coloured by algorithm", () => {
    const docs = fixtures.compared();
    const spec = frontierSpec(docs);
    expect(spec).toMatchSnapshot();
    const point = layers(spec).find((l) => markType(l) === "point") as Json;
    expect(point.encoding.color.field).toBe("pacing");
    const occupancy = docs[0].acrossReplications?.metrics.agentOccupancy?.mean as number;
    expect(values(point)[0].occupancy).toBeCloseTo(100 * occupancy, 2);
    expect(values(point)[0].occupancyLow).toBeLessThanOrEqual(values(point)[0].occupancy);
    expect(axisTitles(spec)).toEqual(
      expect.arrayContaining(["agent occupancy (%)", "silent calls per 100 connected"]),
    );
    const [left, right] = point.encoding.x.scale.domain;
    expect(left).toBeLessThan(values(point)[0].occupancy);
    expect(right).toBeLessThanOrEqual(100);
    expect(texts(spec)).toContain("ceiling: 3 per 100 connected");
  });

  it("sweep heat map: cells in numeric order, over-ceiling cells outlined, gaps left blank", () => {
    const spec = sweepHeatmapSpec({
      xKey: "pacing.inner.targetPercent",
      yKey: "agents.count",
      ceilingPer100: 3,
      cells: [
        { x: 10, y: 5, silentPer100Connected: 4.5 },
        { x: 2, y: 5, silentPer100Connected: 1.25 },
        { x: 2, y: 20, silentPer100Connected: 0.5 },
        { x: 10, y: 20, silentPer100Connected: null },
      ],
    });
    expect(spec).toMatchSnapshot();
    const rect = layers(spec).find((l) => markType(l) === "rect") as Json;
    expect(rect.encoding.x.scale.domain).toEqual([2, 10]); // not "10" before "2"
    expect(rect.encoding.y.scale.domain).toEqual([20, 5]); // largest at the top
    expect(rect.encoding.color.scale.domain).toEqual([0, 3, 6]);
    const cells = (spec as Json).data.values as Json[];
    expect(cells).toHaveLength(3);
    expect(cells.filter((c) => c.over).map((c) => c.x)).toEqual([10]);
    expect(axisTitles(spec)).toEqual(
      expect.arrayContaining(["pacing.inner.targetPercent", "agents.count"]),
    );
  });

  it("every chart has a plain title and a fixed plotting area", () => {
    const charts = reportCharts([...fixtures.compared(), fixtures.smallTeam()]);
    expect(charts.map((c) => c.name)).toEqual([
      "silent-by-result",
      "frontier",
      ...[1, 2, 3].flatMap((i) => [
        `silent-over-time-${i}`,
        `silent-hold-times-${i}`,
        `agent-states-${i}`,
      ]),
    ]);
    for (const { spec } of charts) {
      expect(((spec as Json).title as Json).text).toMatch(/^[A-Z][a-z]/);
      expect((spec as Json).width).toBe(600);
    }
    expect(reportCharts([fixtures.defaultOne()]).map((c) => c.name)).toEqual([
      "silent-over-time",
      "silent-hold-times",
      "agent-states",
    ]);
  });
});

describe("result labels", () => {
  it("tell apart results that share a scenario and a pacing", () => {
    const doc = fixtures.defaultOne();
    const ratio = (level: number) =>
      variant(doc, {
        pacing: { algorithm: "vicidial-ratio", level, cadenceSeconds: 2.5 } as never,
      });
    expect(resultLabels([ratio(2), ratio(3), doc])).toEqual([
      "default · vicidial-ratio (level=2)",
      "default · vicidial-ratio (level=3)",
      "default · guarded(binomial)",
    ]);
    expect(resultLabels([doc, variant(doc, { seed: 9 })])).toEqual([
      "default · guarded(binomial) (seed 1)",
      "default · guarded(binomial) (seed 9)",
    ]);
    expect(resultLabels([doc, doc])).toEqual([
      "default · guarded(binomial) (#1)",
      "default · guarded(binomial) (#2)",
    ]);
  });
});
