import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
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

/** The checks every page gets once it has done its work. */
async function checkPage(page: Page, problems: string[], name: string): Promise<void> {
  await screenshot(page, name);
  expect(problems).toEqual([]);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

describe.skipIf(NO_BROWSER)("the workbench in Chromium", () => {
  let browser: Browser;
  let staticSite: { url: string; server: Server };
  let served: ServedWorkbench;
  const work = mkdtempSync(join(tmpdir(), "pacelab-web-"));
  const store = join(work, "evidence.sqlite");

  beforeAll(async () => {
    // A run recorded in a fresh store, with its call records for the audit page.
    const run = cliSync([
      "simulate",
      "scenarios/default.yaml",
      "--seed",
      "3",
      "--evidence",
      store,
      "--out",
      join(work, "run"),
      "--calls",
    ]);
    expect(run.stderr).not.toMatch(/error/i);
    [browser, staticSite, served] = await Promise.all([
      launchChromium(),
      serveStatic("dist/web/playground"),
      serveWorkbench(["--store", store]),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    staticSite?.server.close();
    await served?.stop();
  });

  it("static playground: a linked run gives the CLI's result JSON for the scenario and seed", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems = watchProblems(page, staticSite.url);
    await page.goto(
      `${staticSite.url}#/playground?scenario=scenarios/default.yaml&seed=7&replications=3&run=1`,
    );
    await page.getByRole("button", { name: "Download result JSON" }).waitFor({ timeout: 30_000 });
    const inBrowser = await downloaded(page, "Download result JSON");
    const fromCli = cliSync([
      "simulate",
      "scenarios/default.yaml",
      "--seed",
      "7",
      "-r",
      "3",
      "--json",
      "--no-evidence",
    ]);
    expect(fromCli.status).toBe(0);
    // A simulated result has no timing fields: the same document, to the last digits of its
    // fractions (the browser's Math functions; see documentDifferences).
    expect(documentDifferences(inBrowser, fromCli.stdout)).toEqual([]);
    expect(await page.getByRole("navigation").getByRole("link").allTextContents()).toEqual([
      "Playground",
    ]);
    await page.locator("figure.chart svg").first().waitFor();
    expect(await page.locator("figure.chart svg").count()).toBe(3);
    await checkPage(page, problems, "playground");

    // Compare: the same documents as pacelab compare --json, on the same seeds.
    await page.locator("#pacings").fill("progressive, guarded:binomial");
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    const compared = await downloaded(page, "Download comparison JSON");
    const compareCli = cliSync([
      "compare",
      "scenarios/default.yaml",
      "-p",
      "progressive,guarded:binomial",
      "--seed",
      "7",
      "-r",
      "3",
      "--json",
    ]);
    expect(compareCli.status).toBe(0);
    expect(documentDifferences(compared, compareCli.stdout)).toEqual([]);
    await page.getByRole("table").waitFor();
    await checkPage(page, problems, "playground-compare");
    await page.close();
  });

  it("playground: the CLI's error inline for a bad key, knobs write the YAML, Stop stops", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems = watchProblems(page, served.url);
    await page.goto(served.url);
    await page.locator("#knob-agents").fill("25");
    await expect.poll(() => page.locator(".cm-content").textContent()).toContain("count: 25");
    // Another page and back: the edit is still there.
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("heading", { name: "Audit" }).waitFor();
    await page.getByRole("link", { name: "Playground" }).click();
    expect(await page.locator(".cm-content").textContent()).toContain("count: 25");

    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("agentz: 3\n");
    const text = readFileSync("scenarios/default.yaml", "utf8").replace("count: 20", "count: 25");
    mkdirSync(join(work, "scenarios"), { recursive: true });
    writeFileSync(join(work, "scenarios/default.yaml"), `agentz: 3\n${text}`);
    const fromCli = cliSync(["simulate", "scenarios/default.yaml", "--no-evidence"], work);
    expect(fromCli.status).toBe(2);
    const message = fromCli.stderr.trim();
    expect(message).toMatch(
      /^scenarios\/default.yaml:1: agentz: expected a known key .*, got unknown key "agentz"$/,
    );
    await expect
      .poll(() => page.getByRole("list", { name: "Scenario errors" }).textContent())
      .toBe(message);
    expect(await page.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Run" }).isDisabled()).toBe(true);
    await screenshot(page, "playground-error");

    await page.locator("#bundled").selectOption("scenarios/small-team.yaml");
    await expect.poll(() => page.getByRole("list", { name: "Scenario errors" }).count()).toBe(0);
    await page.locator("#replications").fill("400");
    await page.getByRole("button", { name: "Run" }).click();
    await page.locator("progress").waitFor();
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toMatch(/^stopped after \d+ of 400 replications$/);
    expect(problems).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it("evidence: the store's campaign, its run's verdict and the chain's verification", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = watchProblems(page, served.url);
    await page.goto(`${served.url}#/evidence`);
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").textContent()).toMatch(
      /chain intact, \d+ rows; head [0-9a-f]{64}/,
    );
    const listed = JSON.parse(cliSync(["evidence", "list", "--store", store, "--json"]).stdout);
    expect(listed).toHaveLength(1);
    const row = page.getByRole("row").nth(1);
    expect((await row.getByRole("cell").allTextContents()).join(" | ")).toMatch(
      /simulated \| 3 \(1 of 1\) \| it-garante-2014 v1/,
    );
    expect(await row.getByRole("cell").last().textContent()).toBe("compliant");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toMatch(
      /^default@[0-9a-f]+$/,
    );
    await checkPage(page, problems, "evidence");
    await page.close();
  });

  it("audit: a dropped call-records file gives pacelab audit's document", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = watchProblems(page, served.url);
    await page.goto(`${served.url}#/audit`);
    await page.locator("#calls-file").setInputFiles(join(work, "run", "calls.csv"));
    await page.getByRole("heading", { level: 2 }).waitFor({ timeout: 20_000 });
    const fromCli = cliSync(["audit", "calls.csv", "--json"], join(work, "run"));
    const verdict = JSON.parse(fromCli.stdout).verdict.compliant ? "Compliant" : "Not compliant";
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe(verdict);
    expect(await downloaded(page, "Download audit JSON")).toBe(fromCli.stdout);
    await checkPage(page, problems, "audit");
    await page.close();
  });
});
