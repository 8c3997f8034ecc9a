/** Number formats of the report page: fixed, locale-independent, the same on every machine. */

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

/** A share as a percentage with one decimal: `84.3%`. */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A mean with its 95% interval, each formatted by `f`: `1.97 (1.81 to 2.14)`; `n/a` when missing. */
export function meanWithInterval(
  m: { readonly mean: number; readonly ci95: readonly [number, number] } | null,
  f: (x: number) => string,
): string {
  return m === null ? "n/a" : `${f(m.mean)} (${f(m.ci95[0])} to ${f(m.ci95[1])})`;
}
