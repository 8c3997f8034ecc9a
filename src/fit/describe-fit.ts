/** One-line descriptions of a fit, for the scenario's comments and the text summary. */
import { fixed } from "../report/format-number.js";
import type { DistributionSpec } from "../sim/distribution-spec.js";
import type { DistributionFit } from "./fit-distribution.js";

/** A number to at most `digits` significant digits, for humans and for the written scenario. */
export function sig(x: number, digits = 6): number {
  return Number(x.toPrecision(digits));
}

/** A spec with its parameters to 6 significant digits (empirical values are already rounded). */
export function roundedSpec(spec: DistributionSpec): DistributionSpec {
  switch (spec.dist) {
    case "empirical":
      return spec;
    case "fixed":
      return { dist: "fixed", value: sig(spec.value) };
    case "uniform":
      return { dist: "uniform", min: sig(spec.min), max: sig(spec.max) };
    case "exponential":
      return { dist: "exponential", mean: sig(spec.mean) };
    case "normal":
    case "lognormal":
      return { dist: spec.dist, mean: sig(spec.mean), sd: sig(spec.sd) };
    default:
      return { dist: spec.dist, shape: sig(spec.shape), scale: sig(spec.scale) };
  }
}

/** `mean 150.2, sd 89.7`: a spec's parameters in words. */
export function specParameters(spec: DistributionSpec): string {
  const { dist: _, ...rest } = roundedSpec(spec) as DistributionSpec & Record<string, unknown>;
  if (spec.dist === "empirical") return `${spec.values.length} quantiles`;
  return Object.entries(rest)
    .map(([k, v]) => `${k} ${sig(v as number, 4)}`)
    .join(", ");
}

/**
 * `n 5234 (12 censored): lognormal mean 150, sd 90; KS 0.011 <= 0.022; AIC lognormal 61234.1,
 * gamma 61300.2, ...`.
 */
export function describeFit(fit: DistributionFit): string {
  const n = `n ${fit.n}${fit.censored > 0 ? ` (+${fit.censored} censored)` : ""}`;
  const chosen = `${fit.chosen} ${specParameters(fit.spec)}`;
  if (fit.chosen === "fixed") return `${n}: ${chosen} (every value the same)`;
  const ks = Number.isNaN(fit.ksThreshold)
    ? "KS not applicable (censored at varying points)"
    : fit.chosen === "empirical"
      ? `no family passed KS <= ${sig(fit.ksThreshold, 3)}`
      : `KS ${sig(fit.ks, 3)} <= ${sig(fit.ksThreshold, 3)}`;
  const aic =
    fit.candidates.length > 1
      ? `; AIC ${fit.candidates.map((c) => `${c.dist} ${fixed(c.aic, 1)}${Number.isNaN(c.ks) ? "" : ` (KS ${sig(c.ks, 3)})`}`).join(", ")}`
      : "";
  return `${n}: ${chosen}; ${ks}${aic}`;
}
