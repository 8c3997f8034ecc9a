import { describe, expect, it } from "vitest";
import { ObservedForecaster } from "../../src/lookahead/observed-forecaster.js";
import { type LookaheadConfig, PACING_DEFAULTS } from "../../src/pacing/config.js";
import { createPacer } from "../../src/pacing/create-pacer.js";
import type { CandidateForecast } from "../../src/pacing/forecaster.js";
import { candidateTargets, LookaheadPacer } from "../../src/pacing/lookahead.js";
import {
  chooseCandidate,
  estimateSilent,
  horizonsAfter,
  withinProbability,
} from "../../src/pacing/lookahead-choice.js";
import type { Observation } from "../../src/pacing/observation.js";
import type { DialerView } from "../../src/pacing/view.js";
import { makeView, type ViewInit } from "../pacing/view-fixture.js";
import { makeScenario } from "../support/scenario-fixture.js";

const CONFIG: LookaheadConfig = {
  algorithm: "lookahead",
  ...PACING_DEFAULTS.lookahead,
  runs: 8,
  candidates: 3,
  horizonMinutes: 10,
  ceilingPer100: 3,
  denominator: "connected",
};

/** Futures with these silent calls, denominators and talk, one entry per run. */
function forecast(silent: number[], denominator: number[], talk: number): CandidateForecast {
  const n = silent.length;
  return {
    silent: Float64Array.from(silent),
    denominator: Float64Array.from(denominator),
    talkSeconds: new Float64Array(n).fill(talk),
    placed: new Float64Array(n).fill(100),
  };
}

const NO_REST = {
  silent: 0,
  silentVariance: 0,
  denominator: 0,
  secondsAfterHorizon: 0,
  leadsLeft: 1e6,
};

describe("the lookahead's choice", () => {
  const safe = forecast([0, 0, 0, 0], [50, 50, 50, 50], 1000);
  const mild = forecast([1, 1, 2, 1], [70, 70, 70, 70], 1200); // within 3 per 100 in every future
  const bold = forecast([1, 5, 1, 1], [70, 70, 70, 70], 1500); // over in one future of four

  it("takes the most talk among candidates within the ceiling at the confidence", () => {
    expect(chooseCandidate([safe, mild, bold], 900, NO_REST, 0.03, 0.95)).toBe(1);
    // bold's excess over 3 per 100: -1.1, 2.9, -1.1, -1.1 (mean -0.1, sd 2): P(sum <= 0) = 0.52.
    expect(withinProbability(bold, 900, NO_REST, 0.03)).toBeCloseTo(0.52, 2);
    expect(chooseCandidate([safe, mild, bold], 900, NO_REST, 0.03, 0.5)).toBe(2);
  });

  it("falls back on the safe candidate when none is within the ceiling", () => {
    const record = { ...NO_REST, silent: 10, denominator: 100 };
    expect(chooseCandidate([safe, mild, bold], 900, record, 0.03, 0.95)).toBe(0);
  });

  it("spreads the budget: a candidate over the ceiling on average waits for the campaign's end", () => {
    const pushy = forecast([3, 3, 3, 3], [70, 70, 70, 70], 2000); // 0.9 over per horizon
    const record = { ...NO_REST, silent: 0, denominator: 300 }; // room for 9 silent calls
    expect(chooseCandidate([safe, mild, pushy], 900, record, 0.03, 0.95)).toBe(2);
    // With 20 horizons after this one, kept to the end it would spend 21 x 0.9 = 18.9 > 9.
    const early = { ...record, secondsAfterHorizon: 20 * 900 };
    expect(horizonsAfter(pushy, 900, early)).toBe(20);
    expect(withinProbability(pushy, 900, early, 0.03)).toBe(0);
    expect(chooseCandidate([safe, mild, pushy], 900, early, 0.03, 0.95)).toBe(1);
    // Without leads for another horizon, the time left does not count.
    expect(horizonsAfter(pushy, 900, { ...early, leadsLeft: 100 })).toBe(0);
    expect(
      chooseCandidate([safe, mild, pushy], 900, { ...early, leadsLeft: 100 }, 0.03, 0.95),
    ).toBe(2);
  });

  it("counts the horizons' spread as a sum of independent ones", () => {
    const even = forecast(
      [1, 3, 1, 3],
      [66.66666666666667, 66.66666666666667, 66.66666666666667, 66.66666666666667],
      0,
    );
    // Excess -1, 1, -1, 1: mean 0, variance 4/3. Over 4 horizons the sum's sd is 2.31, so
    // room for 2.31 silent calls puts the campaign within the ceiling at P = 0.84.
    const standing = {
      ...NO_REST,
      silent: 0,
      denominator: Math.sqrt(16 / 3) / 0.03,
      secondsAfterHorizon: 3 * 900,
    };
    expect(withinProbability(even, 900, standing, 0.03)).toBeCloseTo(0.8413, 3);
  });

  it("counts as silent the persons' share of the dropped calls, with its uncertainty", () => {
    // 21 of 30 live calls the agents took were persons (one added): 7 of 10 drops, each a
    // person at 0.7.
    const record = estimateSilent(10, 20, 9);
    expect(record.silent).toBeCloseTo(7, 12);
    expect(record.variance).toBeCloseTo(10 * 0.7 * 0.3, 12);
    // Before any agent has said, every drop counts, and surely.
    expect(estimateSilent(4, 0, 0)).toEqual({ silent: 4, variance: 0 });
    // Room for one more silent call is sure room only when the record is sure (sd 1: P = 0.84).
    const even = forecast([1, 1, 1, 1], [50, 50, 50, 50], 0); // exactly at 2 per 100
    const sure = { ...NO_REST, silent: 2, denominator: 150 };
    expect(withinProbability(even, 900, sure, 0.02)).toBe(1);
    expect(withinProbability(even, 900, { ...sure, silentVariance: 1 }, 0.02)).toBeCloseTo(
      0.8413,
      4,
    );
  });

  it("spaces the binomial targets geometrically over the range", () => {
    const targets = candidateTargets({
      ...CONFIG,
      minTargetPercent: 1,
      maxTargetPercent: 16,
      candidates: 5,
    });
    expect(targets.map((t) => Number(t.toFixed(9)))).toEqual([1, 2, 4, 8, 16]);
  });
});

