import { errorFunction, gamma as gammaFn } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { DistributionParameterError } from "../../src/sim/distribution-error.js";
import type { DistributionSpec } from "../../src/sim/distribution-spec.js";
import {
  distributionMean,
  empirical,
  exponential,
  fixed,
  gamma,
  lognormal,
  normal,
  type Sampler,
  sampler,
  uniform,
  weibull,
} from "../../src/sim/distributions.js";
import { createStreams, type Rng } from "../../src/sim/random.js";

const N = 200_000;
const SEED = 20240601;

function rngFor(name: string): Rng {
  return createStreams(SEED).stream(name);
}

function draw(s: Sampler, n = N): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s();
  return out;
}

/** Central moments (variance, 4th) from raw moments E[X], E[X²], E[X³], E[X⁴]. */
function central(m1: number, m2: number, m3: number, m4: number) {
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

/**
 * Asserts the sample mean and (unbiased) variance lie within 5 standard errors of theory:
 * SE(mean) = sqrt(var/n), SE(s²) ≈ sqrt((μ4 - var²)/n).
 */
function expectMoments(
  xs: Float64Array,
  theory: { mean: number; variance: number; mu4: number },
): void {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const variance = ss / (n - 1);

  const seMean = Math.sqrt(theory.variance / n);
  const seVar = Math.sqrt((theory.mu4 - theory.variance ** 2) / n);
  expect(Math.abs(mean - theory.mean)).toBeLessThan(5 * seMean);
  expect(Math.abs(variance - theory.variance)).toBeLessThan(5 * seVar);
}

const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const Phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

/** Moments of Normal(mu, sd) truncated to [0, ∞), by the standard raw-moment recursion. */
function truncatedNormalMoments(mu: number, sd: number) {
  const a = -mu / sd;
  const lambda = phi(a) / (1 - Phi(a));
  const m1 = mu + sd * lambda;
  const m2 = mu * m1 + sd * sd;
  const m3 = mu * m2 + 2 * sd * sd * m1;
  const m4 = mu * m3 + 3 * sd * sd * m2;
  return central(m1, m2, m3, m4);
}

function lognormalMoments(mean: number, sd: number) {
  const s2 = Math.log(1 + (sd / mean) ** 2);
  const mu = Math.log(mean) - s2 / 2;
  const raw = (k: number) => Math.exp(k * mu + (k * k * s2) / 2);
  return central(raw(1), raw(2), raw(3), raw(4));
}

function gammaMoments(k: number, theta: number) {
  return { mean: k * theta, variance: k * theta ** 2, mu4: 3 * k * (k + 2) * theta ** 4 };
}

function weibullMoments(k: number, lambda: number) {
  // simple-statistics' gamma is an independent implementation from the one under test.
  const raw = (n: number) => lambda ** n * gammaFn(1 + n / k);
  return central(raw(1), raw(2), raw(3), raw(4));
}

/** Kolmogorov–Smirnov statistic of a sample against a continuous CDF. */
function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

const KS_CRITICAL = 1.36 / Math.sqrt(N); // 5% level

interface Case {
  spec: DistributionSpec;
  theory: { mean: number; variance: number; mu4: number };
}

const cases: Case[] = [
  {
    spec: { dist: "uniform", min: 2, max: 10 },
    theory: { mean: 6, variance: 64 / 12, mu4: 8 ** 4 / 80 },
  },
  {
    spec: { dist: "exponential", mean: 15 },
    theory: { mean: 15, variance: 225, mu4: 9 * 15 ** 4 },
  },
  // Far from 0: truncation is negligible, but still computed exactly.
  { spec: { dist: "normal", mean: 30, sd: 5 }, theory: truncatedNormalMoments(30, 5) },
  // Heavily truncated: about half the mass is redrawn.
  { spec: { dist: "normal", mean: 0, sd: 4 }, theory: truncatedNormalMoments(0, 4) },
  { spec: { dist: "normal", mean: -3, sd: 2 }, theory: truncatedNormalMoments(-3, 2) },
  { spec: { dist: "lognormal", mean: 60, sd: 30 }, theory: lognormalMoments(60, 30) },
  { spec: { dist: "lognormal", mean: 8, sd: 8 }, theory: lognormalMoments(8, 8) },
  { spec: { dist: "gamma", shape: 0.5, scale: 4 }, theory: gammaMoments(0.5, 4) },
  { spec: { dist: "gamma", shape: 1, scale: 3 }, theory: gammaMoments(1, 3) },
  { spec: { dist: "gamma", shape: 3, scale: 2 }, theory: gammaMoments(3, 2) },
  { spec: { dist: "weibull", shape: 1.5, scale: 20 }, theory: weibullMoments(1.5, 20) },
  { spec: { dist: "weibull", shape: 0.8, scale: 5 }, theory: weibullMoments(0.8, 5) },
];

describe("sampler moments (200k draws, 5 standard errors)", () => {
  for (const { spec, theory } of cases) {
    it(`${JSON.stringify(spec)}`, () => {
      const xs = draw(sampler(spec, rngFor(JSON.stringify(spec))));
      expectMoments(xs, theory);
      // distributionMean is exact, so it must agree with the independently derived theory...
      expect(distributionMean(spec)).toBeCloseTo(theory.mean, 5);
      // ...and the sample mean must be within 5 SE of it.
      let sum = 0;
      for (const x of xs) sum += x;
      expect(Math.abs(sum / xs.length - distributionMean(spec))).toBeLessThan(
        5 * Math.sqrt(theory.variance / xs.length),
      );
    });
  }
});

describe("fixed", () => {
  it("always returns the value", () => {
    const s = fixed(7.5);
    for (let i = 0; i < 100; i++) expect(s()).toBe(7.5);
    expect(distributionMean({ dist: "fixed", value: 7.5 })).toBe(7.5);
  });
});

describe("uniform", () => {
  it("stays in [min, max) and passes a KS test", () => {
    const xs = draw(uniform(rngFor("uniform-ks"), -1, 3));
    for (const x of xs) if (x < -1 || x >= 3) throw new Error(`out of range: ${x}`);
    expect(ksStatistic(xs, (x) => (x + 1) / 4)).toBeLessThan(KS_CRITICAL);
  });
});

describe("exponential", () => {
  it("passes a Kolmogorov–Smirnov test against 1 - exp(-x/mean)", () => {
    const mean = 12;
    const xs = draw(exponential(rngFor("exp-ks"), mean));
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-x / mean))).toBeLessThan(KS_CRITICAL);
  });

  it("KS test does reject a wrong mean (the check has teeth)", () => {
    const xs = draw(exponential(rngFor("exp-ks"), 12));
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-x / 12.5))).toBeGreaterThan(KS_CRITICAL);
  });
});

