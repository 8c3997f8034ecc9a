/**
 * Random-variate samplers for the simulator, in the spirit of d3-random: each factory takes an
 * injected {@link Rng} (never `Math.random`), validates its parameters once, and returns a
 * {@link Sampler} closure. Samplers are called on the hot path, so a draw allocates nothing.
 */
import { DistributionParameterError } from "./distribution-error.js";
import type { DistributionSpec } from "./distribution-spec.js";
import type { Rng } from "./random.js";

/** Box–Muller's second value of a pair, kept for the next draw. */
interface Spare {
  value: number;
  waiting: boolean;
}

/**
 * Draws one value from a distribution. A normal-based sampler also keeps `spare`, the one
 * thing its draws depend on besides its stream's state (see {@link copySamplerState}).
 */
export type Sampler = (() => number) & { readonly spare?: Spare };

/**
 * Puts `to` (a sampler of the same spec on a copy of `from`'s stream) in `from`'s state, so
 * that both draw the same values from now on.
 */
export function copySamplerState(to: Sampler, from: Sampler): void {
  if (to.spare !== undefined && from.spare !== undefined) Object.assign(to.spare, from.spare);
}

const TWO_PI = 2 * Math.PI;
const INV_SQRT_2PI = 1 / Math.sqrt(TWO_PI);

/**
 * Smallest acceptable P(X >= 0) for the truncated normal. Below this, redrawing negatives would
 * need on average more than a million draws per sample, so the spec is almost certainly a mistake.
 */
const MIN_NORMAL_ACCEPTANCE = 1e-6;

// ---------------------------------------------------------------------------------------------
// Parameter checks. Every factory validates once, up front, so the samplers themselves stay
// branch-light and can trust their parameters: finite derived parameters, a finite mean, and
// no draw that could be NaN or Infinity. Each check names the spec's key to blame.

/**
 * The largest -ln(1 - U) for a double U < 1 (then 1 - U >= 2^-53): it bounds every
 * inverse-CDF draw below, and Box–Muller's radius is the square root of twice it.
 */
const MAX_EXPONENTIAL = 53 * Math.LN2;
/** The largest |Z| the standard normal source below can return. */
const MAX_STANDARD_NORMAL = Math.sqrt(2 * MAX_EXPONENTIAL);

function fail(dist: string, param: string, expected: string, value: unknown): never {
  throw new DistributionParameterError(dist, param, expected, value);
}

function requireFinite(dist: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) fail(dist, name, "a finite number", x);
}

function requirePositive(dist: string, name: string, x: number): void {
  requireFinite(dist, name, x);
  if (x <= 0) fail(dist, name, "a number > 0", x);
}

function requireNonNegative(dist: string, name: string, x: number): void {
  requireFinite(dist, name, x);
  if (x < 0) fail(dist, name, "a number >= 0", x);
}

/** `result`, derived from `value` and the other parameters, must not overflow. */
function requireFiniteResult(
  dist: string,
  param: string,
  value: unknown,
  result: number,
  what: string,
  noun = "a value",
): void {
  if (!Number.isFinite(result)) {
    fail(dist, param, `${noun} small enough that ${what} is a finite number`, value);
  }
}

function checkUniform(min: number, max: number): void {
  requireFinite("uniform", "min", min);
  requireFinite("uniform", "max", max);
  if (max < min) fail("uniform", "max", `a number >= min (${min})`, max);
  requireFiniteResult("uniform", "max", max, max - min, "max - min");
}

function checkExponential(mean: number): void {
  requirePositive("exponential", "mean", mean);
  requireFiniteResult("exponential", "mean", mean, mean * MAX_EXPONENTIAL, "every draw");
}

/**
 * Validates a truncated normal and returns a = -mean/sd (the standardized truncation point),
 * or NaN when sd = 0 (the distribution is the point `mean`).
 */
