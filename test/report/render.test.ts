import { describe, expect, it } from "vitest";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import {
  sweepHeatmapSpec,
  sweepOccupancyHeatmapSpec,
} from "../../src/report/charts/sweep-heatmap.js";
import type { ChartSpec } from "../../src/report/charts/vega-lite-types.js";
import { chartFontFiles } from "../../src/report/render/chart-fonts.js";
import { PNG_SCALE, renderPng } from "../../src/report/render/chart-png.js";
import { renderSvg } from "../../src/report/render/chart-svg.js";
import { fixtures } from "./result-fixtures.js";
import { pngSize, svgSize, svgTexts, xmlProblems } from "./xml-check.js";

// Every axis title a spec asks for, wherever it sits.
function axisTitles(spec: unknown): string[] {
  if (Array.isArray(spec)) return spec.flatMap(axisTitles);
  if (spec === null || typeof spec !== "object") return [];
  const own = (spec as { axis?: { title?: unknown } }).axis?.title;
  return [
    ...(typeof own === "string" ? [own] : []),
    ...Object.values(spec as object).flatMap(axisTitles),
  ];
}

const heatmapInput = {
  xKey: "pacing.level",
  yKey: "agents.count",
  ceilingPer100: 3,
  cells: [1, 1.5, 2].flatMap((x) =>
    [5, 10].map((y) => ({
      x,
      y,
      silentPer100Connected: (x - 1) * y,
      agentOccupancy: 0.7 + x / 10,
    })),
  ),
};
const heatmap = sweepHeatmapSpec(heatmapInput);

describe("rendering without a browser", () => {
  const charts = [
    ...reportCharts(fixtures.compared()).map((c) => ({ name: c.name, spec: c.spec })),
    { name: "sweep-heatmap", spec: heatmap },
    { name: "sweep-occupancy", spec: sweepOccupancyHeatmapSpec(heatmapInput) },
  ];

  it.each(charts)("draws $name as valid SVG and PNG of the expected size", async ({ spec }) => {
    const { svg, warnings } = await renderSvg(spec);
    expect(warnings).toEqual([]);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const { width, height } = svgSize(svg);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    // The 600 x 260 plotting area (side by side: 52 per result) plus titles, axes and
    // legends, within reason.
    expect(width).toBeGreaterThanOrEqual(640);
    expect(width).toBeLessThanOrEqual(1100);
    expect(height).toBeGreaterThanOrEqual(200);
    expect(height).toBeLessThanOrEqual(900);
    const text = svgTexts(svg);
    const titles = axisTitles(spec);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(text).toContain(title);
    expect(text).toContain((spec as { title: { text: string } }).title.text);

    const png = renderPng(svg);
    expect(pngSize(png)).toEqual({ width: PNG_SCALE * width, height: PNG_SCALE * height });
  });

  it("gives the same bytes for the same spec, whatever was drawn before", async () => {
    const spec = charts[2].spec;
    const first = await renderSvg(spec);
    await renderSvg(charts[0].spec); // advances Vega's clip-path counter
    const again = await renderSvg(spec);
    expect(again.svg).toBe(first.svg);
    expect(Buffer.from(renderPng(again.svg)).equals(Buffer.from(renderPng(first.svg)))).toBe(true);
  });

  it("rejects a spec that Vega-Lite cannot compile", async () => {
    const broken = { mark: "no-such-mark", data: { values: [] } } as unknown as ChartSpec;
    await expect(renderSvg(broken)).rejects.toThrow();
    // ...and draws the next one as usual.
    expect((await renderSvg(heatmap)).svg).toContain("<svg");
  });

  it("finds DejaVu Sans and draws the text with it", () => {
    const fonts = chartFontFiles();
    if (fonts.length === 0 && !process.env.CI) {
      console.warn(
        "DejaVu Sans not installed (Debian: fonts-dejavu-core): PNG text is not checked",
      );
      return;
    }
    expect(fonts.map((f) => f.split("/").pop())).toEqual(["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]);
    const frame =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" viewBox="0 0 120 30">';
    const blank = renderPng(`${frame}</svg>`);
    const text = renderPng(
      `${frame}<text x="4" y="20" font-family="DejaVu Sans, Verdana, sans-serif" font-size="14px">ceiling</text></svg>`,
    );
    expect(Buffer.from(text).equals(Buffer.from(blank))).toBe(false);
    expect(chartFontFiles(["/nonexistent"])).toEqual([]);
  });
});
