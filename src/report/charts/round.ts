/** Rounds chart data so that specs stay small and readable; far finer than any chart shows. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
