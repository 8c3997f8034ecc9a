/**
 * The Kolmogorov–Smirnov statistic of a sample against a model CDF, and the critical value the
 * fit uses to accept a parametric family.
 */

/**
 * Asymptotic critical value of D·√n at the 1% level (Smirnov's 1.628). With parameters
 * estimated from the same sample the test is conservative: a family that is right passes more
 * often than 99% of the time, and a wrong one still fails once the sample is large.
 */
export const KS_CRITICAL_1_PERCENT = 1.628;

/** The largest D accepted for a sample of `n`. */
export function ksThreshold(n: number): number {
  return KS_CRITICAL_1_PERCENT / Math.sqrt(n);
}

/**
 * D = sup |F_n(x) - F(x)| for the sorted sample `sorted` against the model CDF `cdf`.
 *
 * @throws RangeError if the sample is empty.
 */
export function ksStatistic(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("ksStatistic: empty sample");
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}
