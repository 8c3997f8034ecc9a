/**
 * The Live page in Debian's Chromium, against real live runs on `pacelab endpoint`: watching
 * `pacelab live --monitor` (counts that update, then the same totals and result JSON as the
 * run writes), and starting and stopping a run from `pacelab serve`'s form (with its errors
 * for a bad or public target). No console errors, no failed or outside requests, no serious
 * axe-core violation; screenshots under reports/web/.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { loadScenario } from "../../src/scenario/load.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { startLiveCli, startLiveCliRig } from "../support/live-cli.js";
import { liveCliScenarioYaml } from "../support/live-cli-scenario.js";
import { serveWorkbench } from "../support/served-workbench.js";
import {
  downloaded,
  launchChromium,
  NO_BROWSER,
  screenshot,
  seriousAccessibilityViolations,
  watchProblems,
} from "../support/workbench-browser.js";

// Two-second talks (at x30) and a busy line: the counts move every second.
const SCENARIO = liveCliScenarioYaml({
  name: "live-monitor",
  agents: 4,
  talk: "{ dist: fixed, value: 60 }",
  wrapUp: 5,
  leads: 10_000,
  probabilities: { person: 0.5, machine: 0.1, busy: 0.1, noAnswer: 0.2, invalid: 0.1 },
  noAnswerTimeout: 25,
  patience: 3600,
  pacing: "{ algorithm: vicidial-ratio, level: 2 }",
});

/** The text of the element with that id. */
const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();

/** The run's final counts on the page are its result's totals. */
async function expectTotals(page: Page, doc: { campaign: Record<string, number> }) {
  const c = doc.campaign;
  for (const [id, value] of [
    ["attempts", c.attempts],
    ["human-answered", c.humanAnswered],
    ["answered", c.humanAnswered + c.machineAnswered],
    ["connected", c.connected],
    ["silent", c.silent],
  ] as const) {
    expect(await text(page, `live-${id}`), id).toBe(value.toLocaleString("en-US"));
  }
  expect(await text(page, "result-attempts")).toBe(c.attempts.toLocaleString("en-US"));
  expect(await text(page, "result-connected")).toBe(c.connected.toLocaleString("en-US"));
  expect(await text(page, "result-silent")).toBe(c.silent.toLocaleString("en-US"));
}

describe.skipIf(NO_BROWSER)("the Live page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("watches pacelab live --monitor: counts every second, then the run's own totals and result", async () => {
    const rig = await startLiveCliRig(SCENARIO);
    // Six seconds: the page can take two to load on a busy machine and must still see three counts.
    const live = startLiveCli(rig, ["--duration", "6", "--monitor", "--no-evidence"]);
    const stderr = await live.waitForStderr("#/live\n");
    const url = /monitor at (http:\/\/127\.0\.0\.1:\d+\/#\/live)\n/.exec(stderr)?.[1] ?? "";
    expect(url).not.toBe("");
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const seen = new Set<string>();
    const problems = watchProblems(page, new URL(url).origin);
    await page.goto(url);
    // Counts as they arrive, until the result: at least two updates seen while watching.
    const download = page.getByRole("button", { name: "Download result JSON" });
    while (!(await download.isVisible())) {
      const table = await page
        .locator("table.live-counts")
        .textContent({ timeout: 200 })
        .catch(() => null);
      if (table !== null) seen.add(table);
      await page.waitForTimeout(150);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    const { code } = await live.done;
    expect(code).toBe(0);
    const written = readFileSync(join(rig.dir, "out", "result.json"), "utf8");
    const doc = JSON.parse(written);
    expect(doc.live.stoppedBy).toBe("duration");
    await expectTotals(page, doc);
    expect(await text(page, "result-stopped-by")).toBe("duration");
    expect(await downloaded(page, "Download result JSON")).toBe(written);
    expect(await page.getByRole("navigation").getByRole("link").allTextContents()).toEqual([
      "Live",
    ]);
    expect(await page.locator("figure.chart svg").count()).toBe(1);
    await screenshot(page, "live-monitor");
    expect(problems).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it("pacelab serve: refuses a bad or public target, starts a run and stops it", async () => {
    const endpoint = await startEndpoint({
      scenario: loadScenario("scenarios/small-team.yaml"),
      listen: { host: "127.0.0.1", port: 0 },
      timeScale: TimeScale.of(60),
    });
    onTestFinished(() => endpoint.stop());
    const served = await serveWorkbench([], mkdtempSync(join(tmpdir(), "pacelab-live-page-")));
    onTestFinished(() => served.stop().then(() => {}));
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const problems = watchProblems(page, new URL(served.url).origin);
    await page.goto(`${served.url}#/live`);
    const start = page.getByRole("button", { name: "Start" });
    const alert = page.getByRole("alert");

    await page.locator("#live-target").fill("nonsense");
    await start.click();
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'target: expected the SIP endpoint\'s IPv4 address and port, e.g. 127.0.0.1:5070, got "nonsense"',
      );
    await page.locator("#live-target").fill("8.8.8.8:5060");
    await start.click();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^target 8\.8\.8\.8:5060: a public address/);

    // The two refusals are the only answers that are not OK, and Chromium logs each.
    const startUrl = `${served.url}api/live/start`;
    expect(problems.sort()).toEqual([
      `HTTP 400: ${startUrl}`,
      `HTTP 403: ${startUrl}`,
      "error: Failed to load resource: the server responded with a status of 400 (Bad Request)",
      "error: Failed to load resource: the server responded with a status of 403 (Forbidden)",
    ]);
    problems.length = 0;

    await page.locator("#live-target").fill(`127.0.0.1:${endpoint.address.port}`);
    await page.locator("#live-time-scale").fill("60");
    await start.click();
    await expect.poll(() => text(page, "live-attempts"), { timeout: 10_000 }).not.toBe("0");
    expect(await alert.count()).toBe(0);
    expect(
      await page.getByText(/^Running scenarios\/small-team\.yaml against 127\.0\.0\.1:/).count(),
    ).toBe(1);
    const first = await page.locator("table.live-counts caption").textContent();
    await expect
      .poll(() => page.locator("table.live-counts caption").textContent())
      .not.toBe(first);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByRole("button", { name: "Download result JSON" }).waitFor({ timeout: 20_000 });
    const doc = JSON.parse(await downloaded(page, "Download result JSON"));
    expect(doc.mode).toBe("live");
    expect(doc.live.stoppedBy).toBe("interrupted");
    expect(doc.live.target).toBe(`127.0.0.1:${endpoint.address.port}`);
    expect(doc.live.attemptsPlaced).toBe(endpoint.records().length);
    await expectTotals(page, doc);
    expect(await text(page, "result-stopped-by")).toBe("interrupted (partial result)");
    expect(await start.isEnabled()).toBe(true);
    await screenshot(page, "live");
    expect(problems).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
