import type { ResultDocument } from "../../result/result-document.js";
import { count, fixed } from "../format-number.js";

/** One rule checked against a result, in plain words. */
export interface Verdict {
  /** Short name of the rule, e.g. `Silent calls`. */
  readonly rule: string;
  /** The finding, e.g. `Silent calls: 1.97 per 100 connected, under the ceiling of 3 — compliant`. */
  readonly text: string;
  readonly compliant: boolean;
}

/** Tolerance for a hold "at" the cut-off: holds are measured in floating-point seconds. */
const EPSILON = 1e-9;

const verdictWord = (ok: boolean) => (ok ? "compliant" : "not compliant");

/**
 * The result against each rule of its rule set: the silent-call ceiling, the cut-off and the
 * lock-out. Figures are the first replication's (the campaign the result reports); with
 * several replications the ceiling verdict also counts every replication over it.
 */
export function verdicts(doc: ResultDocument): Verdict[] {
  const c = doc.campaign;
  const r = doc.rules;
  const inFirst = doc.replications > 1 ? ` in replication 1 (seed ${doc.seed})` : "";
  return [
    silentVerdict(doc, inFirst),
    holdVerdict(c.maxSilentHoldSeconds, r.cutoffLimitSeconds, inFirst),
    recontactVerdict(c.recontactViolations, r.lockoutDays, inFirst),
  ];
}

function silentVerdict(doc: ResultDocument, inFirst: string): Verdict {
  const rule = "Silent calls";
  const { ratio, per100, denominator, within } = doc.campaign.ceiling;
  let text: string;
  if (ratio === null) {
    text = `Silent calls: ${count(doc.campaign.silent)} with nobody connected, so no ratio${inFirst}; over any ceiling`;
  } else {
    const relation = ratio < per100 ? "under" : ratio === per100 ? "at" : "over";
    text = `Silent calls: ${fixed(ratio)} per 100 ${denominator}${inFirst}, ${relation} the ceiling of ${per100}`;
  }
  const across = doc.acrossReplications;
  if (across) {
    const n = doc.replications;
    const metric =
      denominator === "connected"
        ? across.metrics.silentPer100Connected
        : across.metrics.silentPer100Answered;
    const spread =
      metric === null
        ? ""
        : `a mean of ${fixed(metric.mean)} (95% confidence interval ${fixed(metric.ci95[0])} to ${fixed(metric.ci95[1])}) over all ${n} replications, `;
    const over = across.overCeiling === 0 ? "none" : `${across.overCeiling} of ${n}`;
    text += `; ${spread}${over} over the ceiling`;
    // Replication 1 is among those counted, so this also covers it ending over the ceiling.
    if (across.overCeiling > 0) {
      const verdict = `not compliant in ${across.overCeiling} of ${n} replications`;
      return { rule, text: `${text} — ${verdict}`, compliant: false };
    }
  }
  return { rule, text: `${text} — ${verdictWord(within)}`, compliant: within };
}

// Judged against the rule's limit: a dialer's shorter cut-off is its own choice, not the rule.
function holdVerdict(held: number, cutoffLimit: number, inFirst: string): Verdict {
  const compliant = held <= cutoffLimit + EPSILON;
  const relation = compliant ? "within" : "beyond";
  return {
    rule: "Cut-off",
    text: `Longest silent hold${inFirst}: ${fixed(held)} s, ${relation} the ${cutoffLimit} s cut-off — ${verdictWord(compliant)}`,
    compliant,
  };
}

function recontactVerdict(violations: number, lockoutDays: number, inFirst: string): Verdict {
  const compliant = violations === 0;
  return {
    rule: "Lock-out",
    text: `Recontacts inside the ${lockoutDays}-day lock-out or without an agent reserved${inFirst}: ${count(violations)} — ${verdictWord(compliant)}`,
    compliant,
  };
}
