/**
 * Local timestamps as call records write them (`2026-12-01T09:00:03.250`, or with a space for
 * the `T`), read as whole microseconds on a clock without time zones or daylight saving: the
 * times are taken exactly as written. Integers keep every comparison exact (a hold of 3.000 s
 * is not over a 3 s cut-off; 3.001 s is), and microseconds since 1970 stay below 2^53.
 */

/** Microseconds in a second and in a day. */
export const SECOND_US = 1_000_000;
export const DAY_US = 86_400 * SECOND_US;

export const TIMESTAMP_EXPECTED =
  "a local timestamp YYYY-MM-DDTHH:MM:SS with optional fraction (up to 6 digits), no time zone";

const ZERO = 48;

/** The digit at `i`, or a value above 9 for anything else (unsigned compare). */
const digit = (s: string, i: number): number => (s.charCodeAt(i) - ZERO) >>> 0;

/**
 * Parses a local timestamp to microseconds since 1970-01-01T00:00 on the same clock; NaN when
 * it is not one (see {@link TIMESTAMP_EXPECTED}).
 */
export function parseLocalTimestamp(s: string): number {
  return parseLocalTimestampAt(s, 0, s.length);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Microseconds per unit of the last fraction digit, by number of digits. */
const FRACTION_SCALE = [0, 100_000, 10_000, 1_000, 100, 10, 1];

// The last date parsed: rows come in time order, so most share their date with the one before.
let lastDateKey = -1;
let lastDays = 0;

/**
 * {@link parseLocalTimestamp} on `s.slice(from, to)`, without making the slice: an audit reads
 * four timestamps per row straight from the chunk of the file (no regular expressions, no
 * `Date`, no strings).
 */
export function parseLocalTimestampAt(s: string, from: number, to: number): number {
  const n = to - from;
  if (n < 19) return Number.NaN;
  const o = from;
  const sep = s.charCodeAt(o + 10);
  if (
    s.charCodeAt(o + 4) !== 45 || // -
    s.charCodeAt(o + 7) !== 45 ||
    (sep !== 84 && sep !== 32) || // T or space
    s.charCodeAt(o + 13) !== 58 || // :
    s.charCodeAt(o + 16) !== 58
  ) {
    return Number.NaN;
  }
  const y0 = digit(s, o);
  const y1 = digit(s, o + 1);
  const y2 = digit(s, o + 2);
  const y3 = digit(s, o + 3);
  const mo0 = digit(s, o + 5);
  const mo1 = digit(s, o + 6);
  const d0 = digit(s, o + 8);
  const d1 = digit(s, o + 9);
  const h0 = digit(s, o + 11);
  const h1 = digit(s, o + 12);
  const mi0 = digit(s, o + 14);
  const mi1 = digit(s, o + 15);
  const s0 = digit(s, o + 17);
  const s1 = digit(s, o + 18);
  if (
    y0 > 9 ||
    y1 > 9 ||
    y2 > 9 ||
    y3 > 9 ||
    mo0 > 9 ||
    mo1 > 9 ||
    d0 > 9 ||
    d1 > 9 ||
    h0 > 9 ||
    h1 > 9 ||
    mi0 > 9 ||
    mi1 > 9 ||
    s0 > 9 ||
    s1 > 9
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const dateKey = year * 10_000 + month * 100 + day;
  if (dateKey !== lastDateKey) {
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return Number.NaN;
    }
    lastDays = daysFromCivil(year, month, day);
    lastDateKey = dateKey;
  }
  let micros = 0;
  if (n > 19) {
    const fraction = n - 20;
    if (s.charCodeAt(o + 19) !== 46 || fraction < 1 || fraction > 6) return Number.NaN; // .
    for (let i = o + 20; i < to; i++) {
      const d = digit(s, i);
      if (d > 9) return Number.NaN;
      micros = micros * 10 + d;
    }
    micros *= FRACTION_SCALE[fraction];
  }
  return ((lastDays * 24 + hour) * 60 + minute) * 60 * SECOND_US + second * SECOND_US + micros;
}

/** Formats microseconds as `YYYY-MM-DDTHH:MM:SS.mmm` (milliseconds, truncated). */
export function formatLocalTimestamp(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(0, 23);
}

/** The date `YYYY-MM-DD` of day number `day` (days since 1970-01-01). */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

// --- Time zones ----------------------------------------------------------------------------
// Wall clocks of different places, for calling hours read on the called party's clock. Zones
// are IANA names (`Europe/London`, `America/Chicago`), with daylight saving as the runtime's
// time-zone database has it. Offsets are looked up once per zone and quarter of an hour: every
// zone's offset is a whole number of quarter hours and changes on a quarter hour.

const QUARTER_HOUR = 900;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

export const TIME_ZONE_EXPECTED = "an IANA time zone such as Europe/Rome or America/New_York";

/** Whether `zone` is an IANA time zone the runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (formatters.has(zone)) return true;
  if (zone === "" || zone.trim() !== zone) return false;
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

const offsets = new Map<string, Map<number, number>>();

/** Seconds `zone`'s wall clock is ahead of UTC at `utc` (seconds since 1970, UTC). */
export function utcOffsetSeconds(zone: string, utc: number): number {
  let byQuarter = offsets.get(zone);
  if (byQuarter === undefined) {
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  const quarter = Math.floor(utc / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const at = quarter * QUARTER_HOUR;
    const part: Record<string, number> = {};
    for (const p of formatterOf(zone).formatToParts(at * 1000)) part[p.type] = Number(p.value);
    const wall =
      (daysFromCivil(part.year, part.month, part.day) * 24 + part.hour) * 3600 + part.minute * 60;
    offset = wall - at;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant (seconds since 1970, UTC) of a time on `zone`'s wall clock (seconds since
 * 1970-01-01T00:00 on that clock). A time the clock skips (the hour daylight saving jumps over)
 * is taken with the offset before the jump; one it shows twice, with the offset after it.
 */
export function wallToUtcSeconds(zone: string, wall: number): number {
  const guess = wall - utcOffsetSeconds(zone, wall);
  return wall - utcOffsetSeconds(zone, guess);
}

/**
 * Seconds to add to a time on `from`'s wall clock (seconds since 1970-01-01T00:00 on that
 * clock) to read the same instant on `to`'s wall clock (see {@link wallToUtcSeconds}).
 */
export function clockShiftSeconds(from: string, to: string, wall: number): number {
  if (from === to) return 0;
  const utc = wallToUtcSeconds(from, wall);
  return utcOffsetSeconds(to, utc) - (wall - utc);
}

/** How far `zone`'s wall clock is ahead of UTC at the wall-clock time `wallUs`, in µs. */
function wallOffsetUs(zone: string, wallUs: number): number {
  const wall = Math.floor(wallUs / SECOND_US);
  return (wall - wallToUtcSeconds(zone, wall)) * SECOND_US;
}

/**
 * Microseconds of real time from `fromUs` to `toUs`, both microseconds since 1970 on `zone`'s
 * wall clock: across a daylight-saving change, an hour more or less than the clocks show.
 */
export function realSpanUs(zone: string, fromUs: number, toUs: number): number {
  return toUs - fromUs - (wallOffsetUs(zone, toUs) - wallOffsetUs(zone, fromUs));
}

/**
 * The time on `zone`'s wall clock (µs since 1970 on it) `spanUs` microseconds of real time
 * after `fromUs` (also on it).
 */
export function wallAfterUs(zone: string, fromUs: number, spanUs: number): number {
  const utcUs = fromUs - wallOffsetUs(zone, fromUs) + spanUs;
  return utcUs + utcOffsetSeconds(zone, Math.floor(utcUs / SECOND_US)) * SECOND_US;
}