/** A hand-built observed view: the counts of `init`, with these elapsed times. */
function observedView(
  init: ViewInit,
  elapsed: Partial<Record<"ringing" | "talking", number[]>>,
  callingSecondsLeft = 6 * 3600,
): DialerView {
  const view = makeView(init);
  return {
    ...view,
    observe(into: Observation) {
      for (const e of elapsed.ringing ?? []) into.ringing.push(e);
      for (const e of view.talkElapsed as number[]) into.talking.push(e);
      into.leadsLeft = 10_000;
      into.callingSecondsLeft = callingSecondsLeft;
    },
  };
}

describe("the lookahead pacer on an observed state", () => {
  const scenario = makeScenario();
  const talkElapsed = [10, 40, 70, 100, 130, 160, 190, 220];
  const init: ViewInit = {
    now: 10 * 3600,
    agents: { ready: 2, talking: 8 },
    talkElapsed,
    calls: { ringing: 2 },
    totals: {
      placed: 2000,
      ended: 1990,
      answered: 800,
      live: 800,
      connected: 600,
      machinesAtAgent: 200,
      talks: 790,
      talkSeconds: 790 * 120,
      ringSecondsAnswered: 8000,
    },
  };

  it("overdials when the record leaves room, and dials progressively when it does not", () => {
    const clean = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    const view = observedView(init, { ringing: [3, 8] });
    clean.decide(view);
    expect(clean.chosen).toBeGreaterThan(0);
    const spent = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    const over = observedView(
      { ...init, totals: { ...init.totals, dropped: 200 } },
      { ringing: [3, 8] },
    );
    expect(spent.decide(over)).toBe(0);
    expect(spent.chosen).toBe(0);
  });

  it("keeps its boldest candidate for a campaign's last horizon, when its record leaves room", () => {
    // Six hours left: the boldest candidate, kept to the end, would overshoot.
    const early = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    early.decide(observedView(init, { ringing: [3, 8] }));
    expect(early.chosen).toBeLessThan(early.candidates.length - 1);
    // One horizon left: 600 connected so far leave room for 18 silent calls.
    const late = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    const n = late.decide(observedView(init, { ringing: [3, 8] }, CONFIG.horizonMinutes * 60));
    expect(late.chosen).toBe(late.candidates.length - 1);
    expect(n).toBeGreaterThan(0); // progressive would place 0: 2 ready, 2 ringing
  });

  it("forecasts again only every cadenceSeconds", () => {
    const pacer = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    pacer.decide(observedView(init, {}));
    pacer.decide(observedView({ ...init, now: 10 * 3600 + 9 }, {}));
    expect(pacer.forecasts).toBe(1);
    pacer.decide(observedView({ ...init, now: 10 * 3600 + 10 }, {}));
    expect(pacer.forecasts).toBe(2);
  });

  it("says so when the view cannot observe its calls, and createPacer without a forecaster", () => {
    const pacer = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 1));
    expect(() => pacer.decide(makeView(init))).toThrow(/observes its calls/);
    expect(() => createPacer(CONFIG)).toThrow(/needs a forecaster/);
  });

  it("gives the same forecast for the same seed, and shares random numbers across candidates", () => {
    const view = observedView(init, { ringing: [3, 8] });
    const a = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 7));
    const b = new LookaheadPacer(CONFIG, new ObservedForecaster(scenario, 7));
    expect(a.decide(view)).toBe(b.decide(view));
    expect(a.chosen).toBe(b.chosen);
  });
});
