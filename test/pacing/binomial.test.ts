import { describe, expect, it } from "vitest";
import {
  BinomialPacer,
  expectedMinBinomial,
  expectedOverflowRatio,
  largestOverdial,
} from "../../src/pacing/binomial.js";
import type { BinomialConfig } from "../../src/pacing/config.js";
import { makeView, randomInt, seededRandom } from "./view-fixture.js";

/** P(B = j) for all j, from exact binomial coefficients (small n only). */
function pmfTable(n: number, p: number): number[] {
  const out: number[] = [];
  let c = 1;
  for (let j = 0; j <= n; j++) {
    out.push(c * p ** j * (1 - p) ** (n - j));
    c = (c * (n - j)) / (j + 1);
  }
  return out;
}

/** E[max(0, B - k)] / E[B] by the definition, summing the upper tail. */
function bruteOverflowRatio(n: number, p: number, k: number): number {
  if (n * p === 0) return 0;
  const pmf = pmfTable(n, p);
  let overflow = 0;
  for (let j = 0; j <= n; j++) overflow += Math.max(0, j - k) * pmf[j];
  return overflow / (n * p);
}

/** Upper-tail sum E[max(0, B - k)] with a log-space pmf, for large n. */
function logSpaceOverflow(n: number, p: number, k: number): number {
  let logPmf = n * Math.log1p(-p);
  let overflow = 0;
  for (let j = 0; j <= n; j++) {
    if (j > k) overflow += (j - k) * Math.exp(logPmf);
    logPmf += Math.log((n - j) / (j + 1)) + Math.log(p / (1 - p));
  }
  return overflow;
}

const PS = [0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 1];

describe("expectedOverflowRatio", () => {
  it("matches the definition for small n", () => {
    for (let n = 0; n <= 25; n++) {
      for (const p of PS) {
        for (let k = 0; k <= 14; k++) {
          expect(expectedOverflowRatio(n, p, k)).toBeCloseTo(bruteOverflowRatio(n, p, k), 12);
        }
      }
    }
  });

  it("matches E[min(B, k)] by the definition", () => {
    for (const p of PS) {
      const pmf = pmfTable(20, p);
      for (let k = 0; k <= 22; k++) {
        const brute = pmf.reduce((s, q, j) => s + Math.min(j, k) * q, 0);
        expect(expectedMinBinomial(20, p, k)).toBeCloseTo(brute, 12);
      }
    }
  });

  it("stays accurate where (1 - p)^n underflows", () => {
    const n = 6000;
    const p = 0.3; // 0.7^6000 is about 1e-930
    for (const k of [1700, 1800, 1850]) {
      const ratio = expectedOverflowRatio(n, p, k);
      expect(ratio).toBeGreaterThan(0);
      expect(ratio).toBeCloseTo(logSpaceOverflow(n, p, k) / (n * p), 9);
    }
  });

  it("is non-decreasing in the number of trials", () => {
    for (const p of [0.05, 0.2, 0.5, 0.9]) {
      for (const k of [1, 3, 10, 40]) {
        let previous = 0;
        for (let n = 1; n <= 300; n++) {
          const r = expectedOverflowRatio(n, p, k);
          expect(r).toBeGreaterThanOrEqual(previous - 1e-12);
          previous = r;
        }
      }
    }
  });

  it("is 0 with no expected answers or enough agents, and at least 1 with none", () => {
    expect(expectedOverflowRatio(0, 0.3, 2)).toBe(0);
    expect(expectedOverflowRatio(10, 0, 2)).toBe(0);
    expect(expectedOverflowRatio(5, 0.5, 5)).toBe(0);
    expect(expectedOverflowRatio(5, 0.5, 0)).toBe(1);
    expect(expectedOverflowRatio(5, 0.5, -1)).toBeCloseTo(3.5 / 2.5, 12);
  });
});

