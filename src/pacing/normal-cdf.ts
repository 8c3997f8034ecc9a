/**
 * P(Z <= z) for a standard normal Z: Zelen and Severo's polynomial (Abramowitz and Stegun
 * 26.2.17), absolute error under 7.5e-8. Here because `pacing/` imports nothing outside itself.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z);
  const t = 1 / (1 + 0.2316419 * x);
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = Math.exp(-0.5 * x * x) * 0.3989422804014327 * poly;
  return z >= 0 ? 1 - upper : upper;
}
