/**
 * Each family's maximum-likelihood fit recovers the parameters of a seeded sample drawn by the
 * simulator's own samplers, within 4 standard errors (from the observed information): a correct
 * estimator fails that by chance with probability about 6e-5 per parameter.
 */
import { describe, expect, it } from "vitest";
import { FAMILIES, type FamilyName, family, sampleSums } from "../../src/fit/families.js";
import {
  fitDistribution,
  logLikelihood,
  maximumLikelihood,
  type Observations,
  OPTIMISER_SAMPLE,
  optimiserSample,
} from "../../src/fit/fit-distribution.js";
import { minimize } from "../../src/fit/nelder-mead.js";
import { thetaOf } from "../../src/fit/spec-cdf.js";
import type { DistributionSpec } from "../../src/sim/distribution-spec.js";
import { sampler } from "../../src/sim/distributions.js";
import { createStreams } from "../../src/sim/random.js";
import { standardErrors } from "./standard-errors.js";

const N = 4000;
const Z = 4;

function draw(spec: DistributionSpec, n: number, seed: number): number[] {
  const next = sampler(spec, createStreams(seed).stream("fit-test"));
  return Array.from({ length: n }, next);
}

function trueTheta(spec: DistributionSpec): number[] {
  const p = thetaOf(spec);
  if (p === undefined) throw new Error(`no θ for ${spec.dist}`);
  return p.theta;
}

const TRUTHS: readonly DistributionSpec[] = [
  { dist: "exponential", mean: 30 },
  { dist: "lognormal", mean: 150, sd: 90 },
  { dist: "gamma", shape: 4, scale: 3 },
  { dist: "gamma", shape: 0.6, scale: 10 },
  { dist: "weibull", shape: 1.7, scale: 20 },
  { dist: "normal", mean: 100, sd: 20 },
  { dist: "normal", mean: 5, sd: 10 }, // heavily truncated at 0
];

function expectRecovered(name: FamilyName, obs: Observations, truth: DistributionSpec) {
  const f = family(name);
  const mle = maximumLikelihood(f, obs);
  expect(mle).toBeDefined();
  const theta = mle?.theta ?? [];
  const se = standardErrors(f, theta, obs);
  const want = trueTheta(truth);
  for (let i = 0; i < want.length; i++) {
    expect(Number.isFinite(se[i]) && se[i] > 0).toBe(true);
    expect(Math.abs(theta[i] - want[i])).toBeLessThan(Z * se[i]);
  }
}

