import type { TimeseriesRow } from "../../result/timeseries.js";

/**
 * A local campaign time (`2026-12-01T09:00:00.000`) as an instant read on a UTC scale. The
 * times carry no zone; reading them as UTC and drawing on UTC scales shows the clock time as
 * written, whatever the zone of the machine that renders (and with no daylight-saving jumps).
 */
export function clockTime(local: string): string {
  return `${local}Z`;
}

/** True when the rows cover more than one calendar day. */
export function spansSeveralDays(rows: readonly TimeseriesRow[]): boolean {
  return rows.length > 0 && rows[0].start.slice(0, 10) !== rows[rows.length - 1].start.slice(0, 10);
}

/** Up to this many days, a multi-day axis also marks every six hours. */
const HOURLY_DAYS = 3;
const HOUR = 3_600_000;

/**
 * The x encoding of a time field: each hour for one day; for several, each midnight labelled
 * with the day (and, over a few days, every six hours with the time), with an axis title that
 * says which. Tick positions are listed, not left to Vega, so they fall on whole hours.
 */
export function timeX(field: string, rows: readonly TimeseriesRow[]) {
  const axis = !spansSeveralDays(rows)
    ? { title: "time of day", format: "%H:%M", values: ticks(rows, 1) }
    : calendarDays(rows) <= HOURLY_DAYS
      ? {
          title: "day and time of day",
          values: ticks(rows, 6),
          labelExpr:
            "utchours(datum.value) === 0 ? utcFormat(datum.value, '%a %d') : utcFormat(datum.value, '%H:%M')",
        }
      : { title: "day", format: "%a %d", values: ticks(rows, 24) };
  return { field, type: "temporal" as const, scale: { type: "utc" as const }, axis };
}

// Instants (ms, on the UTC reading of clock times) every `hours` from the first multiple of
// `hours` at or after the first row's start to the last row's end.
function ticks(rows: readonly TimeseriesRow[], hours: number): number[] {
  if (rows.length === 0) return [];
  const step = hours * HOUR;
  const from = Date.parse(clockTime(rows[0].start));
  const to = Date.parse(clockTime(rows[rows.length - 1].end));
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

// Calendar days from the first row's to the last row's, both counted.
function calendarDays(rows: readonly TimeseriesRow[]): number {
  const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / (24 * HOUR);
  return day(rows[rows.length - 1].start) - day(rows[0].start) + 1;
}

/**
 * The index of each row's run of back-to-back intervals: a new run starts wherever a row does
 * not begin where the previous one ended (breaks with nobody staffed, nights), so that lines
 * and areas stop there instead of bridging the gap.
 */
export function contiguousRuns(rows: readonly TimeseriesRow[]): number[] {
  let run = 0;
  return rows.map((r, i) => {
    if (i > 0 && rows[i - 1].end !== r.start) run++;
    return run;
  });
}
