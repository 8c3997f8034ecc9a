/**
 * A distribution-free confidence interval for the median of the population `values` were drawn
 * from: the order statistics x_(j) and x_(n+1-j) with the largest j for which
 * P(Binomial(n, 1/2) < j) <= (1 - level) / 2, so that the interval covers the median with
 * probability at least `level` whatever the distribution. Null when `values` are too few for
 * any such j (fewer than 6 at 95%): then no interval of them has that coverage.
 */
export function medianInterval(
  values: readonly number[],
  level = 0.95,
): readonly [number, number] | null {
  const n = values.length;
  const tail = (1 - level) / 2;
  // P(B <= i) for B ~ Binomial(n, 1/2), summed in log space (0.5^n underflows past n = 1074).
  let logPmf = n * Math.log(0.5);
  let below = 0; // P(B < j)
  let j = 0;
  while (j < n) {
    const next = below + Math.exp(logPmf);
    if (next > tail) break;
    below = next;
    logPmf += Math.log((n - j) / (j + 1));
    j++;
  }
  if (j === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[j - 1], sorted[n - j]];
}
