/**
 * Wilson score interval for a binomial proportion: `successes` of `n` trials, two-sided at
 * normal quantile `z` (1.96 for 95%). Well-behaved at 0 and n successes, unlike the normal
 * approximation.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