describe("maximum likelihood by family", () => {
  TRUTHS.forEach((truth, i) => {
    it(`recovers ${JSON.stringify(truth)} from ${N} draws`, () => {
      const values = draw(truth, N, 100 + i);
      expectRecovered(
        truth.dist as FamilyName,
        { values, censored: [], truncatedAbove: Infinity },
        truth,
      );
    });
  });

  it("recovers a lognormal ring time truncated at the timeout (answers after it are lost)", () => {
    const truth: DistributionSpec = { dist: "lognormal", mean: 14, sd: 8 };
    const timeout = 20;
    const all = draw(truth, N, 7);
    const values = all.filter((x) => x < timeout);
    expect(values.length).toBeLessThan(N * 0.9); // the truncation is not negligible
    const obs = { values, censored: [], truncatedAbove: timeout };
    expectRecovered("lognormal", obs, truth);
    // Ignoring the truncation would be biased well beyond sampling error.
    const naive = maximumLikelihood(family("lognormal"), { ...obs, truncatedAbove: Infinity });
    const se = standardErrors(family("lognormal"), trueTheta(truth), obs);
    expect(Math.abs((naive?.theta[1] ?? 0) - trueTheta(truth)[1])).toBeGreaterThan(Z * se[1]);
  });

  it("recovers a gamma and a Weibull from right-censored samples", () => {
    for (const [i, truth] of [
      { dist: "gamma", shape: 2, scale: 5 },
      { dist: "weibull", shape: 1.3, scale: 12 },
    ].entries()) {
      const all = draw(truth as DistributionSpec, N, 20 + i);
      const c = 15;
      const obs = {
        values: all.filter((x) => x < c),
        censored: all.filter((x) => x >= c).map(() => c),
        truncatedAbove: Infinity,
      };
      expect(obs.censored.length).toBeGreaterThan(N * 0.1);
      expectRecovered(truth.dist as FamilyName, obs, truth as DistributionSpec);
    }
  });

  it("gives the exponential's censored closed form the numeric optimum", () => {
    const all = draw({ dist: "exponential", mean: 30 }, N, 3);
    const obs = {
      values: all.filter((x) => x < 3),
      censored: all.filter((x) => x >= 3).map(() => 3),
      truncatedAbove: Infinity,
    };
    const f = family("exponential");
    const closed = maximumLikelihood(f, obs);
    expect(closed?.closedForm).toBe(true);
    const numeric = minimize((theta) => -logLikelihood(f, theta, obs), [Math.log(10)]);
    expect(numeric.x[0]).toBeCloseTo(closed?.theta[0] ?? 0, 4);
  });

  it("minimises Rosenbrock's valley", () => {
    const m = minimize(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
    expect(m.x[0]).toBeCloseTo(1, 3);
    expect(m.x[1]).toBeCloseTo(1, 3);
  });
});

describe("choosing a distribution", () => {
  it("chooses the true family by AIC and passes its KS check", () => {
    for (const [i, truth] of TRUTHS.slice(1, 3).entries()) {
      const fit = fitDistribution({
        values: draw(truth, N, 300 + i),
        censored: [],
        truncatedAbove: Infinity,
      });
      expect(fit.chosen).toBe(truth.dist);
      expect(fit.ks).toBeLessThanOrEqual(fit.ksThreshold);
      expect(fit.candidates.map((c) => c.aic)).toEqual(
        [...fit.candidates.map((c) => c.aic)].sort((a, b) => a - b),
      );
    }
  });

  it("falls back to empirical quantiles when no family passes (a two-humped sample)", () => {
    const values = [
      ...draw({ dist: "normal", mean: 20, sd: 2 }, N / 2, 1),
      ...draw({ dist: "normal", mean: 60, sd: 3 }, N / 2, 2),
    ];
    const fit = fitDistribution({ values, censored: [], truncatedAbove: Infinity });
    expect(fit.chosen).toBe("empirical");
    expect(fit.candidates.every((c) => !c.passes)).toBe(true);
    expect(fit.spec.dist === "empirical" && fit.spec.values.length).toBe(100);
  });

  it("writes one repeated value as fixed", () => {
    const fit = fitDistribution({ values: [2, 2, 2], censored: [], truncatedAbove: Infinity });
    expect(fit.spec).toEqual({ dist: "fixed", value: 2 });
  });
});

describe("sufficient statistics", () => {
  it("give each family's total log density exactly as the sum over values does", () => {
    const values = draw({ dist: "gamma", shape: 3, scale: 4 }, 500, 9);
    const sums = sampleSums(values);
    const thetas: Record<string, number[]> = {
      exponential: [Math.log(11)],
      lognormal: [2.3, Math.log(0.6)],
      gamma: [Math.log(2.5), Math.log(5)],
      normal: [12, Math.log(7)],
    };
    for (const f of FAMILIES) {
      if (f.logPdfTotal === undefined) continue;
      const theta = thetas[f.name];
      const direct = values.reduce((a, x) => a + f.logPdf(x, theta), 0);
      expect(f.logPdfTotal(sums, theta)).toBeCloseTo(direct, 6);
    }
    expect(
      FAMILIES.filter((f) => f.logPdfTotal !== undefined)
        .map((f) => f.name)
        .sort(),
    ).toEqual(Object.keys(thetas).sort());
  });
});

describe("the optimiser's sample of a large record", () => {
  it("leaves a sample of up to OPTIMISER_SAMPLE observations as it is", () => {
    const obs = { values: [1, 2, 3], censored: [25], truncatedAbove: 25 };
    expect(optimiserSample(obs)).toBe(obs);
  });

  it("takes every k-th exact and censored value, in order, with the truncation", () => {
    const values = Array.from({ length: 120_000 }, (_, i) => i);
    const censored = Array.from({ length: 30_001 }, (_, i) => 1e6 + i);
    const sample = optimiserSample({ values, censored, truncatedAbove: 2e6 });
    const stride = Math.ceil(150_001 / OPTIMISER_SAMPLE); // 4
    expect(sample.values).toEqual(values.filter((_, i) => i % stride === 0));
    expect(sample.censored).toEqual(censored.filter((_, i) => i % stride === 0));
    expect(sample.values.length + sample.censored.length).toBeLessThanOrEqual(OPTIMISER_SAMPLE);
    expect(sample.truncatedAbove).toBe(2e6);
  });

  it("still recovers a truncated Weibull from 400,000 draws, within the sample's own error", () => {
    const truth: DistributionSpec = { dist: "weibull", shape: 1.7, scale: 20 };
    const timeout = 30;
    const values = draw(truth, 400_000, 11).filter((x) => x < timeout);
    const obs = { values, censored: [], truncatedAbove: timeout };
    const sample = optimiserSample(obs);
    expect(sample.values.length).toBeLessThan(values.length / 5);
    const f = family("weibull");
    const theta = maximumLikelihood(f, obs)?.theta ?? [];
    const se = standardErrors(f, theta, sample);
    const want = trueTheta(truth);
    for (let i = 0; i < want.length; i++) {
      expect(Math.abs(theta[i] - want[i])).toBeLessThan(Z * se[i]);
    }
  });
});
