import { mean, sampleStandardDeviation } from "simple-statistics";

// Two-sided 95% Student t quantiles (0.975) for 1..30 degrees of freedom.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The 0.975 quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${df}`);
  if (df <= 30) return T975[Math.floor(df) - 1];
  // Cornish-Fisher expansion around the normal quantile: within 1e-4 for df > 30.
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean of a sample with its standard deviation and a 95% t-interval for the mean. */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly ci95: readonly [number, number];
}

/** Mean and 95% confidence interval of the mean; a single value gets a zero-width interval. */
export function meanInterval(values: readonly number[]): MeanInterval {
  if (values.length === 0) throw new RangeError("no values to summarise");
  const m = mean(values as number[]);
  if (values.length === 1) return { n: 1, mean: m, sd: 0, ci95: [m, m] };
  const sd = sampleStandardDeviation(values as number[]);
  const half = (tQuantile975(values.length - 1) * sd) / Math.sqrt(values.length);
  return { n: values.length, mean: m, sd, ci95: [m - half, m + half] };
}
