/**
 * Zod building blocks shared by the YAML files pacelab reads (scenarios, rule sets): strict
 * mappings whose errors name their keys, numbers and choices that say in plain words what they
 * expect, times of day and calling-hour windows. Every leaf reports one "expected" phrase
 * whichever check fails; `fallbackExpected` words the issues a schema does not word itself.
 */
import * as z from "zod";
import type { DayWindow } from "../../calendar/calendar.js";

// ---------------------------------------------------------------------------------------------
// Building blocks. Each leaf schema reports one "expected" phrase whichever check fails.

export type Ctx = z.core.$RefinementCtx;

/** Runs a cross-field check only when the fields themselves passed, so a value is blamed once. */
export const ifClean = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

/** Records a problem; `expected` becomes the issue's message, `got` overrides the value shown. */
export function addIssue(
  ctx: Ctx,
  expected: string,
  input: unknown,
  path: PropertyKey[] = [],
  got?: string,
): void {
  ctx.addIssue({
    code: "custom",
    message: expected,
    input,
    path,
    ...(got === undefined ? {} : { params: { got } }),
  });
}

export interface NumberConstraints {
  readonly int?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly gt?: number;
  readonly lt?: number;
}

/** "an integer from 1 to 366", "a number > 0", ... */
export function describeNumber(c: NumberConstraints): string {
  const noun = c.int ? "an integer" : "a number";
  const lo = c.min !== undefined ? `>= ${c.min}` : c.gt !== undefined ? `> ${c.gt}` : undefined;
  const hi = c.max !== undefined ? `<= ${c.max}` : c.lt !== undefined ? `< ${c.lt}` : undefined;
  if (c.min !== undefined && c.max !== undefined) return `${noun} from ${c.min} to ${c.max}`;
  if (lo !== undefined && hi !== undefined) return `${noun} ${lo} and ${hi}`;
  if (lo !== undefined) return `${noun} ${lo}`;
  if (hi !== undefined) return `${noun} ${hi}`;
  return noun;
}

export function num(c: NumberConstraints = {}): z.ZodNumber {
  const error = describeNumber(c);
  let n = z.number({ error });
  if (c.int) n = n.int({ error });
  if (c.min !== undefined) n = n.min(c.min, { error });
  if (c.max !== undefined) n = n.max(c.max, { error });
  if (c.gt !== undefined) n = n.gt(c.gt, { error });
  if (c.lt !== undefined) n = n.lt(c.lt, { error });
  return n;
}

export const probability = num({ min: 0, max: 1 });
export const bool = z.boolean({ error: "true or false" });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, note = "") {
  return z.enum(values, { error: `one of ${values.join(", ")}${note}` });
}

/** A strict mapping whose errors name its keys. */
export function obj<T extends z.core.$ZodLooseShape>(
  shape: T,
  what?: string,
  unknownKeyHint?: string,
) {
  const keys = Object.keys(shape);
  const known = `a known key (one of ${keys.join(", ")})${unknownKeyHint ? `; ${unknownKeyHint}` : ""}`;
  const mapping = what ?? `a mapping with keys ${keys.join(", ")}`;
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? known : mapping),
  });
}

// ---------------------------------------------------------------------------------------------
// Dates and times of day.

const DATE_EXPECTED = "a date YYYY-MM-DD";
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, as a YAML string or a YAML timestamp; outputs `YYYY-MM-DD`. */
export const isoDate = z.unknown().transform((v, ctx): string => {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === "string") {
    const m = DATE_RE.exec(v.trim());
    if (m !== null) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
        return v.trim();
      }
    }
  }
  addIssue(ctx, DATE_EXPECTED, v);
  return z.NEVER;
});

const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/** "HH:MM" to seconds since midnight; "24:00" only where `allowEndOfDay`. */
export function parseTimeOfDay(text: string, allowEndOfDay = false): number | undefined {
  const m = TIME_RE.exec(text.trim());
  if (m === null) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h < 24) return h * 3600 + min * 60;
  if (h === 24 && min === 0 && allowEndOfDay) return 86_400;
  return undefined;
}

/** "HH:MM-HH:MM" to a window in seconds since midnight, end after start (end may be 24:00). */
export function parseTimeRange(text: string): DayWindow | undefined {
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const start = parseTimeOfDay(parts[0]);
  const end = parseTimeOfDay(parts[1], true);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start, end };
}

/** Seconds since midnight as "HH:MM". */
export function formatTimeOfDay(seconds: number): string {
  const m = Math.round(seconds / 60);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

const TIME_EXPECTED = 'a time of day "HH:MM" (00:00 to 23:59)';
const RANGE_EXPECTED = 'a time range "HH:MM-HH:MM" with the end after the start';

export const timeOfDay = z.string({ error: TIME_EXPECTED }).transform((s, ctx): number => {
  const t = parseTimeOfDay(s);
  if (t !== undefined) return t;
  addIssue(ctx, TIME_EXPECTED, s);
  return z.NEVER;
});

export const timeRange = z.string({ error: RANGE_EXPECTED }).transform((s, ctx): DayWindow => {
  const w = parseTimeRange(s);
  if (w !== undefined) return w;
  addIssue(ctx, RANGE_EXPECTED, s);
  return z.NEVER;
});

export const windowList = z
  .array(timeRange, { error: 'a list of time ranges "HH:MM-HH:MM" (empty: no calls)' })
  .superRefine((ws, ctx) => {
    for (let i = 1; i < ws.length; i++) {
      if (ws[i].start < ws[i - 1].end) {
        addIssue(
          ctx,
          `a range starting at or after ${formatTimeOfDay(ws[i - 1].end)} (ranges sorted and not overlapping)`,
          undefined,
          [i],
        );
      }
    }
  }, ifClean);

// ---------------------------------------------------------------------------------------------
// Fallback wording for any issue a schema above does not word itself.

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Plain-words "expected" phrase for a zod issue without a message of its own. */
export function fallbackExpected(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case "invalid_type":
      return article(String(iss.expected));
    case "invalid_value":
      return `one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `a value ${iss.inclusive ? ">=" : ">"} ${String(iss.minimum)}`;
    case "too_big":
      return `a value ${iss.inclusive ? "<=" : "<"} ${String(iss.maximum)}`;
    case "unrecognized_keys":
      return "no other keys";
    default:
      return "a valid value";
  }
}
