import type { ResultDocument } from "../../result/result-document.js";
import { resultPacingName } from "../summary-text.js";

/** `default · guarded(binomial)`: the scenario and the pacing a result ran. */
export function resultLabel(doc: ResultDocument): string {
  return `${doc.scenario.name} · ${resultPacingName(doc)}`;
}

/**
 * One label per result, unique so that no two bars or points share a place: results that
 * would share a label get the pacing settings that tell them apart (e.g. `level=2`), then
 * their seed, then their position.
 */
export function resultLabels(docs: readonly ResultDocument[]): string[] {
  const base = docs.map(resultLabel);
  return docs.map((doc, i) => {
    const peers = docs.filter((_, j) => base[j] === base[i]);
    if (peers.length === 1) return base[i];
    const settings = flatSettings(doc.pacing);
    const differing = Object.keys(settings).filter((key) =>
      peers.some((p) => flatSettings(p.pacing)[key] !== settings[key]),
    );
    if (differing.length > 0) {
      return `${base[i]} (${differing.map((k) => `${k}=${settings[k]}`).join(", ")})`;
    }
    if (peers.some((p) => p.seed !== doc.seed)) return `${base[i]} (seed ${doc.seed})`;
    return `${base[i]} (#${i + 1})`;
  });
}

// `{ level: 2, inner: { targetPercent: 3 } }` becomes `{ level: "2", "inner.targetPercent": "3" }`.
function flatSettings(value: object, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "algorithm") continue;
    if (v !== null && typeof v === "object")
      Object.assign(out, flatSettings(v, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = String(v);
  }
  return out;
}
