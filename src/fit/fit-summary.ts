/**
 * `pacelab fit`'s report: what was read, the outcome probabilities, and per quantity its sample
 * size, the chosen distribution, KS and every candidate's AIC; as a JSON document and as text.
 */

import type { CallRecordsRun } from "../compliance/audit-file.js";
import { percent } from "../report/format-number.js";
import { OUTCOMES } from "../scenario/scenario.js";
import type { CallSample } from "./call-sample.js";
import { describeFit, sig } from "./describe-fit.js";
import type { ScenarioFit } from "./fit-scenario.js";

export interface FitDocument {
  readonly mode: "fit";
  readonly calls: string;
  readonly format: string;
  readonly base: string;
  readonly out: string;
  readonly lines: number;
  readonly excluded: Readonly<Record<string, number>>;
  readonly outcomes: ScenarioFit["outcomes"];
  readonly quantities: ScenarioFit["quantities"];
}

/** The report as one JSON-ready document (NaN statistics become null in JSON). */
export function fitDocument(
  run: CallRecordsRun<CallSample>,
  fit: ScenarioFit,
  base: string,
  out: string,
): FitDocument {
  return {
    mode: "fit",
    calls: run.file,
    format: run.format,
    base,
    out,
    lines: run.lines,
    excluded: run.excluded,
    outcomes: fit.outcomes,
    quantities: fit.quantities,
  };
}

const pct = (p: number) => percent(p);

/** The report in words, one quantity per line. */
export function fitSummaryText(doc: FitDocument): string {
  const o = doc.outcomes;
  const excluded = Object.entries(doc.excluded).map(([why, n]) => `${n} ${why}`);
  const mix = (p: Record<string, number>) => OUTCOMES.map((k) => `${k} ${pct(p[k])}`).join(", ");
  const lines = [
    `fitted ${o.attempts} call attempts from ${doc.calls} (${doc.format})${excluded.length > 0 ? `; not read as attempts: ${excluded.join(", ")}` : ""}`,
    `wrote ${doc.out} (base ${doc.base})`,
    "",
    `outcomes: ${mix(o.probabilities)}`,
    `  no-answer timeout ${sig(o.timeoutSeconds, 4)} s (${o.timeoutSource === "records" ? "median ring of no-answers" : "the base's"}); answers lost to it: person ${pct(o.lostToTimeout.person)}, machine ${pct(o.lostToTimeout.machine)}`,
  ];
  for (const [hour, h] of Object.entries(o.byHour)) {
    lines.push(`  hour ${hour.padStart(2)} (${h.attempts}): ${mix(h.probabilities)}`);
  }
  if (o.pooledHours.length > 0) {
    lines.push(`  hours ${o.pooledHours.join(", ")}: too few attempts, the overall mix applies`);
  }
  lines.push("");
  for (const q of doc.quantities) {
    lines.push(q.fit === undefined ? `${q.key}: ${q.note}` : `${q.key}: ${describeFit(q.fit)}`);
  }
  return `${lines.join("\n")}\n`;
}
