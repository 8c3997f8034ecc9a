/**
 * The fitted scenario as YAML: the base scenario's text with the fitted keys replaced, each
 * carrying a comment that says what it was fitted from, and a header saying what was kept.
 * Everything else (comments included) is the base's. Relative paths in the base (a leads file,
 * a rule-set file) are rewritten to stay right from the output's folder.
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { type Document, isMap, isScalar, parseDocument, type Scalar, type YAMLMap } from "yaml";
import { wrapLines } from "../report/charts/wrap-lines.js";
import type { Outcome as OutcomeName } from "../scenario/scenario.js";
import { OUTCOMES } from "../scenario/scenario.js";
import { describeFit, roundedSpec, sig } from "./describe-fit.js";
import type { FittedKey, ScenarioFit } from "./fit-scenario.js";

export interface FittedScenarioSource {
  /** The call records, as named on the command line. */
  readonly calls: string;
  readonly format: string;
  readonly baseText: string;
  readonly basePath: string;
  readonly outPath: string;
}

/** Comments are wrapped to this width (less the key's indentation). */
const COMMENT_WIDTH = 96;

const RING_KEYS: Partial<Record<OutcomeName, FittedKey>> = {
  person: "outcomes.person.ring",
  machine: "outcomes.machine.ring",
  busy: "outcomes.busy.ring",
  invalid: "outcomes.invalid.ring",
};

/** The fitted scenario's YAML text (not yet validated: the caller loads it before writing). */
export function fittedScenarioYaml(fit: ScenarioFit, source: FittedScenarioSource): string {
  const doc = parseDocument(source.baseText);
  rebasePaths(doc, source.basePath, source.outPath);
  const fitOf = (key: FittedKey) => fit.quantities.find((q) => q.key === key);
  const o = fit.outcomes;

  const outcomes: Record<string, unknown> = {};
  for (const name of OUTCOMES) {
    const entry: Record<string, unknown> = { probability: o.probabilities[name] };
    const ringKey = RING_KEYS[name];
    const fitted = ringKey === undefined ? undefined : fitOf(ringKey)?.fit;
    const baseRing = plain(doc.getIn(["outcomes", name, "ring"]));
    if (fitted !== undefined) entry.ring = roundedSpec(fitted.spec);
    else if (baseRing !== undefined) entry.ring = baseRing;
    outcomes[name] = entry;
  }
  const hours = Object.keys(o.byHour).map(Number);
  if (hours.length > 0) {
    outcomes.byHour = Object.fromEntries(hours.map((h) => [String(h), o.byHour[h].probabilities]));
  }
  doc.setIn(["outcomes"], doc.createNode(outcomes));
  flowEntries(doc.getIn(["outcomes"], true));
  comment(doc, ["outcomes"], outcomesComment(fit));
  for (const name of OUTCOMES) {
    const key = RING_KEYS[name];
    const q = key === undefined ? undefined : fitOf(key);
    if (q?.fit !== undefined)
      comment(doc, ["outcomes", name], `${name} ring: ${describeFit(q.fit)}; ${q.note}`);
  }
  if (hours.length > 0) {
    const lines = hours.map((h) => `${h}: ${o.byHour[h].attempts} attempts`);
    comment(doc, ["outcomes", "byHour"], `by hour of the call's start, ${lines.join("; ")}`);
  }

  for (const key of ["agents.talk", "callee.patience", "callee.machineMessage"] as const) {
    const q = fitOf(key);
    if (q?.fit === undefined) continue;
    const path = key.split(".");
    doc.setIn(path, doc.createNode(roundedSpec(q.fit.spec), { flow: true }));
    comment(doc, path, `fitted: ${describeFit(q.fit)}; ${q.note}`);
  }
  if (o.timeoutSource === "records") {
    doc.setIn(["dialer", "noAnswerTimeoutSeconds"], sig(o.timeoutSeconds));
    comment(
      doc,
      ["dialer", "noAnswerTimeoutSeconds"],
      "from the records: the median ring of no-answer attempts",
    );
  }
  const baseName = plain(doc.get("name"));
  doc.set("name", `${typeof baseName === "string" ? baseName : "scenario"}-fitted`);
  doc.set("description", `fitted by pacelab fit from ${source.calls} (${source.format})`);
  doc.commentBefore = wrapLines(header(fit, source).split("\n"), COMMENT_WIDTH)
    .map((line) => ` ${line}`)
    .join("\n");
  // No folding: an empirical distribution's 100 values stay on one line instead of 100.
  return doc.toString({ lineWidth: 0 });
}

