/**
 * The knobs people turn most, read from and written back into the scenario's YAML (comments and
 * layout kept: the `yaml` package edits the document in place). A knob whose key the scenario
 * does not have in that form (agents in groups, say) is absent rather than guessed.
 */
import { type Document, isMap, parseDocument } from "yaml";
import { INNER_ALGORITHMS } from "../../../pacing/config.js";

/** A numeric knob: where it lives in the YAML and its slider's range. */
export interface NumberKnob {
  readonly id: string;
  readonly label: string;
  readonly path: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export const NUMBER_KNOBS: readonly NumberKnob[] = [
  { id: "agents", label: "Agents", path: ["agents", "count"], min: 1, max: 200, step: 1 },
  {
    id: "person",
    label: "Person answers (probability; no-answer takes up the difference)",
    path: ["outcomes", "person", "probability"],
    min: 0.01,
    max: 0.9,
    step: 0.01,
  },
  {
    id: "talk",
    label: "Talk mean (s)",
    path: ["agents", "talk", "mean"],
    min: 10,
    max: 900,
    step: 5,
  },
  {
    id: "wrapUp",
    label: "Wrap-up mean (s)",
    path: ["agents", "wrapUp", "mean"],
    min: 0,
    max: 300,
    step: 1,
  },
  {
    id: "cutoff",
    label: "Dialer cut-off (s)",
    path: ["dialer", "cutoffSeconds"],
    min: 0,
    max: 3,
    step: 0.5,
  },
  { id: "days", label: "Days", path: ["calendar", "days"], min: 1, max: 30, step: 1 },
];

export type InnerAlgorithm = (typeof INNER_ALGORITHMS)[number];

/** Each pacer's one setting people tune, with its slider's range and a starting value. */
export const PACING_SETTINGS: Readonly<
  Record<
    InnerAlgorithm,
    { key: string; min: number; max: number; step: number; start: number } | null
  >
> = {
  progressive: null,
  "vicidial-ratio": { key: "level", min: 1, max: 4, step: 0.1, start: 1.5 },
  "vicidial-adapt-hard-limit": { key: "maxLevel", min: 1, max: 4, step: 0.1, start: 3 },
  "vicidial-adapt-tapered": { key: "maxLevel", min: 1, max: 4, step: 0.1, start: 3 },
  "vicidial-adapt-average": { key: "maxLevel", min: 1, max: 4, step: 0.1, start: 3 },
  "lines-per-agent": { key: "targetPercent", min: 0.5, max: 6, step: 0.1, start: 3 },
  "agents-about-to-free": { key: "threshold", min: 0.5, max: 1, step: 0.01, start: 0.97 },
  binomial: { key: "targetPercent", min: 0.5, max: 6, step: 0.1, start: 3 },
  lookahead: { key: "confidence", min: 0.5, max: 0.99, step: 0.01, start: 0.95 },
};

/** The pacing as the knobs show it: the pacer, whether the guard wraps it, its setting. */
export interface PacingKnob {
  readonly algorithm: InnerAlgorithm;
  readonly guarded: boolean;
  /** The pacer's setting as written, or undefined when the scenario leaves its default. */
  readonly setting: number | undefined;
}

/** The knobs' values in a scenario's text: undefined for the ones it does not have. */
export interface KnobValues {
  readonly numbers: Readonly<Record<string, number | undefined>>;
  readonly pacing: PacingKnob | undefined;
}

function parse(text: string): Document | null {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && isMap(doc.contents) ? doc : null;
}

/** The knobs' values, or null when the text is not a YAML mapping. */
export function readKnobs(text: string): KnobValues | null {
  const doc = parse(text);
  if (doc === null) return null;
  const numbers: Record<string, number | undefined> = {};
  for (const knob of NUMBER_KNOBS) {
    const value = doc.getIn(knob.path);
    numbers[knob.id] = typeof value === "number" ? value : undefined;
  }
  return { numbers, pacing: readPacing(doc) };
}

function readPacing(doc: Document): PacingKnob | undefined {
  const outer = doc.getIn(["pacing", "algorithm"]);
  const guarded = outer === "guarded";
  const path = guarded ? ["pacing", "inner"] : ["pacing"];
  const algorithm = doc.getIn([...path, "algorithm"]);
  if (!(INNER_ALGORITHMS as readonly unknown[]).includes(algorithm)) return undefined;
  const inner = algorithm as InnerAlgorithm;
  const key = PACING_SETTINGS[inner]?.key;
  const setting = key === undefined ? undefined : doc.getIn([...path, key]);
  return { algorithm: inner, guarded, setting: typeof setting === "number" ? setting : undefined };
}

/** The text with a numeric knob set; the person knob moves no-answer the other way. */
export function writeNumberKnob(text: string, knob: NumberKnob, value: number): string {
  const doc = parse(text);
  if (doc === null) return text;
  if (knob.id === "person") {
    const before = doc.getIn(knob.path);
    const noAnswer = doc.getIn(["outcomes", "noAnswer", "probability"]);
    if (typeof before === "number" && typeof noAnswer === "number") {
      // Keep the outcome probabilities summing to 1; rounding keeps the YAML readable.
      const moved = Math.round((noAnswer - (value - before)) * 1e6) / 1e6;
      doc.setIn(["outcomes", "noAnswer", "probability"], moved);
    }
  }
  doc.setIn(knob.path, value);
  return String(doc);
}

/** The text with the pacing set: a new pacer replaces the block, a new setting only its key. */
export function writePacing(text: string, pacing: PacingKnob): string {
  const doc = parse(text);
  if (doc === null) return text;
  const was = readPacing(doc);
  const setting = PACING_SETTINGS[pacing.algorithm];
  if (was?.algorithm === pacing.algorithm && was.guarded === pacing.guarded) {
    if (setting !== null && pacing.setting !== undefined) {
      const path = pacing.guarded ? ["pacing", "inner", setting.key] : ["pacing", setting.key];
      doc.setIn(path, pacing.setting);
    }
    return String(doc);
  }
  const inner: Record<string, unknown> = { algorithm: pacing.algorithm };
  if (setting !== null) inner[setting.key] = pacing.setting ?? setting.start;
  doc.setIn(["pacing"], pacing.guarded ? { algorithm: "guarded", inner } : inner);
  return String(doc);
}
