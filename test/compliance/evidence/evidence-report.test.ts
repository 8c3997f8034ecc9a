import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EvidenceStore,
  evidenceFromResult,
  evidenceOfReplications,
  recordEvidence,
  type WindowEvidence,
} from "../../../src/compliance/evidence/index.js";
import { GATE_REFUSAL_REASONS } from "../../../src/consent/gate.js";
import { runReplications } from "../../../src/model/replications.js";
import { resultDocument } from "../../../src/result/result-document.js";
import { timeseries } from "../../../src/result/timeseries.js";
import { makeScenario } from "../../support/scenario-fixture.js";
import { appended, fakeClock, tempDir } from "./fixture.js";

// A short, aggressive campaign: RATIO 3 on 5 agents goes silent often; AMD adds its causes,
// and a fifth of the leads are refused by the consent gate.
const base = makeScenario();
const scenario = makeScenario({
  agents: { ...base.agents, groups: [{ count: 5, start: 9 * 3600, end: 12 * 3600, breaks: [] }] },
  dialer: {
    ...base.dialer,
    amd: {
      ...base.dialer.amd,
      enabled: true,
      falsePositiveRate: 0.05,
      detection: { dist: "uniform", min: 1.5, max: 3.5 },
    },
  },
  leads: {
    kind: "count",
    count: 5000,
    consentMix: { optedOut: 0.1, noConsent: 0.06, publicWebOnly: 0.04 },
  },
  pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
});
const reps = runReplications(scenario, 7, 3);
const doc = resultDocument(scenario, "fixture.yaml", reps);
const replications = reps.summaries.map((summary, i) => ({
  summary,
  windows: timeseries([reps.intervals[i]], scenario.calendar.start),
}));
const sumOf = (windows: readonly WindowEvidence[], f: (w: WindowEvidence) => number | null) =>
  windows.reduce((a, w) => a + (f(w) ?? Number.NaN), 0);

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
        cutoffLimitSeconds: 3,
      },
      dialer: { cutoffSeconds: 3 },
      scenario: doc.scenario,
      seed: 7,
      replication: { index: 1, of: 3 },
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
      recontactsRefused: c.recontactsRefused,
      gateRefusals: c.gateRefusals,
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
    });
    expect(report.windows.at(-1)?.cumulativeRatio).toBeCloseTo(
      doc.campaign.silentPer100Connected ?? Number.NaN,
      9,
    );
  });

  it("records every per-window figure, and they add up to the campaign's totals", () => {
    const c = doc.campaign;
    const w = report.windows;
    expect(c.leads.refused).toBeGreaterThan(0);
    expect(c.recontactsRefused).toBeGreaterThan(0);
    for (const cause of ["noAgent", "calleeHungUp", "amdFalsePositive", "amdTooSlow"] as const) {
      expect(c.silentByCause[cause], cause).toBeGreaterThan(0);
      expect(
        sumOf(w, (x) => x.silentByCause?.[cause] ?? null),
        cause,
      ).toBe(c.silentByCause[cause]);
    }
    expect(sumOf(w, (x) => x.locksApplied)).toBe(c.locksApplied);
    expect(sumOf(w, (x) => x.recontactsRefused)).toBe(c.recontactsRefused);
    for (const reason of GATE_REFUSAL_REASONS) {
      expect(
        sumOf(w, (x) => x.gateRefusals?.[reason] ?? null),
        reason,
      ).toBe(c.gateRefusals[reason]);
    }
    expect(Math.max(...w.map((x) => x.maxSilentHoldSeconds ?? Number.NaN))).toBe(
      c.maxSilentHoldSeconds,
    );
    expect(report.totals.gateRefusals).toEqual(c.gateRefusals);
  });

  it("uses the answered denominator when the rule set does", () => {
    const answered = { ...doc, rules: { ...doc.rules, denominator: "answered" as const } };
    const r = evidenceFromResult(answered);
    const w = r.windows.find((x) => x.silent > 0);
    expect(w?.ratio).toBeCloseTo((100 * (w?.silent ?? 0)) / (w?.answered ?? 1), 9);
  });
});

