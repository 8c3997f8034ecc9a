/**
 * Numbers people read: one format per kind of figure wherever it appears (a share as a
 * percentage under a percentage, never a fraction beside it), and nouns agreeing with counts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportCommand } from "../../src/cli/report-command.js";
import { count, percent, plural, pluralIs, seconds } from "../../src/report/format-number.js";
import { summaryText } from "../../src/report/summary-text.js";
import { fixtures } from "./result-fixtures.js";
import { sweepFixtures } from "./sweep-tune-fixtures.js";

describe("the number formats", () => {
  it("write counts, shares, seconds and plurals alike everywhere", () => {
    expect(count(1234567)).toBe("1,234,567");
    expect(percent(0.8483)).toBe("84.8%");
    expect(percent(0.995, 0)).toBe("100%");
    expect(seconds(1.6383494086330757)).toBe("1.64 s");
    expect(plural(1, "chart")).toBe("1 chart");
    expect(plural(3, "chart")).toBe("3 charts");
    expect(plural(0, "more slice", "more slices")).toBe("0 more slices");
    expect(pluralIs(1, "point")).toBe("1 point is");
    expect(pluralIs(2, "point")).toBe("2 points are");
  });
});

describe("the terminal summary across replications", () => {
  it("gives occupancy as a percentage, as the first replication's lines do", () => {
    const doc = fixtures.compared()[1];
    const text = summaryText(doc, "2026-12-01");
    const occupancy = doc.acrossReplications?.metrics.agentOccupancy;
    if (!occupancy) throw new Error("the fixture has two replications");
    expect(text).toContain(
      `agent occupancy              ${percent(doc.campaign.agentOccupancy)} (talk`,
    );
    expect(text).toContain(
      `  agent occupancy              ${percent(occupancy.mean)}  [${percent(occupancy.ci95[0])}, ${percent(occupancy.ci95[1])}]`,
    );
    expect(text).not.toMatch(/agentOccupancy|\b0\.\d{3}\b/);
    expect(text).toMatch(/ {2}longest silent hold {10}\d+\.\d\d s {2}\[\d+\.\d\d s, \d+\.\d\d s\]/);
  });
});

describe("pacelab report's note", () => {
  it("says 1 chart, not 1 charts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-people-numbers-"));
    const file = join(dir, "tune.json");
    writeFileSync(file, JSON.stringify(await sweepFixtures.tuned()));
    const printed: string[] = [];
    const out = join(dir, "report");
    expect(await reportCommand({ results: [file], out }, (t) => printed.push(t))).toBe(0);
    expect(printed.join("")).toBe(
      `wrote ${join(out, "report.html")} (open it in a browser) and 1 chart as SVG, PNG and Vega-Lite spec into ${out}\n`,
    );
  }, 120_000);
});
