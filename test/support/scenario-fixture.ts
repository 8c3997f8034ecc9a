import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import type { Scenario } from "../../src/scenario/scenario.js";

/** A plain one-day scenario built in code, for model tests; override what a test varies. */
export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: "fixture",
    description: "",
    seed: 1,
    calendar: { start: "2026-12-01", days: 1, holidays: [] },
    rules: IT_GARANTE_2014,
    agents: {
      groups: [{ count: 10, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "exponential", mean: 120 },
      wrapUp: { dist: "fixed", value: 10 },
    },
    leads: { kind: "count", count: 5000 },
    outcomes: {
      probabilities: { person: 0.3, machine: 0.1, busy: 0.1, noAnswer: 0.4, invalid: 0.1 },
      byHour: {},
      ring: {
        person: { dist: "exponential", mean: 10 },
        machine: { dist: "exponential", mean: 10 },
        busy: { dist: "uniform", min: 2, max: 6 },
        invalid: { dist: "fixed", value: 2 },
      },
    },
    dialer: {
      noAnswerTimeoutSeconds: 25,
      cutoffSeconds: 3,
      amd: {
        enabled: false,
        detection: { dist: "uniform", min: 1.5, max: 2.5 },
        falsePositiveRate: 0.02,
        falseNegativeRate: 0.1,
        lockAfterHangup: true,
      },
    },
    callee: {
      patience: { dist: "exponential", mean: 30 },
      machineMessage: { dist: "fixed", value: 15 },
    },
    retries: {
      busy: { delaySeconds: 1800, maxAttempts: 3 },
      noAnswer: { delaySeconds: 7200, maxAttempts: 3 },
      machine: { delaySeconds: 14_400, maxAttempts: 2 },
      silent: { delaySeconds: 0, maxAttempts: 2 },
    },
    pacing: { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 },
    intervalSeconds: 900,
    ...overrides,
  };
}
