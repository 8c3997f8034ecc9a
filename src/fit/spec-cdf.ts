/**
 * P(X < x) for any distribution a scenario can name: how much of a ring-time distribution lies
 * before the dialer's timeout, to undo the timeout's truncation of the outcome counts.
 */
import type { DistributionSpec } from "../sim/distribution-spec.js";
import { type FamilyName, family } from "./families.js";

/**
 * The parameter vector θ of {@link family} `spec.dist` that stands for `spec` (the inverse of
 * `Family.spec`), or undefined for a kind that is not a fitted family.
 */
export function thetaOf(spec: DistributionSpec): { name: FamilyName; theta: number[] } | undefined {
  switch (spec.dist) {
    case "exponential":
      return { name: spec.dist, theta: [Math.log(spec.mean)] };
    case "lognormal": {
      const s2 = Math.log1p((spec.sd / spec.mean) ** 2);
      return { name: spec.dist, theta: [Math.log(spec.mean) - s2 / 2, 0.5 * Math.log(s2)] };
    }
    case "gamma":
    case "weibull":
      return { name: spec.dist, theta: [Math.log(spec.shape), Math.log(spec.scale)] };
    case "normal":
      return { name: spec.dist, theta: [spec.mean, Math.log(spec.sd)] };
    default:
      return undefined;
  }
}

/** P(X < x) under `spec` (a point mass at x counts as not below it). */
export function probabilityBelow(spec: DistributionSpec, x: number): number {
  switch (spec.dist) {
    case "fixed":
      return spec.value < x ? 1 : 0;
    case "uniform":
      if (spec.max === spec.min) return spec.min < x ? 1 : 0;
      return Math.min(1, Math.max(0, (x - spec.min) / (spec.max - spec.min)));
    case "empirical":
      return spec.values.filter((v) => v < x).length / spec.values.length;
    case "lognormal":
    case "normal":
      if (spec.sd === 0) return spec.mean < x ? 1 : 0;
      break;
    default:
      break;
  }
  const p = thetaOf(spec);
  if (p === undefined) throw new RangeError(`probabilityBelow: unknown ${JSON.stringify(spec)}`);
  return Math.exp(family(p.name).logCdf(x, p.theta));
}
