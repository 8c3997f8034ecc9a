import { toCsv } from "../io/write/csv.js";
import type { TimeseriesRow } from "../result/timeseries.js";

const COLUMNS: readonly [string, (r: TimeseriesRow) => string | number | null][] = [
  ["start", (r) => r.start],
  ["end", (r) => r.end],
  ["attempts", (r) => r.attempts],
  ["human_answered", (r) => r.humanAnswered],
  ["connected", (r) => r.connected],
  ["silent", (r) => r.silent],
  ["silent_per_100_connected", (r) => round(r.silentPer100Connected)],
  ["cumulative_silent_per_100_connected", (r) => round(r.cumulativeSilentPer100Connected)],
  ["agents_staffed", (r) => round(r.agentsStaffed, 3)],
  ["agents_talking", (r) => round(r.agentsTalking, 3)],
  ["agents_wrap_up", (r) => round(r.agentsWrapUp, 3)],
  ["agents_idle", (r) => round(r.agentsIdle, 3)],
  ["calls_in_flight", (r) => round(r.callsInFlight, 3)],
  ["agent_occupancy", (r) => round(r.agentOccupancy)],
  ["talk_occupancy", (r) => round(r.talkOccupancy)],
  ["max_silent_hold_seconds", (r) => round(r.maxSilentHoldSeconds, 3)],
  ["locks_applied", (r) => r.locksApplied],
  ["recontacts_refused", (r) => r.recontactsRefused],
  ["gate_refusals", (r) => Object.values(r.gateRefusals).reduce((a, b) => a + b, 0)],
];

function round(x: number | null, digits = 4): number | null {
  return x === null ? null : Number(x.toFixed(digits));
}

/** The time series as CSV (the first replication's intervals). */
export function timeseriesCsv(rows: readonly TimeseriesRow[]): string {
  return toCsv(
    COLUMNS.map(([name]) => name),
    rows.map((r) => COLUMNS.map(([, value]) => value(r))),
  );
}
