import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeReportOf } from "../../src/cli/report-command.js";
import { ceilingConfidence, replicationsToShow } from "../../src/report/ceiling-confidence.js";
import { sweepCharts, sweepSlices } from "../../src/report/charts/sweep-charts.js";
import { sweepOccupancyHeatmapSpec } from "../../src/report/charts/sweep-heatmap.js";
import { sweepLineSpec } from "../../src/report/charts/sweep-line.js";
import { tuneFrontierSpec } from "../../src/report/charts/tune-frontier.js";
import type { ChartSpec } from "../../src/report/charts/vega-lite-types.js";
import { sweepPage } from "../../src/report/html/sweep-page.js";
import { tunePage, tuneVerdict } from "../../src/report/html/tune-page.js";
import { VERSION } from "../../src/version.js";
import { sweepFixtures } from "./sweep-tune-fixtures.js";

// biome-ignore lint/suspicious/noExplicitAny: specs are read loosely here; the snapshots pin them exactly
type Json = Record<string, any>;
function layers(spec: ChartSpec | Json): Json[] {
  const own = [
    ...(((spec as Json).layer ?? []) as Json[]),
    ...(((spec as Json).vconcat ?? []) as Json[]),
  ];
  return own.flatMap((l) => [l, ...layers(l)]);
}
const markType = (l: Json) => (typeof l.mark === "string" ? l.mark : l.mark?.type);
const values = (l: Json) => (l.data?.values ?? []) as Json[];

describe("ceiling confidence", () => {
  it("judges a point as tune judges a probed value, by the Wilson interval", () => {
    expect(ceilingConfidence(100, 0, 0.95).verdict).toBe("meets");
    expect(ceilingConfidence(10, 0, 0.95).verdict).toBe("undecided"); // 10 of 10: bound 0.72
    expect(ceilingConfidence(40, 20, 0.95).verdict).toBe("fails");
    expect(ceilingConfidence(0, 0, 0.95)).toMatchObject({ within: 0, verdict: "undecided" });
    expect(ceilingConfidence(10, 3, 0.5)).toMatchObject({ within: 7, replications: 10 });
    expect(replicationsToShow(0.95)).toBe(73);
    expect(ceilingConfidence(73, 0, 0.95).verdict).toBe("meets");
    expect(ceilingConfidence(72, 0, 0.95).verdict).toBe("undecided");
  });
});

describe("sweep charts from a sweep with fixed seeds", () => {
  it("one key: ratio with intervals and the ceiling above occupancy, every point drawn", async () => {
    const result = await sweepFixtures.oneKey();
    const spec = sweepLineSpec(result, 0.95);
    expect(spec).toMatchSnapshot();
    const [top, bottom] = (spec as Json).vconcat as Json[];
    const points = layers(top).find((l) => markType(l) === "point") as Json;
    expect(values(points).map((p) => p.x)).toEqual([1, 3, 6]);
    const mean = result.points[1].metrics.silentPer100Connected?.mean as number;
    expect(values(points)[1].ratio).toBeCloseTo(mean, 3);
    // Two replications cannot show 0.95: every point is undecided, in grey.
    expect(new Set(values(points).map((p) => p.verdict))).toEqual(
      new Set(["not shown either way (too few replications)"]),
    );
    const ceiling = layers(top).find((l) => markType(l) === "rule" && l.encoding?.y?.datum);
    expect(ceiling?.encoding.y.datum).toBe(3);
    expect(layers(top).some((l) => l.mark?.text === "ceiling: 3 per 100 connected")).toBe(true);
    const occupancy = layers(bottom).find((l) => markType(l) === "line") as Json;
    expect(occupancy.encoding.y.axis.title).toBe("agent occupancy (%)");
    expect(values(occupancy)[0].occupancy).toBeCloseTo(
      100 * (result.points[0].metrics.agentOccupancy?.mean as number),
      2,
    );
    expect(sweepCharts(result, 0.95).map((c) => c.name)).toEqual(["sweep-line"]);
  });

  it("two keys: one heat map with a cell per point", async () => {
    const result = await sweepFixtures.twoKeys();
    const charts = sweepCharts(result, 0.95);
    expect(charts.map((c) => c.name)).toEqual(["sweep-heatmap", "sweep-occupancy"]);
    expect(charts[0].spec).toMatchSnapshot();
    expect(charts[1].spec).toMatchSnapshot();
    const occupancy = (charts[1].spec as Json).data.values as Json[];
    expect(occupancy[0].occupancy).toBeCloseTo(
      100 * (result.points[0].metrics.agentOccupancy?.mean as number),
      2,
    );
    const cells = (charts[0].spec as Json).data.values as Json[];
    expect(cells).toHaveLength(4);
    const [slice] = sweepSlices(result);
    expect(slice.fixed).toEqual({});
    expect(slice.input.cells.map((c) => [c.x, c.y])).toEqual([
      [1, 5],
      [1, 20],
      [6, 5],
      [6, 20],
    ]);
  });

  it("three keys: one heat map per value of the third, so that no point is left out", async () => {
    const result = await sweepFixtures.threeKeys();
    const slices = sweepSlices(result);
    expect(slices.map((s) => s.fixed)).toEqual([
      { "dialer.cutoffSeconds": 0 },
      { "dialer.cutoffSeconds": 3 },
    ]);
    expect(slices.reduce((n, s) => n + s.input.cells.length, 0)).toBe(result.points.length);
    expect(slices[0].input.description).toMatch(/At dialer\.cutoffSeconds=0\.$/);
    const charts = sweepCharts(result, 0.95);
    expect(charts.map((c) => c.name)).toEqual([
      "sweep-heatmap-1",
      "sweep-occupancy-1",
      "sweep-heatmap-2",
      "sweep-occupancy-2",
    ]);
    expect(charts[2].caption).toContain("at dialer.cutoffSeconds=3");
  });
});

