/**
 * The campaign's calendar: kinds of day (weekday, Saturday, Sunday, holiday, day before a
 * holiday), the calling windows of each, and the days of a campaign laid out in campaign
 * seconds. Shared by the rule sets, the consent gate, the model and the audit.
 */
/** A window of the day, in seconds since local midnight: [start, end). */
export interface DayWindow {
  readonly start: number;
  readonly end: number;
}

/** Calling hours by kind of day: sorted, non-overlapping windows; empty means no calls. */
export interface CallingHours {
  readonly weekday: readonly DayWindow[];
  readonly saturday: readonly DayWindow[];
  readonly sunday: readonly DayWindow[];
  readonly holiday: readonly DayWindow[];
  /** Days before a holiday (Italy's code of conduct treats them like Saturdays). */
  readonly dayBeforeHoliday: readonly DayWindow[];
}

/** Kinds of day that calling hours distinguish. */
export type DayKind = keyof CallingHours;

const DAY = 86_400;
const ALL_DAY_WINDOW: readonly DayWindow[] = [{ start: 0, end: DAY }];

/** Calling hours that never close: every kind of day, midnight to midnight. */
export const ALL_DAY_CALLING_HOURS: CallingHours = {
  weekday: ALL_DAY_WINDOW,
  saturday: ALL_DAY_WINDOW,
  sunday: ALL_DAY_WINDOW,
  holiday: ALL_DAY_WINDOW,
  dayBeforeHoliday: ALL_DAY_WINDOW,
};

/** One day of the campaign on the simulated calendar. */
export interface CampaignDay {
  /** 0 for the first day. */
  readonly index: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: DayKind;
  /** Calling windows in campaign seconds (since midnight of the first day). */
  readonly windows: readonly DayWindow[];
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY * 1000).toISOString().slice(0, 10);
}

function epochDayOf(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date} (expected YYYY-MM-DD)`);
  return ms / 1000 / DAY;
}

/** Classifies a date: holidays first, then Sundays, days before a holiday, Saturdays. */
export function dayKind(date: string, holidays: ReadonlySet<string>): DayKind {
  if (holidays.has(date)) return "holiday";
  const epochDay = epochDayOf(date);
  const weekday = new Date(epochDay * DAY * 1000).getUTCDay(); // 0 = Sunday
  if (weekday === 0) return "sunday";
  if (holidays.has(isoDate(epochDay + 1))) return "dayBeforeHoliday";
  if (weekday === 6) return "saturday";
  return "weekday";
}

/**
 * Lays out the campaign's days with their calling windows. Times are local to the call centre;
 * the simulated calendar has no daylight-saving jumps.
 */
export function campaignDays(
  start: string,
  days: number,
  holidays: readonly string[],
  hours: CallingHours,
): CampaignDay[] {
  const first = epochDayOf(start);
  const holidaySet = new Set(holidays);
  const result: CampaignDay[] = [];
  for (let index = 0; index < days; index++) {
    const date = isoDate(first + index);
    const kind = dayKind(date, holidaySet);
    const windows = hours[kind].map((w) => ({
      start: index * DAY + w.start,
      end: index * DAY + w.end,
    }));
    result.push({ index, date, kind, windows });
  }
  return result;
}

/** Formats campaign seconds as a local ISO timestamp with milliseconds, e.g. `2026-12-01T09:00:03.250`. */
export function formatCampaignTime(start: string, seconds: number): string {
  const ms = Math.round((epochDayOf(start) * DAY + seconds) * 1000);
  return new Date(ms).toISOString().slice(0, 23);
}
