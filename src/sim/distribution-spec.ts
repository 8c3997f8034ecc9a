/** A distribution as written in a scenario, in seconds: `{ dist: exponential, mean: 15 }`. */
export type DistributionSpec =
  | { readonly dist: "fixed"; readonly value: number }
  | { readonly dist: "uniform"; readonly min: number; readonly max: number }
  | { readonly dist: "exponential"; readonly mean: number }
  /** Normal, truncated at 0 (negative draws are redrawn). */
  | { readonly dist: "normal"; readonly mean: number; readonly sd: number }
  /** Lognormal given the mean and standard deviation of the variable itself (not of its log). */
  | { readonly dist: "lognormal"; readonly mean: number; readonly sd: number }
  | { readonly dist: "gamma"; readonly shape: number; readonly scale: number }
  | { readonly dist: "weibull"; readonly shape: number; readonly scale: number }
  /** Resamples the observed values with equal weight. */
  | { readonly dist: "empirical"; readonly values: readonly number[] };
