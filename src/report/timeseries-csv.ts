import { formatCampaignTime } from "../model/calendar.js";
import { per100 } from "../model/campaign-summary.js";
import type { IntervalRow } from "../model/interval-recorder.js";
import { toCsv } from "./csv.js";

const HEADER = [
  "start",
  "end",
  "attempts",
  "human_answered",
  "connected",
  "silent",
  "silent_per_100_connected",
  "cumulative_silent_per_100_connected",
  "agents_staffed",
  "agent_occupancy",
  "talk_occupancy",
];

const round = (x: number | null, digits = 4): number | null =>
  x === null ? null : Number(x.toFixed(digits));

/** The per-interval time series as CSV; times are local ISO timestamps. */
export function timeseriesCsv(rows: readonly IntervalRow[], calendarStart: string): string {
  return toCsv(
    HEADER,
    rows.map((r) => [
      formatCampaignTime(calendarStart, r.start),
      formatCampaignTime(calendarStart, r.end),
      r.attempts,
      r.humanAnswered,
      r.connected,
      r.silent,
      round(per100(r.silent, r.connected)),
      round(per100(r.cumulativeSilent, r.cumulativeConnected)),
      round(r.staffedSeconds / (r.end - r.start), 3),
      round(r.staffedSeconds > 0 ? (r.talkSeconds + r.wrapUpSeconds) / r.staffedSeconds : 0),
      round(r.staffedSeconds > 0 ? r.talkSeconds / r.staffedSeconds : 0),
    ]),
  );
}