describe("largestOverdial", () => {
  it("agrees with a linear scan", () => {
    for (const target of [0.01, 0.03, 0.1]) {
      for (const p of [0.1, 0.3, 0.6]) {
        for (let k = -1; k <= 8; k++) {
          for (const n of [0, 3, 10]) {
            for (const maxExtra of [0, 5, 60]) {
              let expected = 0;
              for (let x = 1; x <= maxExtra; x++) {
                if (expectedOverflowRatio(n + x, p, k) <= target) expected = x;
              }
              // Whatever the hint the search starts from.
              for (const hint of [0, 1, 4, 30, 100]) {
                expect(largestOverdial(n, p, k, target, maxExtra, hint)).toBe(expected);
              }
            }
          }
        }
      }
    }
  });

  it("agrees with a scan of full evaluations for team-sized inputs, whatever the hint", () => {
    // The search walks by recurrences from the hint; a scan evaluates every point afresh.
    for (const target of [0.005, 0.03, 0.2]) {
      for (const p of [0.02, 0.17, 0.3, 0.45, 0.8, 0.97]) {
        for (const k of [1, 2, 7, 20, 55]) {
          for (const n of [0, 5, 40, 150, 400]) {
            let expected = 0;
            for (let x = 1; x <= 300; x++) {
              if (expectedOverflowRatio(n + x, p, k) <= target) expected = x;
            }
            for (const hint of [0, 3, expected, expected + 1, 77, 500]) {
              expect(largestOverdial(n, p, k, target, 300, hint)).toBe(expected);
            }
          }
        }
      }
    }
  });

  it("agrees with a scan of full evaluations on random inputs, whatever the hint", () => {
    // The smallest rejected x, found by evaluating every x afresh: the answer is one less.
    const scan = (n: number, p: number, k: number, target: number, maxExtra: number) => {
      let x = 0;
      while (x < maxExtra && expectedOverflowRatio(n + x + 1, p, k) <= target) x++;
      return x;
    };
    const rng = seededRandom(20261128);
    const ps = [0, 1e-4, 0.5, 0.9999, 1];
    for (let i = 0; i < 4000; i++) {
      const n = randomInt(rng, 0, 80);
      const p = i % 10 === 0 ? ps[randomInt(rng, 0, ps.length - 1)] : rng();
      const k = randomInt(rng, -3, 45);
      // Not 0: there the full evaluations' rounding (about 1e-16) is not monotone in x.
      const target = 1e-4 + rng() * 0.25;
      const maxExtra = randomInt(rng, -2, 150);
      const hint = randomInt(rng, 0, 160);
      const expected = scan(n, p, k, target, maxExtra);
      expect(
        largestOverdial(n, p, k, target, maxExtra, hint),
        `${[n, p, k, target, maxExtra, hint]}`,
      ).toBe(expected);
    }
  });

  it("settles an exact tie as a full evaluation does", () => {
    // n = 3, p = 0.3, k = 2: E[max(0, B - 2)] / E[B] = 0.027 / 0.9 = 3% exactly; a full
    // evaluation rounds it just above, so 3 calls are over the target, whatever the hint.
    expect(expectedOverflowRatio(3, 0.3, 2)).toBeGreaterThan(0.03);
    for (const hint of [0, 2, 3, 5]) expect(largestOverdial(0, 0.3, 2, 0.03, 5, hint)).toBe(2);
  });

  it("bisects where the recurrences' start would underflow", () => {
    // 0.7^6300 underflows: thousands of calls out take the full-evaluation path.
    const x = largestOverdial(6300, 0.3, 1850, 0.03, 200, 0);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(200);
    expect(expectedOverflowRatio(6300 + x, 0.3, 1850)).toBeLessThanOrEqual(0.03);
    expect(expectedOverflowRatio(6301 + x, 0.3, 1850)).toBeGreaterThan(0.03);
  });

  it("places nothing extra when every call is answered and no agent is free", () => {
    expect(largestOverdial(0, 1, 0, 0.03, 100)).toBe(0);
    expect(largestOverdial(2, 1, 5, 0.03, 100)).toBe(3);
  });

  it("respects maxExtra", () => {
    expect(largestOverdial(0, 0.01, 50, 0.03, 7)).toBe(7);
    expect(largestOverdial(0, 0.01, 50, 0.03, -3)).toBe(0);
  });
});

const config: BinomialConfig = {
  algorithm: "binomial",
  targetPercent: 3,
  maxLinesPerAgent: 3,
  warmupCalls: 50,
  cadenceSeconds: 1,
};

/** Enough history: p = 30/100, mean ring 10 s, mean talk 100 s. */
const history = {
  placed: 120,
  ended: 100,
  live: 30,
  answered: 40,
  ringSecondsAnswered: 400,
  talks: 20,
  talkSeconds: 2000,
};