describe("truncated normal", () => {
  it("never returns a negative value", () => {
    const xs = draw(normal(rngFor("tn-neg"), -2, 3));
    for (const x of xs) if (x < 0) throw new Error(`negative draw ${x}`);
  });

  it("distributionMean is the truncated mean mu + sd·φ(a)/(1 - Φ(a))", () => {
    // Half-normal: sd·sqrt(2/π).
    expect(distributionMean({ dist: "normal", mean: 0, sd: 1 })).toBeCloseTo(
      Math.sqrt(2 / Math.PI),
      7,
    );
    // mean 1, sd 1: 1 + φ(1)/Φ(1), reference values to 16 digits.
    expect(distributionMean({ dist: "normal", mean: 1, sd: 1 })).toBeCloseTo(
      1 + 0.24197072451914337 / 0.8413447460685429,
      7,
    );
    // Far from 0 the truncation is invisible.
    expect(distributionMean({ dist: "normal", mean: 50, sd: 5 })).toBeCloseTo(50, 10);
  });

  it("sd = 0 is the point mean", () => {
    const s = normal(rngFor("tn0"), 4, 0);
    expect(s()).toBe(4);
    expect(distributionMean({ dist: "normal", mean: 4, sd: 0 })).toBe(4);
  });

  it("keeps the Box–Muller spare per instance (two samplers on twin streams agree)", () => {
    const a = normal(createStreams(1).stream("n"), 10, 2);
    const b = normal(createStreams(1).stream("n"), 10, 2);
    const c = normal(createStreams(1).stream("other"), 10, 2);
    for (let i = 0; i < 101; i++) {
      c(); // a third sampler drawing in between must not disturb a or b
      expect(a()).toBe(b());
    }
  });
});