describe("the occupancy heat map", () => {
  it("outlines the cells over the ceiling so that the best allowed cell stands out", () => {
    const spec = sweepOccupancyHeatmapSpec({
      xKey: "pacing.level",
      yKey: "agents.count",
      ceilingPer100: 3,
      cells: [
        { x: 2, y: 5, silentPer100Connected: 4.5, agentOccupancy: 0.91 },
        { x: 1, y: 5, silentPer100Connected: 1.2, agentOccupancy: 0.8 },
        { x: 1, y: 20, silentPer100Connected: null, agentOccupancy: 0.7 },
        { x: 2, y: 20, silentPer100Connected: 0.5, agentOccupancy: null },
      ],
    });
    const cells = (spec as Json).data.values as Json[];
    expect(cells.map((c) => [c.x, c.y, c.text, c.over])).toEqual([
      [2, 5, "91.0%", true],
      [1, 5, "80.0%", false],
      [1, 20, "70.0%", true], // silent calls with nobody connected: over any ceiling
    ]);
    const rect = layers(spec).find((l) => markType(l) === "rect") as Json;
    expect(rect.encoding.color.legend.title).toBe("agent occupancy (%)");
    expect(rect.encoding.x.scale.domain).toEqual([1, 2]);
    const outline = layers(spec).find((l) => l.transform?.[0]?.filter === "datum.over");
    expect(outline?.mark.stroke).toBe("#111111");
  });
});

describe("the tune frontier", () => {
  it("plots every probed value, rings the chosen one and marks the ceiling", async () => {
    const doc = await sweepFixtures.tuned();
    const spec = tuneFrontierSpec(doc);
    expect(spec).toMatchSnapshot();
    const points = layers(spec).find((l) => markType(l) === "point" && l.encoding?.color) as Json;
    expect(values(points).map((p) => p.value)).toEqual(doc.probes.map((p) => p.value));
    expect(doc.best).not.toBeNull();
    const ring = layers(spec).find((l) => markType(l) === "point" && l.mark.size === 420) as Json;
    expect(values(ring)).toHaveLength(1);
    expect(values(ring)[0].value).toBe(doc.best?.value);
    expect(values(ring)[0].verdict).toBe("meets the ceiling with probability >= 0.5");
    expect((spec as Json).title.subtitle.join(" ")).toContain(
      `Ringed: the setting chosen, level=${doc.best?.value}.`,
    );
    expect(
      layers(spec).find((l) => markType(l) === "rule" && l.encoding?.y?.datum)?.encoding.y.datum,
    ).toBe(3);
    expect(points.encoding.x.axis.title).toBe("agent occupancy (%)");
    expect(points.encoding.y.axis.title).toBe("silent calls per 100 connected");
  });
});

