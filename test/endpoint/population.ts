import type { Outcome, Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

/**
 * A scenario whose callees all have `outcome`, with short fixed timings (scenario seconds) so
 * that endpoint tests finish in a few seconds.
 */
export function population(
  outcome: Outcome,
  timings: { ring?: number; patience?: number; talk?: number } = {},
): Scenario {
  const base = makeScenario();
  const ring = { dist: "fixed", value: timings.ring ?? 0.05 } as const;
  return {
    ...base,
    agents: { ...base.agents, talk: { dist: "fixed", value: timings.talk ?? 60 } },
    outcomes: {
      probabilities: { person: 0, machine: 0, busy: 0, noAnswer: 0, invalid: 0, [outcome]: 1 },
      byHour: {},
      ring: { person: ring, machine: ring, busy: ring, invalid: ring },
    },
    callee: { ...base.callee, patience: { dist: "fixed", value: timings.patience ?? 60 } },
  };
}
