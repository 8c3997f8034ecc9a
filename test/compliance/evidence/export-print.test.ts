import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PRINT_PAGE } from "../../../src/compliance/evidence/export-html.js";
import { type EvidenceReport, EvidenceStore } from "../../../src/compliance/evidence/index.js";
import { CHROMIUM, CHROMIUM_ARGS, skipWithoutChromium } from "../../support/chromium.js";
import { fakeClock, makeReport, tempDir } from "./fixture.js";

/** CSS pixels per millimetre (96 per inch). */
const PX_PER_MM = 96 / 25.4;
/** PDF points per millimetre (72 per inch). */
const PT_PER_MM = 72 / 25.4;

/**
 * A run whose cells are as wide as real ones get: four-digit counts, every refusal reason, an
 * unrounded hold time, a long campaign name, a day of 15-minute windows; a `live` run has the
 * fifth cause, answers after the dialer's CANCEL, and its column.
 */
function wideReport(seed: number, live = false): EvidenceReport {
  const base = makeReport("Campagna Nord-Ovest, lista clienti dicembre", 36, seed);
  const refusals = {
    noConsent: 1331,
    optedOut: 1323,
    outsideCallingHours: 1204,
    publicWebOnly: 1117,
  };
  const windows = base.windows.map((w) => ({
    ...w,
    attempts: 12345,
    answered: 4567,
    connected: 4321,
    silentByCause: {
      noAgent: 1234,
      calleeHungUp: 123,
      amdFalsePositive: 45,
      amdTooSlow: 6,
      ...(live ? { answerAfterCancel: 1017 } : {}),
    },
    maxSilentHoldSeconds: 1.6383494086330757,
    locksApplied: 1408,
    recontactsRefused: 1234,
    gateRefusals: refusals,
  }));
  const totals = {
    ...base.totals,
    attempts: 444420,
    maxSilentHoldSeconds: 2.918349408633076,
    gateRefusals: refusals,
    recontactViolations: 1234,
    silentByCause: live
      ? {
          noAgent: 1234,
          calleeHungUp: 123,
          amdFalsePositive: 45,
          amdTooSlow: 6,
          answerAfterCancel: 1017,
        }
      : base.totals.silentByCause,
  };
  return { ...base, totals, windows };
}

/** The evidence page of two wide runs, exported as `pacelab evidence export` writes it. */
function exportedPage(): string {
  const dir = tempDir();
  const store = EvidenceStore.open(join(dir, "evidence.sqlite"), {
    create: true,
    now: fakeClock().now,
  });
  store.append(wideReport(1), 730);
  store.append(wideReport(2, true), 730);
  const files = store.exportCampaign("Campagna Nord-Ovest, lista clienti dicembre", dir);
  store.close();
  const html = files.find((f) => f.endsWith(".html"));
  if (html === undefined) throw new Error("no HTML export");
  return html;
}

/** How far right the page and its widest table reach, in CSS pixels. */
async function reach(page: Page): Promise<{ document: number; tables: number; count: number }> {
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll("table")];
    return {
      document: document.documentElement.scrollWidth,
      tables: Math.max(...tables.map((t) => t.getBoundingClientRect().right)),
      count: tables.length,
    };
  });
}

/** Every page's /MediaBox in a PDF, as [width, height] in points. */
function mediaBoxes(pdf: Buffer): [number, number][] {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe("the evidence page in Chromium", () => {
  it("fits every table in 794 px (A4 at 96 dpi) on screen, and on A4 paper when printed", async (ctx) => {
    skipWithoutChromium(ctx);
    const html = exportedPage();
    expect(readFileSync(html, "utf8")).toContain("@page { size: A4;");
    const browser = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), "pacelab-chromium-")),
      { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
    );
    try {
      const page = await browser.newPage();
      // On screen, in a window as wide as an A4 sheet.
      const a4Width = Math.round(PRINT_PAGE.widthMm * PX_PER_MM);
      expect(a4Width).toBe(794);
      await page.setViewportSize({ width: a4Width, height: 1000 });
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
      const screen = await reach(page);
      expect(screen.count).toBe(6); // identity, campaign and windows, for each of two runs
      // The live run's causes add up: its campaign and windows tables have the fifth cause.
      const afterCancel = await page.evaluate(() =>
        [...document.querySelectorAll("table")].map((t) =>
          (t.textContent ?? "").replaceAll("\u00ad", "").includes("answer after cancel"),
        ),
      );
      expect(afterCancel).toEqual([false, false, false, false, true, true]);
      expect(screen.tables).toBeLessThanOrEqual(a4Width);
      expect(screen.document).toBeLessThanOrEqual(a4Width);

      // Printed: the width inside the @page margins is all there is; nothing may pass it.
      const printable = Math.floor((PRINT_PAGE.widthMm - 2 * PRINT_PAGE.marginMm) * PX_PER_MM);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: printable, height: 1000 });
      const printed = await reach(page);
      expect(printed.tables).toBeLessThanOrEqual(printable);
      expect(printed.document).toBeLessThanOrEqual(printable);

      // And the PDF Chromium prints has A4 pages (210 x 297 mm), as the page's CSS asks.
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const boxes = mediaBoxes(pdf);
      expect(boxes.length).toBeGreaterThan(1);
      for (const [width, height] of boxes) {
        expect(width).toBeCloseTo(210 * PT_PER_MM, 0);
        expect(height).toBeCloseTo(297 * PT_PER_MM, 0);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