function checkTruncatedNormal(mean: number, sd: number): number {
  requireFinite("normal", "mean", mean);
  requireNonNegative("normal", "sd", sd);
  if (sd === 0) {
    if (mean < 0) fail("normal", "mean", "a number >= 0 when sd is 0 (truncated at 0)", mean);
    return Number.NaN;
  }
  const a = -mean / sd;
  if (upperTail(a) < MIN_NORMAL_ACCEPTANCE) {
    fail(
      "normal",
      "mean",
      `a mean leaving P(X >= 0) at least ${MIN_NORMAL_ACCEPTANCE} with sd ${sd} (the normal is truncated at 0 by redrawing: below that, almost every draw is redrawn)`,
      mean,
    );
  }
  // The largest draw bounds the truncated mean too.
  requireFiniteResult("normal", "sd", sd, mean + sd * MAX_STANDARD_NORMAL, "every draw");
  return a;
}

/** The mean of Normal(mean, sd) truncated at 0: mean + sd·φ(a)/(1 - Φ(a)), a = -mean/sd. */
function truncatedNormalMean(mean: number, sd: number, a: number): number {
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * a * a);
  return mean + (sd * pdf) / upperTail(a);
}

/** The lognormal's log-scale parameters, checked: mu, sigma and every draw finite. */
function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  requirePositive("lognormal", "mean", mean);
  requireNonNegative("lognormal", "sd", sd);
  const cv = sd / mean;
  const sigma2 = Math.log1p(cv * cv);
  if (!Number.isFinite(sigma2)) {
    fail(
      "lognormal",
      "sd",
      `an sd at most ${Math.sqrt(Number.MAX_VALUE).toPrecision(3)} times the mean (${mean}), so that ln(1 + (sd/mean)²) is a finite number`,
      sd,
    );
  }
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  requireFiniteResult(
    "lognormal",
    "mean",
    mean,
    Math.exp(mu + sigma * MAX_STANDARD_NORMAL),
    "every draw",
  );
  return { mu, sigma };
}

/** Marsaglia–Tsang's constants for a gamma shape (boosted by 1 below 1), checked. */
function gammaParameters(shape: number, scale: number): { d: number; c: number } {
  requirePositive("gamma", "shape", shape);
  requirePositive("gamma", "scale", scale);
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  // The largest draw bounds the mean (shape · scale) too.
  const largest = scale * (d * (1 + c * MAX_STANDARD_NORMAL) ** 3);
  requireFiniteResult("gamma", "scale", scale, largest, "every draw");
  return { d, c };
}

/** The Weibull's mean, checked, with every draw finite. */
function weibullMean(shape: number, scale: number): number {
  requirePositive("weibull", "shape", shape);
  requirePositive("weibull", "scale", scale);
  const power = MAX_EXPONENTIAL ** (1 / shape);
  const factor = gammaFunction(1 + 1 / shape);
  if (!Number.isFinite(power) || !Number.isFinite(factor)) {
    fail(
      "weibull",
      "shape",
      "a value large enough that every draw and the mean are finite numbers",
      shape,
    );
  }
  requireFiniteResult("weibull", "scale", scale, scale * power, "every draw");
  requireFiniteResult("weibull", "scale", scale, scale * factor, "the mean");
  return scale * factor;
}

/** The empirical distribution's mean, checked. */
function empiricalMean(values: readonly number[]): number {
  if (!Array.isArray(values) || values.length === 0) {
    fail("empirical", "values", "a non-empty list of numbers", values);
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    requireFinite("empirical", `values[${i}]`, values[i]);
    sum += values[i];
  }
  const mean = sum / values.length;
  requireFiniteResult("empirical", "values", values, mean, "their mean", "values");
  return mean;
}

// ---------------------------------------------------------------------------------------------
// Special functions.

/**
 * Complementary error function (also `pacelab fit`'s normal CDF), Numerical Recipes' Chebyshev
 * fit: relative error < 1.2e-7 everywhere. Relative (not just absolute) accuracy in the tail
 * matters here because the truncated-normal acceptance test compares tiny tail probabilities.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z >= z) for a standard normal Z. */
function upperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Lanczos approximation, g = 7, n = 9: ~15 significant digits for positive arguments.
const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** The gamma function Γ(z), via Lanczos with the reflection formula below 1/2. */
function gammaFunction(z: number): number {
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gammaFunction(1 - z));
  const x = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
  const t = x + LANCZOS_G + 0.5;
  // t^(x+1/2) in two halves, e^-t between them: finite as long as Γ(z) is (z < 171.6).
  const half = t ** ((x + 0.5) / 2);
  return Math.sqrt(TWO_PI) * half * (half * Math.exp(-t)) * sum;
}

// ---------------------------------------------------------------------------------------------
// Factories.

/**
 * A standard normal source via Box–Muller. The spare value is kept per sampler instance (not
 * in module state), so two samplers never steal each other's draws and runs stay reproducible.
 */
function standardNormal(rng: Rng): Sampler & { readonly spare: Spare } {
  const spare: Spare = { value: 0, waiting: false };
  const draw = (): number => {
    if (spare.waiting) {
      spare.waiting = false;
      return spare.value;
    }
    // log1p(-u) = ln(1 - u) with 1 - u in (0, 1]: finite even when rng() returns exactly 0.
    const r = Math.sqrt(-2 * Math.log1p(-rng()));
    const theta = TWO_PI * rng();
    spare.value = r * Math.sin(theta);
    spare.waiting = true;
    return r * Math.cos(theta);
  };
  return Object.assign(draw, { spare });
}

/**
 * Always returns `value`.
 *
 * @throws DistributionParameterError (a RangeError) if `value` is not finite.
 */
export function fixed(value: number): Sampler {
  requireFinite("fixed", "value", value);
  return () => value;
}

/**
 * Uniform on [min, max).
 *
 * @throws DistributionParameterError if a bound is not finite, `max < min`, or the width overflows.
 */
export function uniform(rng: Rng, min: number, max: number): Sampler {
  checkUniform(min, max);
  const width = max - min;
  return () => min + width * rng();
}

/**
 * Exponential with the given mean (rate 1/mean), by inverse CDF.
 *
 * @throws DistributionParameterError unless `mean` is > 0 and small enough for every draw to be finite.
 */
export function exponential(rng: Rng, mean: number): Sampler {
  checkExponential(mean);
  // log1p(-u) = log(1 - u): finite for u in [0, 1) and accurate for small u.
  return () => -mean * Math.log1p(-rng());
}

/**
 * Normal(mean, sd) truncated at 0: negative draws are redrawn, so values are >= 0. `mean` may be
 * negative as long as P(X >= 0) is at least 1e-6; `sd = 0` gives the point `mean`.
 *
 * @throws DistributionParameterError if a parameter is not finite, `sd < 0`, a draw or the mean could
 *   overflow, or the truncation would reject
 *   almost every draw.
 */
export function normal(rng: Rng, mean: number, sd: number): Sampler {
  if (Number.isNaN(checkTruncatedNormal(mean, sd))) return fixed(mean);
  const z = standardNormal(rng);
  const draw = () => {
    let x = mean + sd * z();
    while (x < 0) x = mean + sd * z();
    return x;
  };
  return Object.assign(draw, { spare: z.spare });
}

/**
 * Lognormal parameterized by the mean and standard deviation of the variable itself (not of its
 * log). Internally sigma² = ln(1 + sd²/mean²) and mu = ln(mean) - sigma²/2, which makes
 * E[X] = mean and SD[X] = sd exactly. `sd = 0` gives the point `mean`.
 *
 * @throws DistributionParameterError unless `mean > 0` and `sd >= 0`, both finite, with sigma²
 *   and every draw finite.
 */
export function lognormal(rng: Rng, mean: number, sd: number): Sampler {
  const { mu, sigma } = lognormalParameters(mean, sd);
  if (sd === 0) return fixed(mean);
  const z = standardNormal(rng);
  return Object.assign(() => Math.exp(mu + sigma * z()), { spare: z.spare });
}

