import { describe, expect, it } from "vitest";
import type { RatioConfig } from "../../src/pacing/config.js";
import {
  activeAgents,
  callsForLevel,
  nextDue,
  VicidialRatioPacer,
} from "../../src/pacing/vicidial-ratio.js";
import { makeView } from "./view-fixture.js";

const config: RatioConfig = { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 };

describe("callsForLevel", () => {
  it("places round(level x active) - (in flight + talking)", () => {
    // level 2, 10 ready + 5 talking, 3 ringing: round(30) - (3 + 5) = 22.
    const view = makeView({ agents: { ready: 10, talking: 5 }, calls: { ringing: 3 } });
    expect(callsForLevel(view, 2)).toBe(22);
  });

  it("counts neither agents in wrap-up nor reserved agents as active", () => {
    const view = makeView({
      agents: { ready: 10, talking: 5, wrapUp: 4, reserved: 2 },
      calls: { ringing: 3 },
    });
    expect(activeAgents(view)).toBe(15);
    expect(callsForLevel(view, 2)).toBe(22);
  });

  it("counts calls under detection and waiting as lines in use", () => {
    const view = makeView({
      agents: { ready: 10, talking: 5 },
      calls: { ringing: 3, detecting: 2, waiting: 1 },
    });
    expect(callsForLevel(view, 2)).toBe(30 - (6 + 5));
  });

  it("rounds the goal to the nearest line", () => {
    const view = makeView({ agents: { ready: 1, talking: 2 } });
    expect(callsForLevel(view, 1.5)).toBe(5 - 2); // round(4.5) = 5
    expect(callsForLevel(view, 1.4)).toBe(4 - 2); // round(4.2) = 4
  });

  it("never returns a negative number", () => {
    const view = makeView({ agents: { ready: 1, talking: 5 }, calls: { ringing: 9 } });
    expect(callsForLevel(view, 1)).toBe(0);
  });
});

describe("VicidialRatioPacer", () => {
  it("runs on its cadence and does not decide on agent ready", () => {
    const pacer = new VicidialRatioPacer(config);
    expect(pacer.name).toBe("vicidial-ratio");
    expect(pacer.cadenceSeconds).toBe(2.5);
    expect(pacer.decidesOnAgentReady).toBe(false);
  });

  it("places at its due times only, whatever the number of decisions asked", () => {
    const pacer = new VicidialRatioPacer(config);
    const at = (now: number) =>
      pacer.decide(makeView({ now, agents: { ready: 10, talking: 5 }, calls: { ringing: 3 } }));
    expect(at(100)).toBe(22);
    expect(at(101)).toBe(0);
    expect(at(102.4)).toBe(0);
    expect(at(102.5)).toBe(22);
    expect(at(105)).toBe(22);
  });

  it("keeps its schedule through rounding in the caller's clock", () => {
    const pacer = new VicidialRatioPacer({ ...config, cadenceSeconds: 0.1 });
    let now = 32_400.3;
    let placements = 0;
    for (let i = 0; i < 1000; i++) {
      if (pacer.decide(makeView({ now, agents: { ready: 1 } })) > 0) placements++;
      now += 0.1;
    }
    expect(placements).toBe(1000);
  });
});

describe("nextDue", () => {
  it("advances by one period, or re-anchors after a gap", () => {
    expect(nextDue(10, 1, 10)).toBe(11);
    expect(nextDue(10, 1, 9.9999999)).toBe(11);
    expect(nextDue(10, 1, 500)).toBe(501);
    expect(nextDue(Number.NEGATIVE_INFINITY, 2.5, 3)).toBe(5.5);
  });
});
