/**
 * Seeded, structured mutations for the CLI fuzz test: scenarios (YAML) and call-record files
 * (CSV) a user could plausibly write or export, spoiled in the ways files get spoiled: a value
 * of another type, sign or magnitude, a key deleted, duplicated or unknown, a line truncated or
 * repeated, rows out of order, garbage bytes.
 */
import { parse, stringify } from "yaml";
import type { Rng } from "../../src/sim/random.js";

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path in a parsed document, the root excluded. */
function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  return keys.flatMap((k) => {
    const p = [...prefix, k];
    return [p, ...paths((value as Record<string | number, Json>)[k], p)];
  });
}

function parentOf(doc: Json, path: Path): Record<string | number, Json> {
  let node = doc as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  return node;
}

const MAGNITUDES = [0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 2 ** 31, 1e-9, 0.5];
const OTHER_TYPES: Json[] = ["abc", "", true, null, [], {}, [1, 2], { dist: "x" }, "09:00"];

/** A value like `v` but wrong in one way. */
function spoil(rng: Rng, v: Json): Json {
  if (typeof v === "number") {
    switch (int(rng, 4)) {
      case 0:
        return -v;
      case 1:
        return v * pick(rng, [10, 0.1, 1e6, 1e-6]);
      case 2:
        return pick(rng, MAGNITUDES);
      default:
        return pick(rng, OTHER_TYPES);
    }
  }
  if (typeof v === "string") {
    return pick(rng, [
      v.slice(0, int(rng, v.length + 1)),
      `${v}x`,
      v.replace(/\d/g, "9"),
      "25:61",
      "2026-02-30",
      12,
      -1,
      true,
      null,
    ]);
  }
  if (Array.isArray(v)) return pick(rng, [[], [v[0]], [...v, ...v], "list", 3]);
  return pick(rng, OTHER_TYPES);
}

/** One structured mutation of a parsed document, in place. */
function mutateDocument(rng: Rng, doc: Json): void {
  const all = paths(doc);
  if (all.length === 0) return;
  const path = pick(rng, all);
  const parent = parentOf(doc, path);
  const key = path[path.length - 1];
  switch (int(rng, 5)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case 1:
      if (!Array.isArray(parent)) parent[pick(rng, ["extra", "mean", "dist", "count"])] = 1;
      return;
    case 2: {
      // Another node's value here: the right shape in the wrong place.
      const other = pick(rng, all);
      parent[key] = structuredClone(parentOf(doc, other)[other[other.length - 1]] ?? null);
      return;
    }
    default:
      parent[key] = spoil(rng, parent[key]);
  }
}

/** Text-level damage: a duplicated line (a duplicate key), a truncation, garbage bytes. */
function damageText(rng: Rng, text: string): string {
  const lines = text.split("\n");
  const at = int(rng, lines.length);
  switch (int(rng, 4)) {
    case 0:
      lines.splice(at, 0, lines[at]);
      return lines.join("\n");
    case 1:
      return text.slice(0, int(rng, text.length));
    case 2: {
      const pos = int(rng, text.length + 1);
      let junk = "";
      for (let i = 0; i < 1 + int(rng, 8); i++) junk += String.fromCharCode(int(rng, 0x3000));
      return text.slice(0, pos) + junk + text.slice(pos);
    }
    default:
      lines[at] = `  ${lines[at]}`; // indentation changes the structure
      return lines.join("\n");
  }
}

/**
 * One number changed in magnitude, kept of its type and sign: what most often still passes
 * validation and reaches the simulator (1e308 as a distribution's sd, a tiny scale, ...).
 */
function rescaleNumber(rng: Rng, doc: Json): void {
  const numeric = paths(doc).filter((p) => typeof parentOf(doc, p)[p[p.length - 1]] === "number");
  if (numeric.length === 0) return;
  const path = pick(rng, numeric);
  const parent = parentOf(doc, path);
  const key = path[path.length - 1];
  const v = parent[key] as number;
  parent[key] = pick(rng, [
    v * 10,
    v / 10,
    v * 1e6,
    v / 1e6,
    v * 1e300,
    v / 1e300,
    Math.round(v * 2),
    Math.sign(v) * 1e308,
    Math.sign(v) * 5e-324,
  ]);
}

/**
 * A scenario with one to three structured mutations, and sometimes damaged text; or, four
 * times in ten, with one or two numbers rescaled only.
 */
export function mutateScenario(rng: Rng, base: string): string {
  const doc = parse(base) as Json;
  if (rng() < 0.4) {
    for (let i = 0; i < 1 + int(rng, 2); i++) rescaleNumber(rng, doc);
    return stringify(doc);
  }
  const n = 1 + int(rng, 3);
  for (let i = 0; i < n; i++) mutateDocument(rng, doc);
  const text = stringify(doc);
  return rng() < 0.25 ? damageText(rng, text) : text;
}

const FIELD_VALUES = [
  "",
  " ",
  "-1",
  "1e308",
  "NaN",
  "person",
  "machine",
  "no-answer",
  "true",
  "9999-12-31T23:59:59.999",
  "1970-01-01T00:00:00",
  "2026-12-02T10:00:00.000",
  "2026-12-02 25:00:00",
  '"',
  '""',
  "Europe/Rome",
  "Mars/Olympus",
];

/** One structured mutation of a CSV file's lines, in place (line 0 is the header, if any). */
function mutateRows(rng: Rng, lines: string[]): void {
  const at = int(rng, lines.length);
  const fields = lines[at].split(",");
  switch (int(rng, 7)) {
    case 0: // a field's value of another type, sign or magnitude
      fields[int(rng, fields.length)] = pick(rng, FIELD_VALUES);
      lines[at] = fields.join(",");
      return;
    case 1: // a column deleted (on this line only, or in the header)
      fields.splice(int(rng, fields.length), 1);
      lines[at] = fields.join(",");
      return;
    case 2: // an exact duplicate row, here or later
      lines.splice(at + int(rng, lines.length - at + 1), 0, lines[at]);
      return;
    case 3: // a column named twice
      fields.push(fields[int(rng, fields.length)]);
      lines[at] = fields.join(",");
      return;
    case 4: // rows out of order
      lines.splice(at, 1);
      lines.splice(int(rng, lines.length + 1), 0, lines[at] ?? "");
      return;
    case 5: // truncated
      lines[at] = lines[at].slice(0, int(rng, lines[at].length));
      return;
    default: // the start of a number moved to another row's time (overlaps)
      lines[at] = lines[at].replace(/T\d\d/, `T${String(9 + int(rng, 12)).padStart(2, "0")}`);
  }
}

/** A call-record file with one to four structured mutations, and sometimes damaged text. */
export function mutateCallRecords(rng: Rng, base: string): string {
  const lines = base.replace(/\n$/, "").split("\n");
  const n = 1 + int(rng, 4);
  for (let i = 0; i < n; i++) mutateRows(rng, lines);
  const text = lines.join(pick(rng, ["\n", "\r\n"]));
  return rng() < 0.2 ? damageText(rng, text) : text;
}