describe("lognormal", () => {
  it("recovers the requested mean and sd of the variable itself", () => {
    const xs = draw(lognormal(rngFor("ln-recover"), 45, 20));
    let sum = 0;
    for (const x of xs) sum += x;
    const mean = sum / xs.length;
    let ss = 0;
    for (const x of xs) ss += (x - mean) ** 2;
    const sd = Math.sqrt(ss / (xs.length - 1));
    expect(mean).toBeGreaterThan(0);
    expect(Math.abs(mean - 45) / 45).toBeLessThan(0.005);
    expect(Math.abs(sd - 20) / 20).toBeLessThan(0.02);
    for (const x of xs) if (!(x > 0)) throw new Error(`non-positive draw ${x}`);
  });

  it("sd = 0 is the point mean", () => {
    expect(lognormal(rngFor("ln0"), 9, 0)()).toBe(9);
  });
});

describe("gamma", () => {
  it("is positive for shape < 1", () => {
    const xs = draw(gamma(rngFor("g-pos"), 0.3, 1), 50_000);
    for (const x of xs) if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`bad draw ${x}`);
  });
});

describe("weibull", () => {
  it("distributionMean = scale·Γ(1 + 1/shape)", () => {
    expect(distributionMean({ dist: "weibull", shape: 2, scale: 10 })).toBeCloseTo(
      5 * Math.sqrt(Math.PI),
      10,
    );
    expect(distributionMean({ dist: "weibull", shape: 1, scale: 7 })).toBeCloseTo(7, 10);
    expect(distributionMean({ dist: "weibull", shape: 0.5, scale: 3 })).toBeCloseTo(6, 10);
    // Γ(5/3) = 0.9027452929509336...
    expect(distributionMean({ dist: "weibull", shape: 1.5, scale: 1 })).toBeCloseTo(
      0.9027452929509336,
      10,
    );
  });

  it("passes a KS test against 1 - exp(-(x/scale)^shape)", () => {
    const xs = draw(weibull(rngFor("wb-ks"), 2.5, 30));
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-((x / 30) ** 2.5)))).toBeLessThan(KS_CRITICAL);
  });
});

