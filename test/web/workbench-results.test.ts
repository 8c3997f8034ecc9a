import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentDifferences } from "../support/same-document.js";
import { type ServedWorkbench, serveWorkbench } from "../support/served-workbench.js";
import { serveStatic } from "../support/static-server.js";
import {
  cliSync,
  downloaded,
  launchChromium,
  NO_BROWSER,
  screenshot,
  seriousAccessibilityViolations,
  watchProblems,
} from "../support/workbench-browser.js";

// A small, fast search: small-team's two days, three values probed, five replications each.
const TUNE = {
  pacing: "vicidial-ratio",
  range: "1:3:0.5",
  confidence: "0.5",
  batch: "5",
  maxReplications: "10",
};

describe.skipIf(NO_BROWSER)("the workbench's results against the CLI, in Chromium", () => {
  let browser: Browser;
  let staticSite: { url: string; server: Server };
  let served: ServedWorkbench;
  const work = mkdtempSync(join(tmpdir(), "pacelab-web-results-"));
  const run = join(work, "run");

  beforeAll(async () => {
    const simulated = cliSync([
      "simulate",
      "scenarios/small-team.yaml",
      "--seed",
      "3",
      "--out",
      run,
      "--calls",
      "--no-evidence",
    ]);
    expect(simulated.status).toBe(0);
    [browser, staticSite, served] = await Promise.all([
      launchChromium(),
      serveStatic("dist/web/playground"),
      serveWorkbench(["--store", join(work, "none.sqlite")]),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    staticSite?.server.close();
    await served?.stop();
  });

  it("playground: calls.csv and tune.json as the CLI writes them; charts drawn once; Stop stops", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems = watchProblems(page, staticSite.url);
    await page.goto(
      `${staticSite.url}#/playground?scenario=scenarios/small-team.yaml&seed=3&replications=1&run=1`,
    );
    await page.getByRole("button", { name: "Download calls CSV" }).waitFor({ timeout: 20_000 });
    expect(await downloaded(page, "Download calls CSV")).toBe(
      readFileSync(join(run, "calls.csv"), "utf8"),
    );

    // The result's charts, once drawn, stay the same elements while the page re-renders.
    const resultCharts = page.locator('section.results figure.chart svg[aria-hidden="true"]');
    await expect.poll(() => resultCharts.count(), { timeout: 10_000 }).toBe(3);
    await resultCharts.evaluateAll((svgs) => {
      for (const svg of svgs) svg.setAttribute("data-first-drawing", "");
    });
    await page.locator("#replications").fill("2");

    // The tune panel starts at the scenario's own algorithm.
    expect(await page.locator("#tune-pacing").inputValue()).toBe("vicidial-adapt-hard-limit");
    for (const [field, value] of Object.entries(TUNE)) {
      await page.locator(`#tune-${field}`).fill(value);
    }
    await page.getByRole("button", { name: "Tune", exact: true }).click();
    const inBrowser = await downloaded(page, "Download tune JSON");
    const fromCli = cliSync([
      "tune",
      "scenarios/small-team.yaml",
      ...["-p", TUNE.pacing, "--range", TUNE.range, "--confidence", TUNE.confidence],
      ...["--batch", TUNE.batch, "--max-replications", TUNE.maxReplications, "--seed", "3"],
      "--json",
    ]);
    expect(fromCli.status).toBe(0);
    // A tune document has no timing fields: the same document, to the last digits of its
    // fractions (the browser's Math functions; see documentDifferences).
    expect(documentDifferences(inBrowser, fromCli.stdout)).toEqual([]);
    const chosen = JSON.parse(fromCli.stdout).best.value;
    expect(await page.locator("section.tune p.ok").textContent()).toMatch(
      new RegExp(`^Use vicidial-ratio with level=${chosen}: `),
    );
    await page.locator('section.tune figure.chart svg[aria-hidden="true"]').waitFor();
    expect(await page.locator("section.results svg[data-first-drawing]").count()).toBe(3);
    await page.locator("section.tune").scrollIntoViewIfNeeded();
    await screenshot(page, "playground-tune");
    expect(problems).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The key's whole default range with the default batches: stopped well before its end.
    await page.locator("#tune-range").fill("");
    await page.locator("#tune-batch").fill("20");
    await page.locator("#tune-maxReplications").fill("200");
    await page.getByRole("button", { name: "Tune", exact: true }).click();
    await page.locator("#tune-progress").waitFor();
    await page.getByRole("button", { name: "Stop tuning" }).click();
    await expect
      .poll(() => page.locator("section.tune [role=alert]").textContent())
      .toMatch(/^tune stopped after \d+ replications, [0-5] of at most 6 values probed$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("playground: without its chart worker, each chart says it could not be drawn", async () => {
    const broken = join(work, "no-chart-worker");
    cpSync("dist/web/playground", broken, { recursive: true });
    rmSync(join(broken, "chart-worker.js"));
    const site = await serveStatic(broken);
    try {
      const page = await browser.newPage();
      await page.goto(
        `${site.url}#/playground?scenario=scenarios/small-team.yaml&seed=3&replications=1&run=1`,
      );
      const failed = page.getByText(/^The chart could not be drawn: the chart worker failed/);
      await expect.poll(() => failed.count(), { timeout: 20_000 }).toBe(3);
      await page.close();
    } finally {
      site.server.close();
    }
  });

  it("audit: the page draws the charts of pacelab audit --report", async () => {
    const report = join(work, "audit-report");
    expect(cliSync(["audit", "calls.csv", "--report", report], run).status).toBe(1);
    const html = readFileSync(join(report, "report.html"), "utf8");
    const captions = [...html.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => m[1]);
    expect(captions).toHaveLength(2);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = watchProblems(page, served.url);
    await page.goto(`${served.url}#/audit`);
    await page.locator("#calls-file").setInputFiles(join(run, "calls.csv"));
    const charts = page.locator('figure.chart svg[aria-hidden="true"]');
    await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator("figure.chart figcaption").allTextContents()).toEqual(captions);
    await screenshot(page, "audit-charts");
    expect(problems).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
