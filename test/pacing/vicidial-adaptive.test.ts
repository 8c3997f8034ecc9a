import { describe, expect, it } from "vitest";
import type { AdaptiveConfig } from "../../src/pacing/config.js";
import { VicidialAdaptivePacer } from "../../src/pacing/vicidial-adaptive.js";
import type { DialerView } from "../../src/pacing/view.js";
import { makeView, type ViewInit } from "./view-fixture.js";

const base: AdaptiveConfig = {
  algorithm: "vicidial-adapt-hard-limit",
  initialLevel: 1,
  maxLevel: 3,
  dropLimitPercent: 3,
  intensity: 0,
  targetDifference: 0,
  cadenceSeconds: 2.5,
};

function adaptive(overrides: Partial<AdaptiveConfig> = {}): VicidialAdaptivePacer {
  return new VicidialAdaptivePacer({ ...base, ...overrides });
}

/**
 * Asks the pacer every 0.5 s from `from` up to and including `to` with the view `at(t)`, and
 * returns the level seen after each decision.
 */
function run(
  pacer: VicidialAdaptivePacer,
  from: number,
  to: number,
  at: (t: number) => DialerView,
): number[] {
  const levels: number[] = [];
  for (let i = 0; from + i * 0.5 <= to + 1e-9; i++) {
    pacer.decide(at(from + i * 0.5));
    levels.push(pacer.level);
  }
  return levels;
}

const steady = (init: ViewInit) => (now: number) => makeView({ ...init, now });

