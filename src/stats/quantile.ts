/**
 * The q-quantile (0..1) of `values` by the nearest-rank method (the smallest value with at
 * least q of the values at or below it), or null for no values.
 */
export function nearestRankQuantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}