/**
 * Gamma(shape, scale) with mean shape·scale, by Marsaglia & Tsang (2000). For shape < 1 it
 * draws Gamma(shape + 1) and multiplies by U^(1/shape), since the squeeze needs shape >= 1.
 *
 * @throws DistributionParameterError unless `shape` and `scale` are finite and > 0 and no draw
 *   can overflow.
 */
export function gamma(rng: Rng, shape: number, scale: number): Sampler {
  const { d, c } = gammaParameters(shape, scale);
  const boosted = shape < 1;
  const invShape = 1 / shape;
  const z = standardNormal(rng);
  const core = (): number => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = z();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng();
      const x2 = x * x;
      // Cheap squeeze first; the log test is only needed for ~2% of candidates.
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const draw = boosted ? () => scale * core() * rng() ** invShape : () => scale * core();
  return Object.assign(draw, { spare: z.spare });
}

/**
 * Weibull(shape, scale) by inverse CDF: scale · (-ln(1 - U))^(1/shape).
 *
 * @throws DistributionParameterError unless `shape` and `scale` are finite and > 0 and neither a
 *   draw nor the mean can overflow.
 */
export function weibull(rng: Rng, shape: number, scale: number): Sampler {
  weibullMean(shape, scale);
  const invShape = 1 / shape;
  return () => scale * (-Math.log1p(-rng())) ** invShape;
}

/**
 * Resamples the observed `values` uniformly (each entry, duplicates included, has weight 1/n).
 * The array is copied, so later changes to the caller's array do not affect the sampler.
 *
 * @throws DistributionParameterError if `values` is empty, holds a non-finite number, or their
 *   mean overflows.
 */
export function empirical(rng: Rng, values: readonly number[]): Sampler {
  empiricalMean(values);
  const data = Float64Array.from(values);
  const n = data.length;
  // rng() < 1, so the index is always < n.
  return () => data[Math.floor(rng() * n)];
}

/**
 * Builds the sampler described by a scenario's distribution spec.
 *
 * @throws DistributionParameterError if the spec's parameters are invalid; RangeError if its
 *   `dist` is unknown.
 */
export function sampler(spec: DistributionSpec, rng: Rng): Sampler {
  switch (spec.dist) {
    case "fixed":
      return fixed(spec.value);
    case "uniform":
      return uniform(rng, spec.min, spec.max);
    case "exponential":
      return exponential(rng, spec.mean);
    case "normal":
      return normal(rng, spec.mean, spec.sd);
    case "lognormal":
      return lognormal(rng, spec.mean, spec.sd);
    case "gamma":
      return gamma(rng, spec.shape, spec.scale);
    case "weibull":
      return weibull(rng, spec.shape, spec.scale);
    case "empirical":
      return empirical(rng, spec.values);
    default:
      return unknownDist(spec);
  }
}

/**
 * The exact mean of the distribution a spec describes (for the normal, the mean after
 * truncation at 0: mean + sd·φ(a)/(1 - Φ(a)) with a = -mean/sd).
 *
 * @throws RangeError on the same invalid parameters as {@link sampler}.
 */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.dist) {
    case "fixed":
      requireFinite("fixed", "value", spec.value);
      return spec.value;
    case "uniform":
      checkUniform(spec.min, spec.max);
      return (spec.min + spec.max) / 2;
    case "exponential":
      checkExponential(spec.mean);
      return spec.mean;
    case "normal": {
      const a = checkTruncatedNormal(spec.mean, spec.sd);
      return Number.isNaN(a) ? spec.mean : truncatedNormalMean(spec.mean, spec.sd, a);
    }
    case "lognormal":
      lognormalParameters(spec.mean, spec.sd);
      return spec.mean;
    case "gamma":
      gammaParameters(spec.shape, spec.scale);
      return spec.shape * spec.scale;
    case "weibull":
      return weibullMean(spec.shape, spec.scale);
    case "empirical":
      return empiricalMean(spec.values);
    default:
      return unknownDist(spec);
  }
}

/** Specs usually come from YAML, so an unknown `dist` is a runtime possibility despite the types. */
function unknownDist(spec: never): never {
  throw new RangeError(`unknown distribution: ${JSON.stringify(spec)}`);
}
