/**
 * The parametric families `pacelab fit` chooses among, the ones a scenario can name
 * (src/sim/distribution-spec.ts): each as its log density, log CDF and log survival over an
 * unconstrained parameter vector θ (logs of positive parameters), a starting point, the
 * closed-form maximum-likelihood estimate where one exists, and the scenario spec it stands for.
 */
import { gammaln, mean } from "simple-statistics";
import type { DistributionSpec } from "../sim/distribution-spec.js";
import {
  logNormalCdf,
  logNormalSurvival,
  regularizedGammaP,
  regularizedGammaQ,
} from "./special-functions.js";

/** Sufficient statistics of a sample for the families that have them. */
export interface SampleSums {
  readonly n: number;
  readonly x: number;
  readonly x2: number;
  /** Σ ln x and Σ (ln x)², NaN when some value is <= 0. */
  readonly logX: number;
  readonly logX2: number;
}

/** The {@link SampleSums} of `values`. */
export function sampleSums(values: readonly number[]): SampleSums {
  let x = 0;
  let x2 = 0;
  let logX = 0;
  let logX2 = 0;
  for (const v of values) {
    x += v;
    x2 += v * v;
    const l = v > 0 ? Math.log(v) : Number.NaN;
    logX += l;
    logX2 += l * l;
  }
  return { n: values.length, x, x2, logX, logX2 };
}

export type FamilyName = "exponential" | "lognormal" | "gamma" | "weibull" | "normal";

