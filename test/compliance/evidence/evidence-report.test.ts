import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EvidenceStore,
  evidenceFromResult,
  recordEvidence,
} from "../../../src/compliance/evidence/index.js";
import { runReplications } from "../../../src/model/replications.js";
import { resultDocument } from "../../../src/report/result-document.js";
import { makeScenario } from "../../support/scenario-fixture.js";
import { fakeClock, tempDir } from "./fixture.js";

// A short, aggressive campaign: RATIO 3 on 5 agents goes silent often.
const scenario = makeScenario({
  agents: {
    ...makeScenario().agents,
    groups: [{ count: 5, start: 9 * 3600, end: 12 * 3600, breaks: [] }],
  },
  pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
});
const doc = resultDocument(scenario, "fixture.yaml", runReplications(scenario, 7, 2));

describe("evidenceFromResult", () => {
  const report = evidenceFromResult(doc);

  it("takes the first replication's totals and the run's identity from the result", () => {
    const c = doc.campaign;
    expect(c.silent).toBeGreaterThan(0);
    expect(report.campaign).toBe("fixture");
    expect(report.identity).toEqual({
      mode: "simulated",
      softwareVersion: doc.tool.version,
      ruleSet: {
        id: "it-garante-2014",
        version: "1",
        ceilingPer100: 3,
        denominator: "connected",
        cutoffSeconds: 3,
      },
      scenario: doc.scenario,
      seed: 7,
    });
    expect(report.totals).toEqual({
      attempts: c.attempts,
      answered: c.humanAnswered,
      connected: c.connected,
      silent: c.silent,
      silentByCause: c.silentByCause,
      ratio: c.silentPer100Connected,
      maxSilentHoldSeconds: c.maxSilentHoldSeconds,
      comfortNoiseCoverage: 1,
      locksApplied: c.locksApplied,
      recontactsRefused: 0,
      gateRefusals: {},
      ceilingPer100: 3,
      within: c.ceiling.within,
      recontactViolations: c.recontactViolations,
    });
  });

  it("has one window per time-series interval, adding up to the campaign", () => {
    const rows = doc.timeseries.rows;
    expect(report.windows).toHaveLength(rows.length);
    expect(report.windows[0]).toMatchObject({ start: rows[0].start, end: rows[0].end });
    const sum = (key: "attempts" | "silent" | "connected" | "answered") =>
      report.windows.reduce((a, w) => a + w[key], 0);
    expect(sum("attempts")).toBe(doc.campaign.attempts);
    expect(sum("silent")).toBe(doc.campaign.silent);
    expect(sum("connected")).toBe(doc.campaign.connected);
    expect(sum("answered")).toBe(doc.campaign.humanAnswered);
    report.windows.forEach((w, i) => {
      expect(w.ratio).toBe(rows[i].silentPer100Connected);
      expect(w.cumulativeRatio).toBeCloseTo(
        rows[i].cumulativeSilentPer100Connected ?? Number.NaN,
        9,
      );
      // Not in the time series: recorded as unknown, not as 0.
      expect(w.silentByCause).toBeNull();
      expect(w.maxSilentHoldSeconds).toBeNull();
      expect(w.locksApplied).toBeNull();
    });
    expect(report.windows.at(-1)?.cumulativeRatio).toBeCloseTo(
      doc.campaign.silentPer100Connected ?? Number.NaN,
      9,
    );
  });

  it("uses the answered denominator when the rule set does", () => {
    const answered = { ...doc, rules: { ...doc.rules, denominator: "answered" as const } };
    const r = evidenceFromResult(answered);
    const w = r.windows.find((x) => x.silent > 0);
    expect(w?.ratio).toBeCloseTo((100 * (w?.silent ?? 0)) / (w?.answered ?? 1), 9);
  });
});

describe("recordEvidence", () => {
  it("appends the run to the store, creating it, and the stored figures are the result's", () => {
    const path = join(tempDir(), "reports", "evidence.sqlite");
    const clock = fakeClock("2026-12-01T18:00:00.000Z");
    const first = recordEvidence(doc, doc.timeseries.rows, path, 730, clock.now);
    const second = recordEvidence(doc, doc.timeseries.rows, path, 730, clock.now);
    expect(first.runId).toBe(1);
    expect(second.runId).toBe(first.lastId + 1);
    expect(first.rows).toBe(1 + doc.timeseries.rows.length);
    const store = EvidenceStore.open(path);
    expect(store.verify().ok).toBe(true);
    const campaign = JSON.parse(store.rows("fixture")[0].payload);
    expect(campaign).toMatchObject({
      attempts: doc.campaign.attempts,
      silent: doc.campaign.silent,
      seed: 7,
      scenario: { sha256: doc.scenario.sha256 },
      windowCount: doc.timeseries.rows.length,
    });
    store.close();
  });
});
