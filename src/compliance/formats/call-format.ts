/**
 * A dialer's call-record format: how its rows map onto {@link CallRow}. Each format is one
 * file in this folder; `call-formats.ts` lists them. Readers are pure: they throw
 * {@link RowProblem} for a bad row and never skip one without saying why.
 */

import { TIMESTAMP_EXPECTED } from "../../calendar/local-time.js";
import type { CsvRecord } from "../../io/read/csv-fields.js";
import { type CallRow, RowProblem } from "../call-row.js";

export interface CallFormat {
  readonly name: string;
  /** Whether the first line of the file names the columns. */
  readonly hasHeader: boolean;
  /**
   * A reader for the rows, given the header's fields (null for a format without one). Throws
   * {@link RowProblem} when the header lacks a column the format needs.
   */
  reader(header: readonly string[] | null): RowReader;
}

/**
 * Fills `row` from one line's fields. Returns undefined for a call attempt, or the reason a
 * row is not one (e.g. `status INCALL`): the audit counts such rows by reason and reports them.
 */
export type RowReader = (record: CsvRecord, row: CallRow) => string | undefined;

/** Shows a field's value in a message. */
export function shown(value: string): string {
  if (value === "") return "an empty field";
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}

/** Field `i`, a required timestamp. */
export function requiredTime(record: CsvRecord, i: number, column: string): number {
  const t = record.time(i);
  if (Number.isNaN(t)) throw new RowProblem(column, TIMESTAMP_EXPECTED, shown(record.field(i)));
  return t;
}

/** Field `i`, a timestamp or nothing (NaN). */
export function optionalTime(record: CsvRecord, i: number, column: string): number {
  return record.isEmpty(i) ? Number.NaN : requiredTime(record, i, column);
}

/** Field `i`, not empty, trimmed. */
export function requiredText(record: CsvRecord, i: number, column: string, what: string): string {
  const v = record.field(i);
  const c0 = v.charCodeAt(0);
  const cn = v.charCodeAt(v.length - 1);
  // Trim only when there is something to trim: most fields have nothing.
  const t = c0 === 32 || c0 === 9 || cn === 32 || cn === 9 ? v.trim() : v;
  if (t === "") throw new RowProblem(column, what, "an empty field");
  return t;
}

/**
 * The code field `i` names among `words` (spaces around it ignored), or undefined: `codes[j]`
 * is the code of `words[j]`.
 */
export function wordCode<T>(
  record: CsvRecord,
  i: number,
  words: readonly string[],
  codes: readonly T[],
): T | undefined {
  const j = record.match(i, words);
  return j < 0 ? undefined : codes[j];
}

/** Index of each column a header must have (names compared trimmed and lower-case). */
export function headerColumns<const K extends string>(
  header: readonly string[],
  required: readonly K[],
): Record<K, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of required) {
    const i = names.indexOf(key);
    if (i < 0) missing.push(key);
    else if (names.indexOf(key, i + 1) >= 0) {
      throw new RowProblem("", `a header naming ${key} once`, `${key} twice`);
    } else index[key] = i;
  }
  if (missing.length > 0) {
    throw new RowProblem(
      "",
      `a header row naming ${required.join(", ")}`,
      `no ${missing.join(", ")} in ${header.length === 0 ? "an empty line" : header.map((h) => JSON.stringify(h)).join(",")}`,
    );
  }
  return index;
}

/** Index of an optional column, or -1. */
export function optionalColumn(header: readonly string[], name: string): number {
  return header.findIndex((h) => h.trim().toLowerCase() === name);
}