describe("VicidialAdaptivePacer", () => {
  it("is asked every 0.5 s and not on agent ready", () => {
    const pacer = adaptive({ algorithm: "vicidial-adapt-tapered" });
    expect(pacer.name).toBe("vicidial-adapt-tapered");
    expect(pacer.cadenceSeconds).toBe(0.5);
    expect(pacer.decidesOnAgentReady).toBe(false);
    expect(pacer.level).toBe(1);
  });

  it("places with the RATIO rule every cadenceSeconds only", () => {
    const pacer = adaptive({ initialLevel: 2 });
    const view = (now: number) =>
      makeView({ now, agents: { ready: 10, talking: 5 }, calls: { ringing: 3 } });
    expect(pacer.decide(view(0))).toBe(22);
    expect(pacer.decide(view(0.5))).toBe(0);
    expect(pacer.decide(view(1))).toBe(0);
    expect(pacer.decide(view(2))).toBe(0);
    expect(pacer.decide(view(2.5))).toBe(22);
  });

  it("raises the level toward maxLevel with idle agents and never exceeds it", () => {
    const pacer = adaptive();
    // All agents ready, no call waiting: m = 1, the level doubles every 15 s until capped.
    const levels = run(pacer, 0, 120, steady({ agents: { ready: 10 } }));
    const at = (t: number) => levels[t * 2];
    expect(at(14.5)).toBe(1);
    expect(at(15)).toBe(2);
    expect(at(29.5)).toBe(2);
    expect(at(30)).toBe(3);
    expect(Math.max(...levels)).toBe(3);
    expect(at(120)).toBe(3);
  });

  it("rises step by step when a few agents are idle, up to the cap", () => {
    const pacer = adaptive();
    // 1 ready of 10 active: m = 0.1, L x 1.1 every 15 s.
    const levels = run(pacer, 0, 300, steady({ agents: { ready: 1, talking: 9 } }));
    expect(levels[30]).toBeCloseTo(1.1, 12);
    expect(levels[60]).toBeCloseTo(1.21, 12);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1]);
      expect(levels[i]).toBeLessThanOrEqual(3);
    }
    expect(levels[levels.length - 1]).toBe(3);
  });

  it("applies the intensity to increases: p' = p x (1 + I/100)", () => {
    const pacer = adaptive({ intensity: 20 });
    // m = 5/10 = 0.5, p = 50, p' = 60: L = 1.6.
    run(pacer, 0, 15, steady({ agents: { ready: 5, talking: 5 } }));
    expect(pacer.level).toBeCloseTo(1.6, 12);
  });

  it("applies the intensity to decreases: p' = p x |I/100 - 1|", () => {
    const pacer = adaptive({ initialLevel: 2, intensity: 20 });
    // m = (0 - 5)/10 = -0.5, p = -50, p' = -50 x 0.8 = -40: L = 2 x 0.6 = 1.2.
    run(pacer, 0, 15, steady({ agents: { talking: 10 }, calls: { waiting: 5 } }));
    expect(pacer.level).toBeCloseTo(1.2, 12);
  });

  it("adds the target difference to the ready-minus-waiting difference", () => {
    const pacer = adaptive({ targetDifference: 2 });
    // m = (0 - 0 + 2) / 10 = 0.2: L = 1.2.
    run(pacer, 0, 15, steady({ agents: { talking: 10 } }));
    expect(pacer.level).toBeCloseTo(1.2, 12);
  });

  it("averages the last 15 one-second samples", () => {
    const pacer = adaptive();
    // Ready 10 for t < 5, then 0 (10 talking): the 15 samples at t = 1..15 hold 4 with
    // 10 ready of 10 active, so m = 40 / 150.
    run(pacer, 0, 15, (t) => makeView({ now: t, agents: t < 5 ? { ready: 10 } : { talking: 10 } }));
    expect(pacer.level).toBeCloseTo(1 + 40 / 150, 12);
  });

  it("floors the level at 1 and leaves it alone while no agent is active", () => {
    const down = adaptive({ initialLevel: 1.5 });
    run(down, 0, 60, steady({ agents: { talking: 2 }, calls: { waiting: 20 } }));
    expect(down.level).toBe(1);
    const idle = adaptive({ initialLevel: 2 });
    run(idle, 0, 60, steady({ agents: { wrapUp: 5 } }));
    expect(idle.level).toBe(2);
  });

  describe("the day's drop limit, checked every 60 s", () => {
    // m = 0 keeps the level where it is; the day is over the limit (10% of 100 live answers).
    const overLimit = (secondsToWindowEnd: number) =>
      steady({
        secondsToWindowEnd,
        agents: { talking: 10 },
        today: { live: 100, dropped: 10 },
      });

    it("HARD_LIMIT sets the level to 1", () => {
      const pacer = adaptive({ initialLevel: 3 });
      const levels = run(pacer, 0, 60, overLimit(5 * 3600));
      expect(levels[119]).toBe(3); // t = 59.5
      expect(levels[120]).toBe(1); // t = 60
    });

    it("AVERAGE halves the level", () => {
      const pacer = adaptive({ algorithm: "vicidial-adapt-average", initialLevel: 3 });
      const levels = run(pacer, 0, 60, overLimit(5 * 3600));
      expect(levels[119]).toBe(3);
      expect(levels[120]).toBe(1.5);
      run(pacer, 60.5, 120, overLimit(5 * 3600));
      expect(pacer.level).toBe(1); // 0.75, floored
    });

    it("TAPERED scales the level by the hours left / 10", () => {
      const five = adaptive({ algorithm: "vicidial-adapt-tapered", initialLevel: 3 });
      run(five, 0, 60, overLimit(5 * 3600));
      expect(five.level).toBeCloseTo(1.5, 12);
      const eight = adaptive({ algorithm: "vicidial-adapt-tapered", initialLevel: 2.5 });
      run(eight, 0, 60, overLimit(8 * 3600));
      expect(eight.level).toBeCloseTo(2, 12);
      const long = adaptive({ algorithm: "vicidial-adapt-tapered", initialLevel: 3 });
      run(long, 0, 60, overLimit(15 * 3600));
      expect(long.level).toBe(3);
      const closed = adaptive({ algorithm: "vicidial-adapt-tapered", initialLevel: 3 });
      run(closed, 0, 60, overLimit(0));
      expect(closed.level).toBe(1);
    });

    it("does nothing at or under the limit, or with 50 live answers or fewer", () => {
      for (const today of [
        { live: 100, dropped: 3 }, // exactly 3%: not over
        { live: 50, dropped: 50 }, // not more than 50 live answers
      ]) {
        const pacer = adaptive({ initialLevel: 3 });
        run(pacer, 0, 120, steady({ agents: { talking: 10 }, today }));
        expect(pacer.level).toBe(3);
      }
    });
  });

  describe("the last minute's drops", () => {
    const minute = (live: number, dropped: number) => (t: number) =>
      makeView({
        now: t,
        agents: { talking: 10 },
        totals: { live: Math.floor((live * t) / 60), dropped: Math.floor((dropped * t) / 60) },
      });

    it("halves the level when over half of more than 20 live answers dropped", () => {
      const pacer = adaptive({ initialLevel: 3 });
      const levels = run(pacer, 0, 60, minute(30, 16));
      expect(levels[119]).toBe(3);
      expect(levels[120]).toBe(1.5);
    });

    it("counts only the minute since the previous check", () => {
      const pacer = adaptive({ initialLevel: 3 });
      // 30 live / 16 dropped in each of the first two minutes, then nothing.
      run(pacer, 0, 120, (t) => minute(30, 16)(Math.min(t, 120)));
      expect(pacer.level).toBe(1); // 3 -> 1.5 -> 1 (floored)
      const calm = adaptive({ initialLevel: 3 });
      run(calm, 0, 60, minute(30, 16));
      run(calm, 60.5, 120, (t) => makeView({ ...minute(30, 16)(60), now: t }));
      expect(calm.level).toBe(1.5); // the second minute saw no new answers
    });

    it("leaves the level alone at exactly half, or with 20 live answers", () => {
      for (const [live, dropped] of [
        [30, 15],
        [20, 20],
      ]) {
        const pacer = adaptive({ initialLevel: 3 });
        run(pacer, 0, 60, minute(live, dropped));
        expect(pacer.level).toBe(3);
      }
    });
  });

  it("starts its clocks afresh after the night between two windows", () => {
    const pacer = adaptive();
    run(pacer, 0, 10, steady({ agents: { ready: 10 } }));
    expect(pacer.level).toBe(1);
    // The next morning: the 15 s update comes 15 s after the first decision, from fresh samples.
    const morning = 86_400;
    const levels = run(pacer, morning, morning + 15, steady({ agents: { ready: 2, talking: 8 } }));
    expect(levels[29]).toBe(1); // morning + 14.5
    expect(levels[30]).toBeCloseTo(1.2, 12); // m = 0.2 from this morning's samples only
  });
});