describe("empirical", () => {
  it("only returns given values, with roughly equal frequencies", () => {
    const values = [3, 7, 11, 20, 45];
    const counts = new Map<number, number>();
    const s = empirical(rngFor("emp"), values);
    for (let i = 0; i < N; i++) {
      const x = s();
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(values);
    const p = 1 / values.length;
    const se = Math.sqrt(N * p * (1 - p));
    for (const c of counts.values()) expect(Math.abs(c - N * p)).toBeLessThan(5 * se);
    expect(distributionMean({ dist: "empirical", values })).toBeCloseTo(86 / 5, 12);
  });

  it("weights duplicates and copies the input array", () => {
    const values = [1, 1, 1, 5];
    const s = empirical(rngFor("emp-dup"), values);
    values[0] = 999; // must not leak into the sampler
    let ones = 0;
    let fives = 0;
    for (let i = 0; i < N; i++) {
      const x = s();
      if (x === 1) ones++;
      else if (x === 5) fives++;
    }
    expect(ones + fives).toBe(N);
    expect(Math.abs(ones / N - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / N));
  });
});

describe("determinism", () => {
  it("same seed and stream give the same draws for every spec", () => {
    for (const { spec } of cases) {
      const a = draw(sampler(spec, createStreams(5).stream("d")), 1000);
      const b = draw(sampler(spec, createStreams(5).stream("d")), 1000);
      expect(a).toEqual(b);
    }
  });
});

describe("parameter validation", () => {
  const rng = rngFor("validation");
  const bad: Array<[string, () => unknown]> = [
    ["fixed NaN", () => fixed(Number.NaN)],
    ["fixed Infinity", () => fixed(Number.POSITIVE_INFINITY)],
    ["uniform max < min", () => uniform(rng, 5, 4)],
    ["uniform NaN", () => uniform(rng, Number.NaN, 4)],
    ["exponential negative mean", () => exponential(rng, -1)],
    ["exponential zero mean", () => exponential(rng, 0)],
    ["exponential Infinity", () => exponential(rng, Number.POSITIVE_INFINITY)],
    ["normal sd < 0", () => normal(rng, 5, -1)],
    ["normal NaN mean", () => normal(rng, Number.NaN, 1)],
    ["normal sd = 0, mean < 0", () => normal(rng, -1, 0)],
    ["normal almost all mass below 0", () => normal(rng, -5, 1)],
    ["lognormal negative mean", () => lognormal(rng, -3, 1)],
    ["lognormal zero mean", () => lognormal(rng, 0, 1)],
    ["lognormal sd < 0", () => lognormal(rng, 3, -1)],
    ["gamma shape 0", () => gamma(rng, 0, 1)],
    ["gamma scale < 0", () => gamma(rng, 2, -1)],
    ["weibull shape < 0", () => weibull(rng, -2, 1)],
    ["weibull scale NaN", () => weibull(rng, 2, Number.NaN)],
    ["empirical empty", () => empirical(rng, [])],
    ["empirical NaN", () => empirical(rng, [1, Number.NaN])],
    ["sampler bad spec", () => sampler({ dist: "gamma", shape: -1, scale: 1 }, rng)],
    ["distributionMean bad spec", () => distributionMean({ dist: "uniform", min: 2, max: 1 })],
    [
      "distributionMean too-truncated normal",
      () => distributionMean({ dist: "normal", mean: -10, sd: 1 }),
    ],
    [
      "unknown dist",
      () => sampler({ dist: "pareto", alpha: 1 } as unknown as DistributionSpec, rng),
    ],
  ];
  for (const [label, thunk] of bad) {
    it(`throws RangeError: ${label}`, () => {
      expect(thunk).toThrow(RangeError);
    });
  }

  // Parameters each fine on its own whose derived values overflow: the run used to crash with
  // "cannot schedule NaN s" (issue 15, item 19).
  const overflowing: Array<[DistributionSpec, string]> = [
    [{ dist: "lognormal", mean: 12, sd: 1e308 }, "sd"],
    [{ dist: "lognormal", mean: 5e-324, sd: 1 }, "sd"],
    [{ dist: "lognormal", mean: 1e307, sd: 1e307 }, "mean"],
    [{ dist: "gamma", shape: 1e-308, scale: 1e308 }, "scale"],
    [{ dist: "gamma", shape: 1e300, scale: 1e10 }, "scale"],
    [{ dist: "exponential", mean: 1e308 }, "mean"],
    [{ dist: "normal", mean: 1, sd: 1e308 }, "sd"],
    [{ dist: "weibull", shape: 0.005, scale: 1 }, "shape"],
    [{ dist: "weibull", shape: 5e-324, scale: 1 }, "shape"],
    [{ dist: "weibull", shape: 0.5, scale: 1e306 }, "scale"],
    [{ dist: "uniform", min: -1e308, max: 1e308 }, "max"],
    [{ dist: "empirical", values: [1e308, 1e308] }, "values"],
  ];
  for (const [spec, param] of overflowing) {
    it(`refuses ${JSON.stringify(spec)}, naming ${param}`, () => {
      for (const thunk of [() => sampler(spec, rng), () => distributionMean(spec)]) {
        try {
          thunk();
          expect.unreachable("accepted");
        } catch (e) {
          expect(e).toBeInstanceOf(DistributionParameterError);
          expect((e as DistributionParameterError).param).toBe(param);
          expect((e as Error).message).toMatch(new RegExp(`^${spec.dist}: ${param}: expected `));
        }
      }
    });
  }

  it("accepts extreme parameters just inside the bounds, and their draws stay finite", () => {
    // The extreme uniforms a double can be: 0 and the largest double below 1.
    const extremes = [0, 1 - 2 ** -53, 2 ** -53, 0.5];
    const accepted: DistributionSpec[] = [
      { dist: "lognormal", mean: 12, sd: 1e150 },
      { dist: "lognormal", mean: 1e290, sd: 1 },
      { dist: "gamma", shape: 1e-308, scale: 1e300 },
      { dist: "gamma", shape: 1e300, scale: 1 },
      { dist: "exponential", mean: 1e306 },
      { dist: "normal", mean: 1, sd: 1e300 },
      { dist: "weibull", shape: 0.006, scale: 1 },
      { dist: "empirical", values: [1e308, 0] },
    ];
    for (const spec of accepted) {
      expect(Number.isFinite(distributionMean(spec))).toBe(true);
      let i = 0;
      const s = sampler(spec, () => extremes[i++ % extremes.length]);
      for (let k = 0; k < 64; k++) expect(Number.isFinite(s()), JSON.stringify(spec)).toBe(true);
    }
  });

  it("accepts a negative normal mean while P(X >= 0) >= 1e-6", () => {
    // P(Z >= 4.5) ≈ 3.4e-6: allowed; P(Z >= 5) ≈ 2.9e-7: rejected (above).
    const s = normal(rng, -4.5, 1);
    expect(s()).toBeGreaterThanOrEqual(0);
  });
});
