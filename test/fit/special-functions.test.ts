import { describe, expect, it } from "vitest";
import { ksStatistic, ksThreshold } from "../../src/fit/goodness-of-fit.js";
import {
  logNormalCdf,
  logNormalSurvival,
  regularizedGammaP,
  regularizedGammaQ,
} from "../../src/fit/special-functions.js";
import { erfc } from "../../src/sim/distributions.js";

describe("special functions", () => {
  it("gives the incomplete gamma's known cases: P(1, x) = 1 - e^-x, P(1/2, x) = erf(√x)", () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
      expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 10);
      expect(regularizedGammaP(0.5, x)).toBeCloseTo(1 - erfc(Math.sqrt(x)), 6);
    }
    // P(3, x) = 1 - e^-x (1 + x + x²/2).
    expect(regularizedGammaP(3, 2.5)).toBeCloseTo(1 - Math.exp(-2.5) * (1 + 2.5 + 3.125), 12);
    expect(regularizedGammaP(3, 0)).toBe(0);
  });

  it("keeps the normal's log tails finite and accurate", () => {
    expect(logNormalCdf(0)).toBeCloseTo(Math.log(0.5), 7);
    expect(Math.exp(logNormalCdf(1.959964))).toBeCloseTo(0.975, 6);
    // Mills' ratio: 1 - Φ(z) ≈ φ(z)/z · (1 - 1/z² + 3/z⁴) for large z.
    const z = 12;
    const mills =
      -(z * z) / 2 - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / z ** 2 + 3 / z ** 4);
    expect(logNormalSurvival(z)).toBeCloseTo(mills, 5);
  });
});

describe("Kolmogorov–Smirnov", () => {
  it("measures the largest gap between the sample's steps and the model", () => {
    // Uniform model, sample {0.5}: F_n jumps from 0 to 1 at 0.5, the gap is 0.5 either side.
    expect(ksStatistic([0.5], (x) => x)).toBeCloseTo(0.5, 12);
    expect(ksStatistic([0.1, 0.2, 0.3, 0.4], (x) => x)).toBeCloseTo(0.6, 12);
    expect(ksThreshold(100)).toBeCloseTo(0.1628, 12);
  });
});
