/**
 * Fits one continuous quantity (a ring time, talk time, patience): every candidate family by
 * maximum likelihood, honouring right-censored values and truncation, compared by AIC; the best
 * family whose KS statistic passes is chosen, otherwise the quantity is written as `empirical`
 * quantiles of the sample.
 */
import { quantileSorted } from "simple-statistics";
import type { DistributionSpec } from "../sim/distribution-spec.js";
import { sampler } from "../sim/distributions.js";
import { FAMILIES, type Family, type FamilyName, type SampleSums, sampleSums } from "./families.js";
import { ksStatistic, ksThreshold } from "./goodness-of-fit.js";
import { minimize } from "./nelder-mead.js";

/** A sample of one quantity, as the records show it. */
export interface Observations {
  /** Values seen exactly. */
  readonly values: readonly number[];
  /** Right-censored values: the quantity was at least this (e.g. still ringing at the timeout). */
  readonly censored: readonly number[];
  /**
   * Values at or above this are never recorded as this quantity (a person answering after the
   * dialer's timeout is logged as a no-answer): the sample is truncated there. Infinity: not.
   */
  readonly truncatedAbove: number;
}

/** One family's maximum-likelihood fit. */
export interface CandidateFit {
  readonly dist: FamilyName;
  readonly spec: DistributionSpec;
  readonly logLikelihood: number;
  readonly aic: number;
  /** KS statistic of the exact values (NaN when censoring makes it inapplicable). */
  readonly ks: number;
  readonly passes: boolean;
  /** Whether the estimate came from a closed form (else from the numeric optimiser). */
  readonly closedForm: boolean;
}

export interface DistributionFit {
  /** Exact values. */
  readonly n: number;
  readonly censored: number;
  /** `fixed`, `empirical`, or the chosen family's name. */
  readonly chosen: string;
  readonly spec: DistributionSpec;
  /** KS of the chosen distribution (NaN for empirical and fixed). */
  readonly ks: number;
  /** The largest KS accepted (NaN when not applicable). */
  readonly ksThreshold: number;
  /** Families by AIC, best first. */
  readonly candidates: readonly CandidateFit[];
}

export interface FitOptions {
  /** Families to try (default: all). */
  readonly families?: readonly FamilyName[];
  /** Quantiles written for an empirical fallback. */
  readonly quantiles?: number;
}

const DEFAULT_QUANTILES = 100;

const sumsCache = new WeakMap<readonly number[], SampleSums>();

/** The sums of a sample, computed once per array (samples are not changed once collected). */
function sumsOf(values: readonly number[]): SampleSums {
  let sums = sumsCache.get(values);
  if (sums === undefined) {
    sums = sampleSums(values);
    sumsCache.set(values, sums);
  }
  return sums;
}

/** Log-likelihood of `theta` for the observations, truncation and censoring included. */
export function logLikelihood(f: Family, theta: readonly number[], obs: Observations): number {
  let ll = 0;
  if (f.logPdfTotal !== undefined) ll = f.logPdfTotal(sumsOf(obs.values), theta);
  else for (const x of obs.values) ll += f.logPdf(x, theta);
  for (const c of obs.censored) ll += f.logSurvival(c, theta);
  if (Number.isFinite(obs.truncatedAbove)) {
    ll -= (obs.values.length + obs.censored.length) * f.logCdf(obs.truncatedAbove, theta);
  }
  return ll;
}

/**
 * Most observations the numeric optimiser sees. Its likelihood is evaluated a few hundred times,
 * each over every observation: on millions of records that was most of `fit`'s time, while the
 * estimate from this many moves by well under a percent (its standard error).
 */
export const OPTIMISER_SAMPLE = 50_000;

/**
 * At most {@link OPTIMISER_SAMPLE} of the observations, for the optimiser: every k-th exact and
 * every k-th censored value in record order (a systematic sample, spread over the whole period),
 * with the same truncation. The observations themselves when they are few enough.
 */
export function optimiserSample(obs: Observations): Observations {
  const total = obs.values.length + obs.censored.length;
  if (total <= OPTIMISER_SAMPLE) return obs;
  const stride = Math.ceil(total / OPTIMISER_SAMPLE);
  const everyKth = (xs: readonly number[]) => xs.filter((_, i) => i % stride === 0);
  return {
    values: everyKth(obs.values),
    censored: everyKth(obs.censored),
    truncatedAbove: obs.truncatedAbove,
  };
}

/**
 * The maximum-likelihood θ of family `f`: the closed form when the sample is fully observed
 * (or, for the exponential, right-censored without truncation), else Nelder–Mead from the
 * method-of-moments start, over the {@link optimiserSample}. Returns undefined if the
 * likelihood is not finite there.
 */