function header(fit: ScenarioFit, source: FittedScenarioSource): string {
  const kept = fit.quantities
    .filter((q) => q.fit === undefined)
    .map((q) => `- ${q.key}: ${q.note.replace(/^kept from the base: /, "")}`);
  return [
    `Fitted by \`pacelab fit\` from ${source.calls} (format ${source.format}, ${fit.outcomes.attempts} attempts) on the base scenario ${source.basePath}. Fitted where the records allow (see each key's comment): outcome probabilities (by hour of day), ring times, talk, callee patience and machine message. Kept from the base: calendar, rules, agents (teams, shifts, breaks), leads, dialer (except a no-answer timeout seen in the records), retries, pacing, intervalMinutes. The base's own comments follow.`,
    ...(kept.length > 0 ? ["Not fitted (the base's value is kept):", ...kept] : []),
  ].join("\n");
}

function outcomesComment(fit: ScenarioFit): string {
  const o = fit.outcomes;
  const lost = `P(ring >= ${sig(o.timeoutSeconds, 4)} s timeout): person ${sig(o.lostToTimeout.person, 3)}, machine ${sig(o.lostToTimeout.machine, 3)}`;
  const pooled =
    o.pooledHours.length > 0
      ? `; hours ${o.pooledHours.join(", ")} have too few attempts for their own probabilities`
      : "";
  return `fitted from ${o.attempts} attempts: shares of each outcome, person and machine divided by P(ring < timeout) since later answers are logged as no-answers (${lost})${pooled}`;
}

/** Puts `text` as a comment before the key at `path` (which must exist). */
function comment(doc: Document, path: readonly string[], text: string): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const last = path[path.length - 1];
  const pair = (parent as YAMLMap).items.find(
    (p) => (isScalar(p.key) ? p.key.value : p.key) === last,
  );
  if (pair === undefined) return;
  (parent as YAMLMap).flow = false; // a comment inside { ... } would be unreadable
  if (!isScalar(pair.key)) pair.key = doc.createNode(last) as Scalar;
  const width = COMMENT_WIDTH - 2 * (path.length - 1);
  (pair.key as Scalar).commentBefore = wrapLines(text.split("\n"), width)
    .map((line) => ` ${line}`)
    .join("\n");
}

/** Writes each outcome's entry, and each hour's probabilities, on one line as the base does. */
function flowEntries(outcomes: unknown): void {
  if (!isMap(outcomes)) return;
  for (const pair of outcomes.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    const entries =
      key === "byHour" && isMap(pair.value) ? pair.value.items.map((p) => p.value) : [pair.value];
    for (const entry of entries) if (isMap(entry)) entry.flow = true;
  }
}

function plain(value: unknown): unknown {
  return value !== null && typeof value === "object" && "toJSON" in value
    ? (value as { toJSON(): unknown }).toJSON()
    : value;
}

/** A relative leads or rule-set path in the base, made relative to the output's folder. */
function rebasePaths(doc: Document, basePath: string, outPath: string): void {
  const rebase = (path: readonly string[]) => {
    const value = plain(doc.getIn(path));
    if (typeof value !== "string" || isAbsolute(value)) return;
    const target = resolve(dirname(basePath), value);
    doc.setIn(path, relative(dirname(resolve(outPath)), target) || ".");
  };
  rebase(["leads", "file"]);
  const rules = plain(doc.get("rules"));
  if (typeof rules === "string" && /\.ya?ml$/i.test(rules.trim())) rebase(["rules"]);
  else rebase(["rules", "file"]);
}
