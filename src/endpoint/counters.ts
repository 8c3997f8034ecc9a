/**
 * The endpoint's counters, named as SIPp's `-trace_stat` columns so that the CSV can be written
 * from them directly. Each is kept twice: since the last periodic row (P) and since start (C).
 */

/** SIPp's counters that a user-agent server can meaningfully fill. */
export const COUNTER_NAMES = [
  "IncomingCall",
  "SuccessfulCall",
  "FailedCall",
  "FailedMaxUDPRetrans",
  "FailedUnexpectedMessage",
  "OutOfCallMsgs",
  "DeadCallMsgs",
  "Retransmissions",
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Sum, sum of squares and histogram of call lengths (ms), for CallLength and its repartition. */
export interface LengthStats {
  count: number;
  sum: number;
  sumOfSquares: number;
  /** Counts per SIPp bucket: <10, <50, <100, <500, <1000, <5000, <10000, >=10000 ms. */
  readonly buckets: number[];
}

/** SIPp's default call-length repartition bounds (ms). */
export const CALL_LENGTH_BOUNDS = [10, 50, 100, 500, 1000, 5000, 10000] as const;

function emptyLengths(): LengthStats {
  return {
    count: 0,
    sum: 0,
    sumOfSquares: 0,
    buckets: new Array(CALL_LENGTH_BOUNDS.length + 1).fill(0),
  };
}

function emptyCounts(): Record<CounterName, number> {
  return Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as Record<CounterName, number>;
}

/** One side (period or cumulative) of the counters. */
export interface CounterSet {
  readonly counts: Record<CounterName, number>;
  readonly lengths: LengthStats;
}

/**
 * Period and cumulative counters; `current` calls are not yet finished. `badRequests` (requests
 * refused with 400 for a malformed Via) has no SIPp column, so it is kept apart.
 */
export class EndpointCounters {
  period: CounterSet = { counts: emptyCounts(), lengths: emptyLengths() };
  readonly cumulative: CounterSet = { counts: emptyCounts(), lengths: emptyLengths() };
  current = 0;
  badRequests = 0;

  /** Adds `by` to a counter, in both sets. */
  add(name: CounterName, by = 1): void {
    this.period.counts[name] += by;
    this.cumulative.counts[name] += by;
  }

  /** Records a finished call's length (ms) in both sets. */
  addCallLength(ms: number): void {
    for (const set of [this.period, this.cumulative]) {
      const stats = set.lengths;
      stats.count++;
      stats.sum += ms;
      stats.sumOfSquares += ms * ms;
      const bucket = CALL_LENGTH_BOUNDS.findIndex((bound) => ms < bound);
      stats.buckets[bucket < 0 ? CALL_LENGTH_BOUNDS.length : bucket]++;
    }
  }

  /** Starts a new period (after a periodic row was written). */
  resetPeriod(): void {
    this.period = { counts: emptyCounts(), lengths: emptyLengths() };
  }
}
