import { describe, expect, it } from "vitest";
import { ProgressivePacer, progressiveCalls } from "../../src/pacing/progressive.js";
import { callsInFlight } from "../../src/pacing/view.js";
import { makeView, randomInt, seededRandom } from "./view-fixture.js";

describe("ProgressivePacer", () => {
  it("decides every second and whenever an agent becomes ready", () => {
    const pacer = new ProgressivePacer();
    expect(pacer.name).toBe("progressive");
    expect(pacer.cadenceSeconds).toBe(1);
    expect(pacer.decidesOnAgentReady).toBe(true);
  });

  it("places one call per ready agent not covered by a call in flight", () => {
    const pacer = new ProgressivePacer();
    expect(pacer.decide(makeView({ agents: { ready: 5 } }))).toBe(5);
    expect(
      pacer.decide(makeView({ agents: { ready: 5 }, calls: { ringing: 1, detecting: 1 } })),
    ).toBe(3);
    expect(pacer.decide(makeView({ agents: { ready: 2 }, calls: { ringing: 3 } }))).toBe(0);
    expect(pacer.decide(makeView({ agents: { ready: 0, talking: 4 } }))).toBe(0);
  });

  it("ignores agents talking, in wrap-up or reserved", () => {
    const view = makeView({ agents: { ready: 3, talking: 7, wrapUp: 2, reserved: 1 } });
    expect(progressiveCalls(view)).toBe(3);
  });

  it("never overdials: after placing, calls in flight never exceed ready agents", () => {
    const rng = seededRandom(7);
    const pacer = new ProgressivePacer();
    for (let i = 0; i < 2000; i++) {
      const view = makeView({
        agents: { ready: randomInt(rng, 0, 20), talking: randomInt(rng, 0, 20) },
        calls: {
          ringing: randomInt(rng, 0, 10),
          detecting: randomInt(rng, 0, 3),
          waiting: randomInt(rng, 0, 3),
        },
      });
      const n = pacer.decide(view);
      const before = callsInFlight(view);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(n)).toBe(true);
      expect(before + n).toBeLessThanOrEqual(Math.max(view.agents.ready, before));
      if (before < view.agents.ready) expect(before + n).toBe(view.agents.ready);
    }
  });
});
