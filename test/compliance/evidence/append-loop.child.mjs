// Child process for kill.test.ts: appends runs to an evidence store until it is killed, saying
// on stdout when each append starts and when it has committed. Plain JS importing the compiled
// store from dist/ (vitest's global setup builds it), so no TypeScript loader is needed.
import { writeSync } from "node:fs";
import { EvidenceStore } from "../../../dist/src/compliance/evidence/index.js";

const [path, windowsArg] = process.argv.slice(2);
const windowCount = Number(windowsArg);

function report(seed) {
  const figures = (attempts, silent) => ({
    attempts,
    answered: 40,
    connected: 38,
    silent,
    silentByCause: null,
    ratio: (100 * silent) / 38,
    maxSilentHoldSeconds: null,
    comfortNoiseCoverage: 1,
    locksApplied: null,
    recontactsRefused: 0,
    gateRefusals: {},
  });
  return {
    campaign: "killed",
    identity: {
      mode: "simulated",
      softwareVersion: "test",
      ruleSet: {
        id: "it-garante-2014",
        version: "1",
        ceilingPer100: 3,
        denominator: "connected",
        cutoffLimitSeconds: 3,
      },
      dialer: { cutoffSeconds: 3 },
      scenario: { name: "killed", file: "killed.yaml", sha256: "0".repeat(64) },
      seed,
    },
    totals: {
      ...figures(100 * windowCount, 2 * windowCount),
      silentByCause: {
        noAgent: 2 * windowCount,
        calleeHungUp: 0,
        amdFalsePositive: 0,
        amdTooSlow: 0,
      },
      maxSilentHoldSeconds: 3,
      locksApplied: 2 * windowCount,
      ceilingPer100: 3,
      within: false,
      recontactViolations: 0,
    },
    windows: Array.from({ length: windowCount }, (_, i) => ({
      ...figures(100, 2),
      start: `window ${i}`,
      end: `window ${i + 1}`,
      cumulativeRatio: (100 * 2) / 38,
    })),
  };
}

const store = EvidenceStore.open(path, { create: true });
// Seeds go on from the runs already stored: the store records a simulated run only once.
const seedBase = store.head().id;
for (let run = 1; ; run++) {
  const r = report(seedBase + run);
  writeSync(1, `start ${run}\n`);
  const appended = store.append(r, 730);
  writeSync(1, `done ${run} ${appended.runId} ${appended.lastId}\n`);
}