export interface Family {
  readonly name: FamilyName;
  /** Free parameters (for the AIC). */
  readonly parameterCount: number;
  /** Whether every value must be > 0 (a zero has no density). */
  readonly positiveOnly: boolean;
  /** A reasonable θ from the observed values (method of moments). */
  start(values: readonly number[]): number[];
  /** θ maximising the likelihood of fully observed values, where that has a closed form. */
  closedForm?(values: readonly number[]): number[];
  logPdf(x: number, theta: readonly number[]): number;
  /**
   * Σ logPdf over a sample from its sums alone, for families whose likelihood has sufficient
   * statistics: one evaluation then costs O(1) instead of O(n).
   */
  logPdfTotal?(sums: SampleSums, theta: readonly number[]): number;
  logCdf(x: number, theta: readonly number[]): number;
  logSurvival(x: number, theta: readonly number[]): number;
  /** The scenario's spec for θ. */
  spec(theta: readonly number[]): DistributionSpec;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function moments(values: readonly number[]): { m: number; v: number } {
  const m = mean(values as number[]);
  let v = 0;
  for (const x of values) v += (x - m) ** 2;
  return { m, v: Math.max(v / values.length, (m * 1e-3) ** 2) };
}

/** ln(1 - e^a) for a <= 0, accurate near 0 and -Infinity. */
function log1mExp(a: number): number {
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

const exponential: Family = {
  name: "exponential",
  parameterCount: 1,
  positiveOnly: false,
  start: (values) => [Math.log(Math.max(moments(values).m, 1e-9))],
  closedForm: (values) => [Math.log(mean(values as number[]))],
  logPdf: (x, [logMean]) => -logMean - x / Math.exp(logMean),
  logPdfTotal: (s, [logMean]) => -s.n * logMean - s.x / Math.exp(logMean),
  logCdf: (x, [logMean]) => log1mExp(-x / Math.exp(logMean)),
  logSurvival: (x, [logMean]) => -x / Math.exp(logMean),
  spec: ([logMean]) => ({ dist: "exponential", mean: Math.exp(logMean) }),
};

const lognormal: Family = {
  name: "lognormal",
  parameterCount: 2,
  positiveOnly: true,
  start: (values) => lognormalMle(values),
  closedForm: (values) => lognormalMle(values),
  logPdf: (x, [mu, logSigma]) => {
    const s = Math.exp(logSigma);
    const z = (Math.log(x) - mu) / s;
    return -0.5 * z * z - Math.log(x) - logSigma - LOG_SQRT_2PI;
  },
  logPdfTotal: (s, [mu, logSigma]) => {
    // Σ (ln x - mu)² = Σ (ln x)² - 2 mu Σ ln x + n mu².
    const squares = s.logX2 - 2 * mu * s.logX + s.n * mu * mu;
    return -0.5 * squares * Math.exp(-2 * logSigma) - s.logX - s.n * (logSigma + LOG_SQRT_2PI);
  },
  logCdf: (x, [mu, logSigma]) =>
    x <= 0 ? Number.NEGATIVE_INFINITY : logNormalCdf((Math.log(x) - mu) / Math.exp(logSigma)),
  logSurvival: (x, [mu, logSigma]) =>
    x <= 0 ? 0 : logNormalSurvival((Math.log(x) - mu) / Math.exp(logSigma)),
  spec: ([mu, logSigma]) => {
    const s2 = Math.exp(2 * logSigma);
    const m = Math.exp(mu + s2 / 2);
    return { dist: "lognormal", mean: m, sd: m * Math.sqrt(Math.expm1(s2)) };
  },
};

/** The lognormal's MLE: mean and (biased) standard deviation of the logs. */
function lognormalMle(values: readonly number[]): number[] {
  const logs = values.map((x) => Math.log(x));
  const { m, v } = moments(logs);
  return [m, 0.5 * Math.log(Math.max(v, 1e-12))];
}

const gamma: Family = {
  name: "gamma",
  parameterCount: 2,
  positiveOnly: true,
  start: (values) => {
    const { m, v } = moments(values);
    return [Math.log((m * m) / v), Math.log(v / m)];
  },
  logPdf: (x, [logShape, logScale]) => {
    const k = Math.exp(logShape);
    return (k - 1) * Math.log(x) - x / Math.exp(logScale) - gammaln(k) - k * logScale;
  },
  logPdfTotal: (s, [logShape, logScale]) => {
    const k = Math.exp(logShape);
    return (k - 1) * s.logX - s.x / Math.exp(logScale) - s.n * (gammaln(k) + k * logScale);
  },
  logCdf: (x, [logShape, logScale]) =>
    Math.log(regularizedGammaP(Math.exp(logShape), x / Math.exp(logScale))),
  logSurvival: (x, [logShape, logScale]) =>
    Math.log(regularizedGammaQ(Math.exp(logShape), x / Math.exp(logScale))),
  spec: ([logShape, logScale]) => ({
    dist: "gamma",
    shape: Math.exp(logShape),
    scale: Math.exp(logScale),
  }),
};

const weibull: Family = {
  name: "weibull",
  parameterCount: 2,
  positiveOnly: true,
  start: (values) => {
    const { m, v } = moments(values);
    // Justus' approximation of the shape from the coefficient of variation.
    const k = Math.min(Math.max((Math.sqrt(v) / m) ** -1.086, 0.1), 50);
    return [Math.log(k), Math.log(m / Math.exp(gammaln(1 + 1 / k)))];
  },
  logPdf: (x, [logShape, logScale]) => {
    const k = Math.exp(logShape);
    const r = Math.log(x) - logScale;
    return logShape - logScale + (k - 1) * r - Math.exp(k * r);
  },
  logCdf: (x, theta) => log1mExp(weibull.logSurvival(x, theta)),
  logSurvival: (x, [logShape, logScale]) =>
    x <= 0 ? 0 : -Math.exp(Math.exp(logShape) * (Math.log(x) - logScale)),
  spec: ([logShape, logScale]) => ({
    dist: "weibull",
    shape: Math.exp(logShape),
    scale: Math.exp(logScale),
  }),
};

/** The scenario's normal is truncated at 0, so its density is renormalised by P(X >= 0). */
const normal: Family = {
  name: "normal",
  parameterCount: 2,
  positiveOnly: false,
  start: (values) => {
    const { m, v } = moments(values);
    return [m, 0.5 * Math.log(v)];
  },
  logPdf: (x, [m, logSd]) => {
    const s = Math.exp(logSd);
    const z = (x - m) / s;
    return -0.5 * z * z - logSd - LOG_SQRT_2PI - logNormalSurvival(-m / s);
  },
  logPdfTotal: (s, [m, logSd]) => {
    const squares = s.x2 - 2 * m * s.x + s.n * m * m;
    const sd = Math.exp(logSd);
    return (
      -0.5 * squares * Math.exp(-2 * logSd) -
      s.n * (logSd + LOG_SQRT_2PI + logNormalSurvival(-m / sd))
    );
  },
  logCdf: (x, theta) => log1mExp(normal.logSurvival(x, theta)),
  logSurvival: (x, [m, logSd]) => {
    const s = Math.exp(logSd);
    return x <= 0 ? 0 : logNormalSurvival((x - m) / s) - logNormalSurvival(-m / s);
  },
  spec: ([m, logSd]) => ({ dist: "normal", mean: m, sd: Math.exp(logSd) }),
};

/** Every candidate family, in the order the summary lists them. */
export const FAMILIES: readonly Family[] = [exponential, lognormal, gamma, weibull, normal];

/** The family called `name`. */
export function family(name: FamilyName): Family {
  const f = FAMILIES.find((x) => x.name === name);
  if (f === undefined) throw new RangeError(`unknown family ${name}`);
  return f;
}
