import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeReport, writeReportOf } from "../../src/cli/report-command.js";
import { CHROMIUM_ARGS as ARGS, CHROMIUM, skipWithoutChromium } from "../support/chromium.js";
import { fixtures } from "./result-fixtures.js";
import { sweepFixtures } from "./sweep-tune-fixtures.js";

/** What a page showed in the browser: its charts, console problems and network requests. */
interface Opened {
  readonly charts: {
    id: string;
    marks: number;
    width: number;
    height: number;
    text: string;
    caption: string;
  }[];
  readonly svgFiles: string[];
  readonly problems: string[];
  readonly requests: string[];
  readonly page: Page;
}

/**
 * Opens `dir`/report.html from disk in headless Chromium and hands what it showed to `check`;
 * also checks that every chart is drawn, the SVG files parse as XML in a real parser, and
 * nothing was logged as an error or fetched from the network.
 */
async function openReport(dir: string, check: (opened: Opened) => Promise<void>): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), "pacelab-chromium-"));
  const svgFiles = readdirSync(dir)
    .filter((f) => f.endsWith(".svg"))
    .sort();
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!/^(file|data):/.test(r.url())) requests.push(r.url());
    });
    const url = pathToFileURL(join(dir, "report.html")).href;
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.ok() ?? true).toBe(true);

    const charts = await page.$$eval("figure.chart", (figures) =>
      figures.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return {
          id: f.id,
          marks: svg?.querySelectorAll("path, rect, line, text").length ?? 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          text: svg?.textContent ?? "",
          caption: f.querySelector("figcaption")?.textContent ?? "",
        };
      }),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(
      svgFiles.map((f) => `chart-${f.replace(/\.svg$/, "")}`),
    );
    for (const c of charts) {
      expect(c.marks, c.id).toBeGreaterThan(20);
      expect(c.width, c.id).toBeGreaterThan(400);
      expect(c.height, c.id).toBeGreaterThan(150);
      expect(c.caption.length, c.id).toBeGreaterThan(40);
    }
    expect(await page.$$("script")).toHaveLength(0);

    // The SVG files parse as XML in a real parser too.
    const errors = await page.evaluate(
      (texts: string[]) => {
        return texts.map((t) => {
          const doc = new DOMParser().parseFromString(t, "image/svg+xml");
          return doc.querySelector("parsererror")?.textContent ?? doc.documentElement.nodeName;
        });
      },
      svgFiles.map((f) => readFileSync(join(dir, f), "utf8")),
    );
    expect(errors).toEqual(svgFiles.map(() => "svg"));

    await check({ charts, svgFiles, problems, requests, page });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

describe("report pages in headless Chromium", () => {
  it("results side by side: every chart drawn, no console errors and no network requests", async (ctx) => {
    skipWithoutChromium(ctx);
    const dir = mkdtempSync(join(tmpdir(), "pacelab-browser-"));
    await writeReport(fixtures.compared(), ["progressive.json", "guarded.json"], dir);
    await openReport(dir, async ({ charts, page }) => {
      expect(charts.find((c) => c.id === "chart-silent-over-time-2")?.text).toContain(
        "ceiling: 3 per 100 connected",
      );
      const verdicts = await page.$$eval("ul.verdicts li", (items) =>
        items.map((i) => i.textContent),
      );
      expect(verdicts).toHaveLength(6);
    });
  });

  it("sweeps over one key and over three: every chart drawn, the ceiling visible", async (ctx) => {
    skipWithoutChromium(ctx);
    for (const [name, result, charts] of [
      ["one key", await sweepFixtures.oneKey(), ["chart-sweep-line"]],
      [
        "three keys",
        await sweepFixtures.threeKeys(),
        [
          "chart-sweep-heatmap-1",
          "chart-sweep-occupancy-1",
          "chart-sweep-heatmap-2",
          "chart-sweep-occupancy-2",
        ],
      ],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), "pacelab-browser-"));
      const source = join(dir, "sweep.json");
      await writeReportOf({ kind: "sweep", result, source, confidence: 0.95 }, dir);
      await openReport(dir, async (opened) => {
        expect(
          opened.charts.map((c) => c.id),
          name,
        ).toEqual(charts);
        for (const c of opened.charts) {
          const ceiling = c.id.includes("occupancy")
            ? "over the ceiling of 3"
            : c.id.includes("heatmap")
              ? "3 (ceiling)"
              : "ceiling: 3 per 100 connected";
          expect(c.text, c.id).toContain(ceiling);
        }
        const rows = await opened.page.$$eval("table.points tbody tr", (r) => r.length);
        expect(rows, name).toBe(result.points.length);
      });
    }
  });

  it("a tune run: the frontier drawn and the verdict first", async (ctx) => {
    skipWithoutChromium(ctx);
    const doc = await sweepFixtures.tuned();
    const dir = mkdtempSync(join(tmpdir(), "pacelab-browser-"));
    await writeReportOf({ kind: "tune", doc, source: join(dir, "tune.json") }, dir);
    await openReport(dir, async ({ charts, page }) => {
      expect(charts.map((c) => c.id)).toEqual(["chart-tune-frontier"]);
      expect(charts[0].text).toContain("ceiling: 3 per 100 connected");
      expect(charts[0].text).toContain(`Ringed: the setting chosen, level=${doc.best?.value}.`);
      expect(await page.textContent("p.lead")).toMatch(/^Use vicidial-ratio with level=/);
    });
  });
});