describe("sweep and tune pages", () => {
  it("the sweep page states what ran and which points meet the ceiling, in plain words", async () => {
    const result = await sweepFixtures.twoKeys();
    const page = sweepPage({
      result,
      confidence: 0.95,
      source: "s/sweep.json",
      charts: [],
      slicesLeftOut: 0,
    });
    for (const fact of [
      "Sweep report: scenario short-day",
      result.scenario.sha256,
      "it-garante-2014",
      "at most 3 silent calls per 100 connected, over the campaign",
      "<code>pacing.inner.targetPercent</code> = 1, 6 (2 values)",
      "<code>agents.count</code> = 5, 20 (2 values)",
      "1 to 2, the same at every point",
      `pacelab ${VERSION}`,
      "0 of 4 points of the sweep keep the campaign within 3 silent calls per 100 connected with probability at least 0.95",
      "that takes at least 73 replications",
      "s/sweep.json",
    ]) {
      expect(page).toContain(fact);
    }
    expect(page.match(/<tr>/g)).toHaveLength(1 + 4);
    // At a low enough bar, two replications within the ceiling can show it.
    const lenient = sweepPage({
      result,
      confidence: 0.3,
      source: "s",
      charts: [],
      slicesLeftOut: 0,
    });
    const meeting = result.points.filter((p) => p.overCeiling === 0);
    expect(lenient).toContain(`${meeting.length} of 4 points`);
    expect(lenient).not.toContain("that takes at least");
  });

  it("the tune page gives the setting, its occupancy and P(within the ceiling)", async () => {
    const doc = await sweepFixtures.tuned();
    const best = doc.best;
    if (best === null) throw new Error("the fixture should find a setting");
    const verdict = tuneVerdict(doc);
    const occupancy = (100 * (best.point.metrics.agentOccupancy?.mean as number)).toFixed(1);
    expect(verdict).toContain(
      `Use vicidial-ratio with level=${best.value}: agents are busy ${occupancy}%`,
    );
    expect(verdict).toContain(
      `with probability at least ${best.withinInterval[0].toFixed(2)} (95% Wilson lower bound; ${best.point.replications - best.point.overCeiling} of ${best.point.replications} replications within), which meets the required 0.5.`,
    );
    const page = tunePage({ doc, source: "t/tune.json", charts: [] });
    expect(page).toContain(verdict);
    expect(page).toContain("<code>level</code> from 1 to 2 in steps of 0.25");
    expect(page).toContain(`${best.value} (chosen)`);
    expect(page.match(/<tr>/g)).toHaveLength(1 + doc.probes.length);
    // The end of the range: said, since more aggressive values were never tried.
    expect(verdict).not.toContain("end of the searched range");
    const atEnd = { ...doc, range: { ...doc.range, to: best.value } };
    expect(tuneVerdict(atEnd)).toContain(
      `level=${best.value} is the end of the searched range: more aggressive values were not tried`,
    );
    expect(tuneVerdict({ ...doc, best: null, answer: "not feasible" })).toMatch(
      /^No probed value of level keeps vicidial-ratio within 3 silent calls/,
    );
  });

  it("the tune page says undecided, not infeasible, when nothing was shown either way", async () => {
    const doc = await sweepFixtures.tuned();
    const first = { ...doc.probes[0], verdict: "undecided" as const };
    const undecided = { ...doc, best: null, answer: "undecided" as const, probes: [first] };
    const verdict = tuneVerdict(undecided);
    expect(verdict).toMatch(
      /^Undecided: no probed value of level was shown to keep vicidial-ratio/,
    );
    expect(verdict).toContain(`level=${first.value} ended within the ceiling in`);
    expect(verdict).not.toContain("do not use");
    const page = tunePage({ doc: undecided, source: "t/tune.json", charts: [] });
    expect(page).toContain('<td class="">undecided</td>');
  });
});

describe("writing a report", () => {
  it("writes nothing when stopped while drawing (Ctrl-C)", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "pacelab-stop-")), "report");
    const abort = new AbortController();
    abort.abort();
    const result = await sweepFixtures.twoKeys();
    await expect(
      writeReportOf(
        { kind: "sweep", result, source: "sweep.json", confidence: 0.95 },
        dir,
        [],
        abort.signal,
      ),
    ).rejects.toMatchObject({ exitCode: 130, message: "pacelab: interrupted; no report written" });
    expect(existsSync(dir)).toBe(false);
  });
});
