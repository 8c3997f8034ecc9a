import { describe, expect, it } from "vitest";
import type { LinesPerAgentConfig } from "../../src/pacing/config.js";
import { LinesPerAgentPacer } from "../../src/pacing/lines-per-agent.js";
import { makeView } from "./view-fixture.js";

const base: LinesPerAgentConfig = {
  algorithm: "lines-per-agent",
  initial: 1.5,
  max: 3,
  targetPercent: 3,
  gain: 1,
  answersPerUpdate: 100,
  cadenceSeconds: 1,
};

function lpa(overrides: Partial<LinesPerAgentConfig> = {}): LinesPerAgentPacer {
  return new LinesPerAgentPacer({ ...base, ...overrides });
}

const counters = (live: number, dropped: number) =>
  makeView({ agents: { ready: 4 }, totals: { live, dropped } });

describe("LinesPerAgentPacer", () => {
  it("has the configured cadence and decides on agent ready", () => {
    const pacer = lpa({ cadenceSeconds: 2 });
    expect(pacer.name).toBe("lines-per-agent");
    expect(pacer.cadenceSeconds).toBe(2);
    expect(pacer.decidesOnAgentReady).toBe(true);
    expect(pacer.linesPerAgent).toBe(1.5);
  });

  it("places floor(ready x LPA) - calls in flight", () => {
    const pacer = lpa();
    expect(pacer.decide(makeView({ agents: { ready: 10 } }))).toBe(15);
    expect(pacer.decide(makeView({ agents: { ready: 3 }, calls: { ringing: 1 } }))).toBe(3);
    expect(pacer.decide(makeView({ agents: { ready: 1 } }))).toBe(1); // floor(1.5)
    expect(pacer.decide(makeView({ agents: { ready: 2 }, calls: { waiting: 5 } }))).toBe(0);
  });

  it("does not correct before a block of live answers is complete", () => {
    const pacer = lpa();
    pacer.decide(counters(0, 0));
    pacer.decide(counters(99, 50));
    expect(pacer.linesPerAgent).toBe(1.5);
  });

  it("lowers LPA when the block's abandon rate is over the target", () => {
    const pacer = lpa({ gain: 0.5 });
    pacer.decide(counters(0, 0));
    pacer.decide(counters(100, 4)); // observed 4%: 1.5 x (1 + 0.5 x (3 - 4)/3) = 1.25
    expect(pacer.linesPerAgent).toBeCloseTo(1.25, 12);
  });

  it("raises LPA when the block's abandon rate is under the target", () => {
    const pacer = lpa({ gain: 0.5 });
    pacer.decide(counters(0, 0));
    pacer.decide(counters(100, 1)); // observed 1%: 1.5 x (1 + 0.5 x 2/3) = 2
    expect(pacer.linesPerAgent).toBeCloseTo(2, 12);
  });

  it("judges each block on its own counters", () => {
    const pacer = lpa({ gain: 0.5 });
    pacer.decide(counters(0, 0));
    pacer.decide(counters(100, 1)); // LPA 2
    pacer.decide(counters(150, 2)); // mid-block
    pacer.decide(counters(200, 4));
    // Block 100..200 saw 3 drops (4 - 1) in 100 live answers: on target, LPA unchanged.
    expect(pacer.linesPerAgent).toBeCloseTo(2, 12);
    pacer.decide(counters(300, 10)); // 6 drops in 100: 2 x (1 + 0.5 x (3 - 6)/3) = 1
    expect(pacer.linesPerAgent).toBeCloseTo(1, 12);
  });

  it("makes one correction over the whole block when several multiples are crossed", () => {
    const pacer = lpa({ gain: 0.5 });
    pacer.decide(counters(0, 0));
    pacer.decide(counters(250, 5)); // 2% over 250: 1.5 x (1 + 0.5 x 1/3) = 1.75
    expect(pacer.linesPerAgent).toBeCloseTo(1.75, 12);
    pacer.decide(counters(299, 50)); // next block ends at 300
    expect(pacer.linesPerAgent).toBeCloseTo(1.75, 12);
  });

  it("clamps LPA to [1, max]", () => {
    const high = lpa();
    high.decide(counters(0, 0));
    high.decide(counters(100, 0)); // 1.5 x 2 = 3
    high.decide(counters(200, 0)); // 6, capped
    expect(high.linesPerAgent).toBe(3);
    const low = lpa();
    low.decide(counters(0, 0));
    low.decide(counters(100, 20)); // 1.5 x (1 - 17/3) < 0
    expect(low.linesPerAgent).toBe(1);
    expect(low.decide(makeView({ agents: { ready: 7 } }))).toBe(7);
    expect(lpa({ initial: 5 }).linesPerAgent).toBe(3);
  });

  it("starts its first block from the counters of the first view", () => {
    const pacer = lpa({ gain: 0.5 });
    pacer.decide(counters(1050, 40)); // joined mid-campaign: block ends at 1100
    pacer.decide(counters(1099, 40));
    expect(pacer.linesPerAgent).toBe(1.5);
    pacer.decide(counters(1100, 41)); // 1 drop in 50: 2% -> 1.75
    expect(pacer.linesPerAgent).toBeCloseTo(1.75, 12);
  });
});
