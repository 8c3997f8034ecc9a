import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

/**
 * A small campaign for live tests: 4 agents, short talks, a dialer pushed hard enough
 * (3 lines per agent) that some answered persons find no agent. Durations are scenario seconds;
 * tests run it time-scaled.
 */
export function liveScenario(overrides: Partial<Scenario> = {}): Scenario {
  const base = makeScenario();
  return makeScenario({
    name: "live-fixture",
    agents: {
      groups: [{ count: 4, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "lognormal", mean: 60, sd: 30 },
      wrapUp: { dist: "fixed", value: 5 },
    },
    leads: { kind: "count", count: 100_000 },
    outcomes: {
      ...base.outcomes,
      probabilities: { person: 0.4, machine: 0.1, busy: 0.1, noAnswer: 0.3, invalid: 0.1 },
    },
    callee: {
      patience: { dist: "exponential", mean: 60 },
      machineMessage: { dist: "fixed", value: 15 },
    },
    pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
    ...overrides,
  });
}
