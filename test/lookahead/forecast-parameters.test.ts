import { describe, expect, it } from "vitest";
import { estimateParameters, PRIOR_WEIGHT } from "../../src/lookahead/forecast-parameters.js";
import type { DialerCounters } from "../../src/pacing/view.js";
import { makeCounters } from "../pacing/view-fixture.js";
import { makeScenario } from "../support/scenario-fixture.js";

const TEN = 10 * 3600;

function recent(counters: Partial<DialerCounters>, wrapUpAgentSeconds = 0) {
  return { seconds: 1800, counters: makeCounters(counters), ringsEnded: 0, wrapUpAgentSeconds };
}

describe("the forecast's parameters", () => {
  const scenario = makeScenario({
    agents: { ...makeScenario().agents, talk: { dist: "fixed", value: 150 } },
    callee: { ...makeScenario().callee, machineMessage: { dist: "fixed", value: 15 } },
  });

  it("are the scenario's own before the campaign has seen anything", () => {
    const p = estimateParameters(scenario, TEN, recent({}));
    expect([p.talkScale, p.wrapUpScale, p.ringScale]).toEqual([1, 1, 1]);
    expect(p.personShare).toBeCloseTo(0.3 / 0.4, 12);
  });

  it("estimate persons' talk without the agents' time on machines", () => {
    // 20 conversations of 200 s and 10 machine messages of 15 s, booked together as talks.
    const seen = recent({
      connected: 20,
      machinesAtAgent: 10,
      talks: 30,
      talkSeconds: 20 * 200 + 10 * 15,
    });
    const p = estimateParameters(scenario, TEN, seen);
    const w = PRIOR_WEIGHT.talks;
    expect(p.talkScale * 150).toBeCloseTo((150 * w + 20 * 200) / (w + 20), 9);
  });
});
