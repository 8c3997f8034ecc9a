import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../src/cli/report-command.js";
import { fixtures } from "./result-fixtures.js";

/** Debian's chromium package; CI installs it, so there the test must run. */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("the report page in headless Chromium", () => {
  it("opens from disk with every chart drawn, no console errors and no network requests", async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) {
        throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package`);
      }
      ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), "pacelab-browser-"));
    const profile = mkdtempSync(join(tmpdir(), "pacelab-chromium-"));
    await writeReport(fixtures.compared(), ["progressive.json", "guarded.json"], dir);
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
        if (m.type() === "error" || m.type() === "warning")
          problems.push(`${m.type()}: ${m.text()}`);
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
      expect(charts.find((c) => c.id === "chart-silent-over-time-2")?.text).toContain(
        "ceiling: 3 per 100 connected",
      );
      const verdicts = await page.$$eval("ul.verdicts li", (items) =>
        items.map((i) => i.textContent),
      );
      expect(verdicts).toHaveLength(6);
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

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
