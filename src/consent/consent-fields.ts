/**
 * The text forms of a lead's consent data, as leads files write them (docs/scenario.md,
 * "Consent columns"). Each parser returns the value, or what was expected when the text is not
 * one, so the file reader can name the row and column.
 */
import { daysFromCivil } from "../calendar/local-time.js";
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type Consent,
  type ConsentChannel,
  type ConsentPurpose,
} from "./consent-record.js";

/** A parse result: the value, or what was expected instead. */
export type Parsed<T> = { readonly value: T } | { readonly expected: string };

export const DAY_EXPECTED = "a date YYYY-MM-DD";
export const CONSENTS_EXPECTED = `consents "purpose:channel:YYYY-MM-DD:source" separated by ";" (purpose one of ${CONSENT_PURPOSES.join(", ")}; channel one of ${CONSENT_CHANNELS.join(", ")})`;
export const REGISTER_STATUSES = ["listed", "not-listed"] as const;
export const REGISTER_EXPECTED = `a register status, one of ${REGISTER_STATUSES.join(", ")} (or empty: not listed)`;
const SOURCE_RE = /^[a-z0-9][a-z0-9._-]*$/i;
const SOURCE_EXPECTED = "a source name of letters, digits, dots, dashes or underscores";
export const SOURCES_EXPECTED = `sources separated by "|", each ${SOURCE_EXPECTED}`;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` as days since 1970-01-01; undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  const m = DATE_RE.exec(text.trim());
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return daysFromCivil(y, mo, d);
}

/** `marketing:operator:2026-03-01:web-form;...`; empty text is no consent. */
export function parseConsents(text: string): Parsed<Consent[]> {
  const consents: Consent[] = [];
  for (const entry of text.split(";")) {
    const trimmed = entry.trim();
    if (trimmed === "") continue;
    const parts = trimmed.split(":").map((p) => p.trim());
    if (parts.length !== 4) return { expected: CONSENTS_EXPECTED };
    const [purpose, channel, date, source] = parts;
    if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) {
      return { expected: `a consent purpose, one of ${CONSENT_PURPOSES.join(", ")}` };
    }
    if (!(CONSENT_CHANNELS as readonly string[]).includes(channel)) {
      return { expected: `a consent channel, one of ${CONSENT_CHANNELS.join(", ")}` };
    }
    const day = parseDay(date);
    if (day === undefined) return { expected: `a consent date: ${DAY_EXPECTED}` };
    if (!SOURCE_RE.test(source)) return { expected: `a consent source: ${SOURCE_EXPECTED}` };
    consents.push({
      purpose: purpose as ConsentPurpose,
      channel: channel as ConsentChannel,
      day,
      source,
    });
  }
  return { value: consents };
}

/** `customer|public-web`; empty text is no source given. */
export function parseSources(text: string): Parsed<string[]> {
  const sources = text
    .split("|")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (!sources.every((s) => SOURCE_RE.test(s))) return { expected: SOURCES_EXPECTED };
  return { value: sources };
}

/**
 * The register columns: `listed` needs the date of registration; `not-listed` (or empty) takes
 * no date. Returns the day of registration or null.
 */
export function parseRegister(
  status: string,
  date: string,
): Parsed<number | null> & { readonly column?: "register_status" | "register_date" } {
  const s = status.trim();
  const d = date.trim();
  if (s === "" || s === "not-listed") {
    return d === ""
      ? { value: null }
      : { expected: "an empty register_date for a number not listed", column: "register_date" };
  }
  if (s !== "listed") return { expected: REGISTER_EXPECTED, column: "register_status" };
  const day = parseDay(d);
  if (day === undefined) {
    return {
      expected: `the date the number was listed: ${DAY_EXPECTED}`,
      column: "register_date",
    };
  }
  return { value: day };
}
