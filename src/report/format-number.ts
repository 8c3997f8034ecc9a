/**
 * Number formats for everything a person reads (terminal summaries, tables, report and
 * evidence pages): fixed and locale-independent, the same on every machine, so that a figure
 * reads alike wherever it appears.
 */

/** A count with thousands separators: `15,000`. */
export function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A figure with `digits` decimals; `n/a` for a ratio that is undefined. */
export function fixed(n: number | null, digits = 2): string {
  return n === null ? "n/a" : n.toFixed(digits);
}

/** A share (0..1) as a percentage: `84.8%`. */
export function percent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

/** A duration in seconds: `1.64 s`. */
export function seconds(x: number, digits = 2): string {
  return `${x.toFixed(digits)} s`;
}

/** A count and its noun, agreeing: `1 chart`, `3 charts`, `1,200 leads`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${count(n)} ${n === 1 ? noun : nouns}`;
}

/** A count and its noun with the verb agreeing: `1 point is`, `2 points are`. */
export function pluralIs(n: number, noun: string, nouns = `${noun}s`): string {
  return `${plural(n, noun, nouns)} ${n === 1 ? "is" : "are"}`;
}

/** A mean with its 95% interval, each formatted by `f`: `1.97 (1.81 to 2.14)`; `n/a` when missing. */
export function meanWithInterval(
  m: { readonly mean: number; readonly ci95: readonly [number, number] } | null,
  f: (x: number) => string,
): string {
  return m === null ? "n/a" : `${f(m.mean)} (${f(m.ci95[0])} to ${f(m.ci95[1])})`;
}