describe("BinomialPacer", () => {
  it("decides every cadence and on agent ready", () => {
    const pacer = new BinomialPacer({ ...config, cadenceSeconds: 3 });
    expect(pacer.name).toBe("binomial");
    expect(pacer.cadenceSeconds).toBe(3);
    expect(pacer.decidesOnAgentReady).toBe(true);
  });

  it("is progressive before warmupCalls calls or before any call ended", () => {
    const pacer = new BinomialPacer(config);
    const agents = { ready: 5, talking: 5 };
    const early = makeView({ agents, calls: { ringing: 1 }, totals: { ...history, placed: 49 } });
    expect(pacer.decide(early)).toBe(4);
    const noEnd = makeView({ agents, calls: { ringing: 1 }, totals: { ...history, ended: 0 } });
    expect(pacer.decide(noEnd)).toBe(4);
  });

  it("places the largest overdial for k agents, n calls out and p = live / ended", () => {
    const pacer = new BinomialPacer(config);
    const view = makeView({
      agents: { ready: 4, talking: 20 },
      calls: { ringing: 5, detecting: 1, waiting: 1 },
      totals: history,
    });
    // 20 talking x (1 - exp(-10/100)) = 1.90 -> 1 freeing; k = 4 + 1 - 1 = 4; n = 6.
    const expected = largestOverdial(6, 0.3, 4, 0.03, 3 * 24 - 6);
    expect(expected).toBeGreaterThan(0);
    expect(pacer.decide(view)).toBe(expected);
    // One fewer freeing agent would give fewer calls.
    expect(largestOverdial(6, 0.3, 3, 0.03, 66)).toBeLessThan(expected);
  });

  it("keeps calls out within maxLinesPerAgent x loggedIn", () => {
    const pacer = new BinomialPacer({ ...config, maxLinesPerAgent: 1.5 });
    const view = makeView({
      agents: { ready: 10 },
      calls: { ringing: 2 },
      totals: { ...history, live: 1 }, // p = 1%: unbounded it would place far more
    });
    expect(pacer.decide(view)).toBe(15 - 2);
  });

  it("answers each view as a fresh pacer would, whatever views came before", () => {
    // The search's start is carried between decisions, never the answer.
    const pacer = new BinomialPacer(config);
    const rng = seededRandom(7);
    let totals = {};
    for (let i = 0; i < 500; i++) {
      // New sums at every other view; in between only agents and calls move, as they often do
      // between decisions of a campaign.
      if (i % 2 === 0) {
        const ended = randomInt(rng, 1, 400);
        const answered = randomInt(rng, 1, 200);
        const talks = randomInt(rng, 1, 100);
        totals = {
          placed: 100 + ended,
          ended,
          live: randomInt(rng, 0, ended),
          answered,
          ringSecondsAnswered: answered * (2 + 20 * rng()),
          talks,
          talkSeconds: talks * (30 + 300 * rng()),
        };
      }
      const view = makeView({
        agents: { ready: randomInt(rng, 0, 10), talking: randomInt(rng, 0, 60), wrapUp: 3 },
        calls: {
          ringing: randomInt(rng, 0, 40),
          detecting: randomInt(rng, 0, 3),
          waiting: randomInt(rng, 0, 2),
        },
        totals,
      });
      expect(pacer.decide(view)).toBe(new BinomialPacer(config).decide(view));
    }
  });

  it("answers a view seen again, or its sums seen again, as a fresh pacer would", () => {
    // Between one-second ticks the counts often stand still: the pacer then reuses its last
    // search or its last estimate of the agents freeing, which must change no answer.
    const pacer = new BinomialPacer(config);
    const rng = seededRandom(11);
    const sums = Array.from({ length: 3 }, () => {
      const answered = randomInt(rng, 1, 200);
      return {
        placed: 500,
        ended: 400,
        live: randomInt(rng, 1, 200),
        answered,
        ringSecondsAnswered: answered * (2 + 20 * rng()),
        talks: 50,
        talkSeconds: 50 * (30 + 300 * rng()),
      };
    });
    let view = makeView({});
    for (let i = 0; i < 600; i++) {
      if (rng() < 0.5) {
        view = makeView({
          agents: { loggedIn: 20, ready: randomInt(rng, 0, 4), talking: randomInt(rng, 10, 12) },
          calls: { ringing: randomInt(rng, 0, 6), waiting: randomInt(rng, 0, 1) },
          totals: sums[randomInt(rng, 0, 2)],
        });
      }
      expect(pacer.decide(view)).toBe(new BinomialPacer(config).decide(view));
    }
  });

  it("never places fewer than progressive", () => {
    const pacer = new BinomialPacer(config);
    const view = makeView({
      agents: { ready: 5 },
      calls: { ringing: 2 },
      totals: { ...history, live: 100 }, // p = 1
    });
    expect(pacer.decide(view)).toBe(3);
  });
});
