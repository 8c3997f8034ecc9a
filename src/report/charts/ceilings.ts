import type { ResultDocument } from "../../result/result-document.js";

/** A ceiling some results were held to, labelled with its denominator. */
export interface Ceiling {
  readonly per100: number;
  readonly label: string;
}

/** The distinct ceilings of the results' rule sets, lowest first (usually just one). */
export function ceilingsOf(docs: readonly ResultDocument[]): Ceiling[] {
  const byLabel = new Map<string, Ceiling>();
  for (const { rules } of docs) {
    const label = `ceiling: ${rules.ceilingPer100} per 100 ${rules.denominator}`;
    byLabel.set(label, { per100: rules.ceilingPer100, label });
  }
  return [...byLabel.values()].sort(
    (a, b) => a.per100 - b.per100 || a.label.localeCompare(b.label),
  );
}