describe("evidenceOfReplications", () => {
  const reports = evidenceOfReplications(doc, replications);

  it("gives one report per replication, each with its own seed, totals and windows", () => {
    expect(reports).toHaveLength(3);
    reports.forEach((r, i) => {
      const s = reps.summaries[i];
      expect(r.identity.seed).toBe(7 + i);
      expect(r.identity.replication).toEqual({ index: i + 1, of: 3 });
      expect(r.totals.attempts).toBe(s.attempts);
      expect(r.totals.gateRefusals).toEqual(s.gateRefusals);
      expect(sumOf(r.windows, (w) => w.attempts)).toBe(s.attempts);
      expect(sumOf(r.windows, (w) => w.silent)).toBe(s.silent);
      expect(sumOf(r.windows, (w) => w.locksApplied)).toBe(s.locksApplied);
      expect(sumOf(r.windows, (w) => w.gateRefusals?.optedOut ?? null)).toBe(
        s.gateRefusals.optedOut,
      );
    });
    // Different seeds, different runs.
    expect(new Set(reps.summaries.map((s) => s.attempts)).size).toBeGreaterThan(1);
    // The first is what evidenceFromResult gives from the result's own time series.
    expect(reports[0]).toEqual(evidenceFromResult(doc));
  });
});

describe("recordEvidence", () => {
  it("appends every replication to the store, creating it, with the result's figures", () => {
    const path = join(tempDir(), "reports", "evidence.sqlite");
    const clock = fakeClock("2026-12-01T18:00:00.000Z");
    const reports = evidenceOfReplications(doc, replications);
    const first = recordEvidence(reports, path, 730, clock.now).map(appended);
    expect(first.map((r) => r.runId)).toEqual([1, first[0].lastId + 1, first[1].lastId + 1]);
    expect(first[0].rows).toBe(1 + doc.timeseries.rows.length);
    const store = EvidenceStore.open(path);
    expect(store.verify().ok).toBe(true);
    const runs = store
      .rows("fixture")
      .filter((r) => r.kind === "campaign")
      .map((r) => JSON.parse(r.payload));
    expect(runs.map((r) => r.seed)).toEqual([7, 8, 9]);
    runs.slice(0, 3).forEach((run, i) => {
      expect(run).toMatchObject({
        attempts: reps.summaries[i].attempts,
        silent: reps.summaries[i].silent,
        recontactsRefused: reps.summaries[i].recontactsRefused,
        gateRefusals: reps.summaries[i].gateRefusals,
        replication: { index: i + 1, of: 3 },
        scenario: { sha256: doc.scenario.sha256 },
        windowCount: replications[i].windows.length,
      });
    });
    store.close();
  });

  it("records a rerun of the same replications once, and only the new ones of a longer rerun", () => {
    const path = join(tempDir(), "evidence.sqlite");
    const clock = fakeClock("2026-12-01T18:00:00.000Z");
    const reports = evidenceOfReplications(doc, replications);
    const first = recordEvidence(reports.slice(0, 2), path, 730, clock.now).map(appended);
    clock.advanceDays(1);
    const again = recordEvidence(reports, path, 730, clock.now);
    expect(again.slice(0, 2)).toEqual([
      { alreadyRecorded: true, runId: first[0].runId, recordedAt: first[0].recordedAt, seed: 7 },
      { alreadyRecorded: true, runId: first[1].runId, recordedAt: first[1].recordedAt, seed: 8 },
    ]);
    expect(appended(again[2]).runId).toBe(first[1].lastId + 1);
    const store = EvidenceStore.open(path);
    const seeds = store
      .rows("fixture")
      .filter((r) => r.kind === "campaign")
      .map((r) => JSON.parse(r.payload).seed);
    expect(seeds).toEqual([7, 8, 9]);
    expect(store.verify().ok).toBe(true);
    store.close();
  });
});
