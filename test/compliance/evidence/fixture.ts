import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  AppendedRun,
  AppendOutcome,
  EvidenceReport,
  WindowEvidence,
} from "../../../src/compliance/evidence/index.js";

/** A fresh folder for a test's store and exports. */
export const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-evidence-"));

/** The rows an append wrote; throws when the store found the run already recorded. */
export function appended(outcome: AppendOutcome): AppendedRun {
  if (outcome.alreadyRecorded) throw new Error(`run already recorded as ${outcome.runId}`);
  return outcome;
}

/** A clock the test moves by hand, starting at `start` (ISO UTC). */
export function fakeClock(start = "2026-01-01T00:00:00.000Z") {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advanceDays(days: number) {
      t += days * 86_400_000;
    },
    set(iso: string) {
      t = Date.parse(iso);
    },
  };
}

/**
 * A made-up report with `windows` windows whose figures differ per window and per seed, so that a
 * row swapped or edited changes something visible.
 */
export function makeReport(campaign: string, windows = 4, seed = 1): EvidenceReport {
  const ws: WindowEvidence[] = Array.from({ length: windows }, (_, i) => {
    const attempts = 100 + 10 * i + seed;
    const connected = 30 + i;
    const silent = (i + seed) % 3;
    return {
      start: `2026-12-01T${String(9 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}:00.000`,
      end: `2026-12-01T${String(9 + Math.floor((i + 1) / 4)).padStart(2, "0")}:${String(((i + 1) % 4) * 15).padStart(2, "0")}:00.000`,
      attempts,
      answered: connected + silent,
      connected,
      silent,
      silentByCause: null,
      ratio: (100 * silent) / connected,
      cumulativeRatio: null,
      maxSilentHoldSeconds: null,
      comfortNoiseCoverage: 1,
      locksApplied: null,
      recontactsRefused: 0,
      gateRefusals: {},
    };
  });
  const sum = (f: (w: WindowEvidence) => number) => ws.reduce((a, w) => a + f(w), 0);
  const silent = sum((w) => w.silent);
  const connected = sum((w) => w.connected);
  return {
    campaign,
    identity: {
      mode: "simulated",
      softwareVersion: "0.1.0",
      ruleSet: {
        id: "it-garante-2014",
        version: "1",
        ceilingPer100: 3,
        denominator: "connected",
        cutoffLimitSeconds: 3,
      },
      dialer: { cutoffSeconds: 3 },
      scenario: { name: campaign, file: `scenarios/${campaign}.yaml`, sha256: "ab".repeat(32) },
      seed,
    },
    totals: {
      attempts: sum((w) => w.attempts),
      answered: sum((w) => w.answered),
      connected,
      silent,
      silentByCause: { noAgent: silent, calleeHungUp: 0, amdFalsePositive: 0, amdTooSlow: 0 },
      ratio: (100 * silent) / connected,
      maxSilentHoldSeconds: 3,
      comfortNoiseCoverage: 1,
      locksApplied: silent,
      recontactsRefused: 0,
      gateRefusals: {},
      ceilingPer100: 3,
      within: (100 * silent) / connected <= 3,
      recontactViolations: 0,
    },
    windows: ws,
  };
}
