/**
 * Calls the records show twice, or on top of each other: an exact duplicate (a row whose every
 * audited field equals an earlier row's: one call exported twice) and an overlapping call (a
 * call to a number placed while an earlier call to it was still going on). Rows come in time
 * order give or take the audit's tolerance, so a call is kept only while a later row could
 * still repeat or overlap it: memory holds about that span's calls, not the file's. They are
 * kept in typed arrays (a ring in arrival order, each call linked to the previous call to its
 * number), so a row allocates nothing but, for a number not seen lately, its map key.
 */

import { DAY_US } from "../calendar/local-time.js";
import type { CallRow } from "./call-row.js";
import { detach } from "./detach.js";

/** A call is compared with later rows over at most this span from its start. */
export const LONGEST_CALL_US = DAY_US;

/** The earlier call a row repeats: `duplicate` when it is the same call again. */
export interface Repeat {
  readonly duplicate: boolean;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const NONE = -1;

/** Numbers whose calls are all forgotten leave the map this often (in rows). */
const SWEEP_EVERY = 1 << 16;

/**
 * A phone number as a map key: `+` and up to 15 digits (E.164) as a number that tells every
 * such text apart (leading zeros and the plus included), which is cheaper to keep and to look
 * up than text; anything else as it is written.
 */
export function numberKey(text: string): number | string {
  const n = text.length;
  const plus = n > 0 && text.charCodeAt(0) === 43 ? 1 : 0;
  const digits = n - plus;
  if (digits === 0 || digits > 15) return text;
  let value = 0;
  for (let i = plus; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return text;
    value = value * 10 + d;
  }
  // [10^k, 2·10^k) without a plus, [2·10^k, 3·10^k) with one, for k digits: disjoint for all k.
  return (1 + plus) * 10 ** digits + value;
}

/** Equal, NaN (an event that did not happen) included. */
const same = (a: number, b: number): boolean => a === b || Object.is(a, b);

/** The recent calls of every number, to find duplicates and overlaps. */
export class RepeatedCalls {
  /**
   * Each number's latest call, by id (ids count calls; a call's slot is id & mask). An id below
   * `oldestId` is a call forgotten: such numbers are swept out of the map now and then.
   */
  private readonly latest = new Map<number | string, number>();
  private nextId = 0;
  private oldestId = 0;
  private mask = 1023;
  private line = new Float64Array(1024);
  private start = new Float64Array(1024);
  private end = new Float64Array(1024);
  private answer = new Float64Array(1024);
  private connect = new Float64Array(1024);
  /** outcome, AMD verdict and reservation in one number. */
  private codes = new Int32Array(1024);
  private previous = new Float64Array(1024);
  private campaigns: string[] = new Array(1024);
  private zones: string[] = new Array(1024);

  /**
   * The earlier call `row` duplicates or overlaps, or null. Every row but a duplicate is kept.
   * `campaign` is the row's campaign as kept beyond the row; calls that ended before `horizon`
   * are forgotten first (no row still to come may start before it).
   */
  check(row: CallRow, campaign: string, horizon: number): Repeat | null {
    this.forgetBefore(horizon);
    const codes = row.outcome | (row.amdVerdict << 4) | ((row.agentReserved + 1) << 8);
    const key = numberKey(row.number);
    const latest = this.latest.get(key);
    let overlapped = NONE;
    for (let id = latest ?? NONE; id >= this.oldestId; id = this.previous[id & this.mask]) {
      const i = id & this.mask;
      if (
        same(this.start[i], row.start) &&
        same(this.end[i], row.end) &&
        same(this.answer[i], row.answer) &&
        same(this.connect[i], row.agentConnect) &&
        this.codes[i] === codes &&
        this.campaigns[i] === campaign &&
        this.zones[i] === row.timeZone
      ) {
        return this.repeat(true, i);
      }
      if (overlapped === NONE && row.start < this.end[i] && this.start[i] < row.end) {
        overlapped = i;
      }
    }
    const live = latest !== undefined && latest >= this.oldestId;
    const id = this.keep(row, campaign, codes, live ? latest : NONE);
    // A key already in the map stays as it is (Map.set keeps it): a number as text, a view of
    // the file's chunk, is kept only as a copy.
    this.latest.set(latest === undefined && typeof key === "string" ? detach(key) : key, id);
    if ((id & (SWEEP_EVERY - 1)) === 0) this.sweep();
    return overlapped === NONE ? null : this.repeat(false, overlapped);
  }

  private repeat(duplicate: boolean, i: number): Repeat {
    return { duplicate, line: this.line[i], start: this.start[i], end: this.end[i] };
  }

  /** Keeps the row's call and returns its id. */
  private keep(row: CallRow, campaign: string, codes: number, previous: number): number {
    if (this.nextId - this.oldestId > this.mask) this.grow();
    const id = this.nextId++;
    const i = id & this.mask;
    this.line[i] = row.line;
    this.start[i] = row.start;
    this.end[i] = row.end;
    this.answer[i] = row.answer;
    this.connect[i] = row.agentConnect;
    this.codes[i] = codes;
    this.previous[i] = previous;
    this.campaigns[i] = campaign;
    this.zones[i] = row.timeZone;
    return id;
  }

  /** Drops the oldest calls while they ended (or started a day) before `horizon`. */
  private forgetBefore(horizon: number): void {
    while (this.oldestId < this.nextId) {
      const i = this.oldestId & this.mask;
      if (Math.min(this.end[i], this.start[i] + LONGEST_CALL_US) >= horizon) return;
      this.oldestId++;
    }
  }

  /** Removes the numbers whose calls are all forgotten. */
  private sweep(): void {
    for (const [number, id] of this.latest) if (id < this.oldestId) this.latest.delete(number);
  }

  /** Doubles the ring, keeping the calls in arrival order. */
  private grow(): void {
    const size = (this.mask + 1) * 2;
    const from = this.oldestId;
    const count = this.nextId - from;
    const copy = <A extends Float64Array | Int32Array | string[]>(old: A, fresh: A): A => {
      for (let id = from; id < from + count; id++) fresh[id & (size - 1)] = old[id & this.mask];
      return fresh;
    };
    this.line = copy(this.line, new Float64Array(size));
    this.start = copy(this.start, new Float64Array(size));
    this.end = copy(this.end, new Float64Array(size));
    this.answer = copy(this.answer, new Float64Array(size));
    this.connect = copy(this.connect, new Float64Array(size));
    this.codes = copy(this.codes, new Int32Array(size));
    this.previous = copy(this.previous, new Float64Array(size));
    this.campaigns = copy(this.campaigns, new Array<string>(size));
    this.zones = copy(this.zones, new Array<string>(size));
    this.mask = size - 1;
  }
}
