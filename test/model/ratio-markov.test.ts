import { describe, expect, it } from "vitest";
import { ALL_DAY_CALLING_HOURS } from "../../src/model/calendar.js";
import { runReplications } from "../../src/model/replications.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import { meanInterval } from "../../src/stats/confidence.js";
import { ratioMarkov } from "../support/ratio-markov.js";
import { makeScenario } from "../support/scenario-fixture.js";

const DAY = 86_400;

/** The Markov model's assumptions as a scenario: see test/support/ratio-markov.ts. */
function markovScenario(
  agents: number,
  level: number,
  p: number,
  meanRing: number,
  meanTalk: number,
) {
  return makeScenario({
    rules: { ...IT_GARANTE_2014, callingHours: ALL_DAY_CALLING_HOURS },
    agents: {
      groups: [{ count: agents, start: 0, end: DAY, breaks: [] }],
      talk: { dist: "exponential", mean: meanTalk },
      wrapUp: { dist: "fixed", value: 0 },
    },
    leads: { kind: "count", count: 1_000_000 },
    outcomes: {
      probabilities: { person: p, machine: 0, busy: 1 - p, noAnswer: 0, invalid: 0 },
      byHour: {},
      ring: {
        person: { dist: "exponential", mean: meanRing },
        machine: { dist: "exponential", mean: meanRing },
        busy: { dist: "exponential", mean: meanRing },
        invalid: { dist: "fixed", value: 1 },
      },
    },
    dialer: { ...makeScenario().dialer, cutoffSeconds: 0, noAnswerTimeoutSeconds: 1e9 },
    retries: {
      busy: { delaySeconds: 0, maxAttempts: 1 },
      noAnswer: { delaySeconds: 0, maxAttempts: 1 },
      machine: { delaySeconds: 0, maxAttempts: 1 },
      silent: { delaySeconds: 0, maxAttempts: 1 },
    },
    // A short cadence approximates the model's instant replenishment.
    pacing: { algorithm: "vicidial-ratio", level, cadenceSeconds: 0.05 },
  });
}

describe("simulator against the exact RATIO birth-death chain", () => {
  const cases = [
    { agents: 5, level: 1.6, p: 0.1, ring: 20, talk: 120 },
    { agents: 10, level: 1.8, p: 0.1, ring: 20, talk: 120 },
    { agents: 20, level: 1.8, p: 0.1, ring: 20, talk: 120 },
  ];
  for (const c of cases) {
    it(`${c.agents} agents at level ${c.level}`, () => {
      const exact = ratioMarkov(c.agents, c.level, c.p, c.ring, c.talk);
      const reps = runReplications(markovScenario(c.agents, c.level, c.p, c.ring, c.talk), 100, 8);
      const silent = meanInterval(reps.summaries.map((s) => s.silentPer100Connected as number));
      const occupancy = meanInterval(reps.summaries.map((s) => s.talkOccupancy));
      // Within 4 standard errors of the replication mean (a false alarm about once in 15,000).
      const se = (m: { sd: number; n: number }) => m.sd / Math.sqrt(m.n);
      expect(Math.abs(silent.mean - exact.silentPer100Connected)).toBeLessThan(
        4 * se(silent) + 1e-9,
      );
      expect(Math.abs(occupancy.mean - exact.talkOccupancy)).toBeLessThan(4 * se(occupancy) + 1e-9);
      // And the interval is tight enough for the comparison to mean something.
      expect(se(silent)).toBeLessThan(0.1 * exact.silentPer100Connected);
    });
  }
});