export function maximumLikelihood(
  f: Family,
  obs: Observations,
): { theta: readonly number[]; closedForm: boolean } | undefined {
  const untruncated = !Number.isFinite(obs.truncatedAbove);
  if (untruncated && f.name === "exponential" && obs.values.length > 0) {
    // Total time at risk over events: the exponential's MLE with right-censoring.
    let exposure = 0;
    for (const x of obs.values) exposure += x;
    for (const c of obs.censored) exposure += c;
    return { theta: [Math.log(exposure / obs.values.length)], closedForm: true };
  }
  if (untruncated && obs.censored.length === 0 && f.closedForm !== undefined) {
    return { theta: f.closedForm(obs.values), closedForm: true };
  }
  const sample = optimiserSample(obs);
  const nll = (theta: readonly number[]) => -logLikelihood(f, theta, sample);
  try {
    return { theta: minimize(nll, f.start(sample.values)).x, closedForm: false };
  } catch {
    return undefined;
  }
}

/**
 * The point up to which the exact values are a sample of the model conditioned on being below
 * it: the truncation point, or the one censoring point when every censored value shares it.
 * Undefined when censoring happens at varying points (KS does not apply).
 */
function ksUpper(obs: Observations): number | undefined {
  if (Number.isFinite(obs.truncatedAbove)) return obs.truncatedAbove;
  if (obs.censored.length === 0) return Number.POSITIVE_INFINITY;
  const c = obs.censored[0];
  return obs.censored.every((x) => x === c) ? c : undefined;
}

/**
 * Fits the observations: each family by maximum likelihood, the lowest AIC among those whose
 * KS statistic is below the 1% critical value wins; none passing gives `empirical` quantiles,
 * and a sample of one repeated value gives `fixed`.
 *
 * @throws RangeError if there are no exact values.
 */
export function fitDistribution(obs: Observations, options: FitOptions = {}): DistributionFit {
  const n = obs.values.length;
  if (n === 0) throw new RangeError("fitDistribution: no exact values");
  const sorted = [...obs.values].sort((a, b) => a - b);
  const base = { n, censored: obs.censored.length };
  if (sorted[n - 1] - sorted[0] <= 1e-9 * Math.abs(sorted[n - 1]) && obs.censored.length === 0) {
    const spec: DistributionSpec = { dist: "fixed", value: sorted[0] };
    return { ...base, chosen: "fixed", spec, ks: 0, ksThreshold: ksThreshold(n), candidates: [] };
  }
  const upper = ksUpper(obs);
  const threshold = upper === undefined ? Number.NaN : ksThreshold(n);
  const names = options.families ?? FAMILIES.map((f) => f.name);
  const candidates: CandidateFit[] = [];
  for (const f of FAMILIES) {
    if (!names.includes(f.name)) continue;
    if (f.positiveOnly && sorted[0] <= 0) continue;
    const mle = maximumLikelihood(f, obs);
    if (mle === undefined) continue;
    const ll = logLikelihood(f, mle.theta, obs);
    const spec = f.spec(mle.theta);
    // E.g. a normal whose mean ran far below 0 to mimic a decreasing density: not samplable.
    if (!Number.isFinite(ll) || !samplable(spec)) continue;
    const ks = upper === undefined ? Number.NaN : ksOf(f, mle.theta, sorted, upper);
    candidates.push({
      dist: f.name,
      spec,
      logLikelihood: ll,
      aic: 2 * f.parameterCount - 2 * ll,
      ks,
      passes: upper === undefined || ks <= threshold,
      closedForm: mle.closedForm,
    });
  }
  candidates.sort((a, b) => a.aic - b.aic);
  const winner = candidates.find((c) => c.passes);
  if (winner !== undefined) {
    return {
      ...base,
      chosen: winner.dist,
      spec: winner.spec,
      ks: winner.ks,
      ksThreshold: threshold,
      candidates,
    };
  }
  // Censored values all at one point are values at that point (the simulator clamps there too).
  const all =
    upper === undefined || obs.censored.length === 0
      ? sorted
      : [...sorted, ...obs.censored].sort((a, b) => a - b);
  const spec = empiricalQuantiles(all, options.quantiles ?? DEFAULT_QUANTILES);
  return { ...base, chosen: "empirical", spec, ks: Number.NaN, ksThreshold: threshold, candidates };
}

/** Whether the simulator accepts the spec's parameters (its sampler factory checks them). */
function samplable(spec: DistributionSpec): boolean {
  try {
    sampler(spec, () => 0.5);
    return true;
  } catch {
    return false;
  }
}

/** KS of the sorted exact values against the family conditioned on being below `upper`. */
function ksOf(
  f: Family,
  theta: readonly number[],
  sorted: readonly number[],
  upper: number,
): number {
  const logNorm = Number.isFinite(upper) ? f.logCdf(upper, theta) : 0;
  return ksStatistic(sorted, (x) => Math.exp(f.logCdf(x, theta) - logNorm));
}

/**
 * `count` equally spaced quantiles (at (i + 1/2)/count) of a sorted sample, to the millisecond:
 * an empirical distribution that stays small however large the sample.
 */
export function empiricalQuantiles(sorted: readonly number[], count: number): DistributionSpec {
  const k = Math.min(count, sorted.length);
  const values: number[] = [];
  for (let i = 0; i < k; i++) {
    values.push(Math.round(quantileSorted(sorted as number[], (i + 0.5) / k) * 1000) / 1000);
  }
  return { dist: "empirical", values };
}
