/**
 * The special functions the fitted families' CDFs need: the regularized incomplete gamma
 * (gamma CDF) and the log of the standard normal's CDF and survival (truncated normal).
 */
import { gammaln } from "simple-statistics";
import { erfc } from "../sim/distributions.js";

const EPS = 1e-15;
const MAX_TERMS = 500;
const TINY = 1e-300;

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - gammaln(a));
}

/** Q(a, x) by Lentz's continued fraction; converges fast for x >= a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - gammaln(a)) * h;
}

/**
 * The regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a): the CDF at x of a gamma with
 * shape a and scale 1.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x);
}

/** The regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

/** ln Φ(z), the log CDF of a standard normal, accurate far into both tails. */
export function logNormalCdf(z: number): number {
  return Math.log(0.5 * erfc(-z / Math.SQRT2));
}

/** ln(1 - Φ(z)), the log survival of a standard normal. */
export function logNormalSurvival(z: number): number {
  return logNormalCdf(-z);
}
