import {
  CALL_LENGTH_BOUNDS,
  COUNTER_NAMES,
  type CounterSet,
  type EndpointCounters,
} from "./counters.js";

/**
 * SIPp's `-trace_stat` CSV in SIPp 3.6's full layout, the 95 columns of its built-in `-sn uas`
 * (a UAS scenario file without response-time or call-length repartitions writes 72: the others,
 * in the same order), so scripts reading SIPp's columns by name find them all; the tests compare
 * both with a real SIPp's. `;` after every field, header line first, one row per `-fd` period
 * and one at the end. (P) columns count since the previous row, (C) since the start. The
 * endpoint has no response-time measurements (`rtd`), so those columns hold zeros, as SIPp's
 * built-in UAS writes them.
 */

const FAILED_COLUMNS = [
  "FailedCannotSendMessage",
  "FailedMaxUDPRetrans",
  "FailedTcpConnect",
  "FailedTcpClosed",
  "FailedUnexpectedMessage",
  "FailedCallRejected",
  "FailedCmdNotSent",
  "FailedRegexpDoesntMatch",
  "FailedRegexpShouldntMatch",
  "FailedRegexpHdrNotFound",
  "FailedOutboundCongestion",
  "FailedTimeoutOnRecv",
  "FailedTimeoutOnSend",
  "FailedTestDoesntMatch",
  "FailedTestShouldntMatch",
  "FailedStrcmpDoesntMatch",
  "FailedStrcmpShouldntMatch",
] as const;
const TRAILING_COUNTERS = [
  "OutOfCallMsgs",
  "DeadCallMsgs",
  "Retransmissions",
  "AutoAnswered",
  "Warnings",
  "FatalErrors",
  "WatchdogMajor",
  "WatchdogMinor",
] as const;
const RESPONSE_TIME_BOUNDS = [10, 20, 30, 40, 50, 100, 150, 200] as const;

const both = (name: string): string[] => [`${name}(P)`, `${name}(C)`];

/** The header columns, in SIPp's order. */
export const TRACE_STAT_COLUMNS: readonly string[] = [
  "StartTime",
  "LastResetTime",
  "CurrentTime",
  ...both("ElapsedTime"),
  "TargetRate",
  ...both("CallRate"),
  ...both("IncomingCall"),
  ...both("OutgoingCall"),
  "TotalCallCreated",
  "CurrentCall",
  ...both("SuccessfulCall"),
  ...both("FailedCall"),
  ...FAILED_COLUMNS.flatMap(both),
  ...TRAILING_COUNTERS.flatMap(both),
  ...both("ResponseTime1"),
  ...both("ResponseTime1StDev"),
  ...both("CallLength"),
  ...both("CallLengthStDev"),
  "ResponseTimeRepartition1",
  ...RESPONSE_TIME_BOUNDS.map((b) => `ResponseTimeRepartition1_<${b}`),
  `ResponseTimeRepartition1_>=${RESPONSE_TIME_BOUNDS[RESPONSE_TIME_BOUNDS.length - 1]}`,
  "CallLengthRepartition",
  ...CALL_LENGTH_BOUNDS.map((b) => `CallLengthRepartition_<${b}`),
  `CallLengthRepartition_>=${CALL_LENGTH_BOUNDS[CALL_LENGTH_BOUNDS.length - 1]}`,
];

/** The header line. */
export function traceStatHeader(): string {
  return `${TRACE_STAT_COLUMNS.map((c) => `${c};`).join("")}\n`;
}

/** The instants a row describes (ms since the epoch, fractional). */
export interface TraceStatTimes {
  readonly start: number;
  readonly lastReset: number;
  readonly now: number;
}

/** One data row from the counters at `times.now`. */
export function traceStatRow(counters: EndpointCounters, times: TraceStatTimes): string {
  const { period, cumulative } = counters;
  const periodMs = times.now - times.lastReset;
  const elapsedMs = times.now - times.start;
  const rate = (calls: number, ms: number): string =>
    formatNumber(ms > 0 ? (calls * 1000) / ms : 0);
  const pair = (get: (set: CounterSet) => number): string[] => [
    String(get(period)),
    String(get(cumulative)),
  ];
  const known = new Set<string>(COUNTER_NAMES);
  const counter = (name: string): string[] =>
    known.has(name)
      ? pair((set) => set.counts[name as (typeof COUNTER_NAMES)[number]])
      : ["0", "0"];
  const zeroDuration = formatDuration(0);
  const fields = [
    formatTimestamp(times.start),
    formatTimestamp(times.lastReset),
    formatTimestamp(times.now),
    formatElapsed(periodMs),
    formatElapsed(elapsedMs),
    "0", // no target rate: the caller sets the pace
    rate(period.counts.IncomingCall, periodMs),
    rate(cumulative.counts.IncomingCall, elapsedMs),
    ...counter("IncomingCall"),
    "0",
    "0",
    String(cumulative.counts.IncomingCall),
    String(counters.current),
    ...counter("SuccessfulCall"),
    ...counter("FailedCall"),
    ...FAILED_COLUMNS.flatMap(counter),
    ...TRAILING_COUNTERS.flatMap(counter),
    zeroDuration,
    zeroDuration,
    zeroDuration,
    zeroDuration,
    formatDuration(mean(period)),
    formatDuration(mean(cumulative)),
    formatDuration(stdDev(period)),
    formatDuration(stdDev(cumulative)),
    "",
    ...new Array(RESPONSE_TIME_BOUNDS.length + 1).fill("0"),
    "",
    ...cumulative.lengths.buckets.map(String),
  ];
  return `${fields.map((f) => `${f};`).join("")}\n`;
}

function mean(set: CounterSet): number {
  return set.lengths.count === 0 ? 0 : set.lengths.sum / set.lengths.count;
}

function stdDev(set: CounterSet): number {
  const { count, sum, sumOfSquares } = set.lengths;
  if (count === 0) return 0;
  const m = sum / count;
  return Math.sqrt(Math.max(0, sumOfSquares / count - m * m));
}

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, "0");

/** `YYYY-MM-DD<TAB>HH:MM:SS.uuuuuu<TAB>epoch.uuuuuu`, local time, as SIPp writes instants. */
export function formatTimestamp(epochMs: number): string {
  const micros = Math.round(epochMs * 1000);
  const seconds = Math.floor(micros / 1e6);
  const fraction = pad(micros - seconds * 1e6, 6);
  const d = new Date(seconds * 1000);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}\t${time}.${fraction}\t${seconds}.${fraction}`;
}

/** `HH:MM:SS` (whole seconds), SIPp's elapsed times. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${pad(s / 3600)}:${pad((s % 3600) / 60)}:${pad(s % 60)}`;
}

/** `HH:MM:SS:uuuuuu`, SIPp's durations (response times, call lengths). */
export function formatDuration(ms: number): string {
  const micros = Math.round(ms * 1000);
  const s = Math.floor(micros / 1e6);
  return `${pad(s / 3600)}:${pad((s % 3600) / 60)}:${pad(s % 60)}:${pad(micros % 1e6, 6)}`;
}

/** A rate as C++ streams print a double by default (6 significant digits, no trailing zeros). */
export function formatNumber(x: number): string {
  if (x === 0) return "0";
  return String(Number(x.toPrecision(6)));
}
