import type { Action } from "./event-queue.js";

// The window: 4096 buckets, so one bitmap word covers 32 of them and a scan of the whole
// bitmap (after a long empty gap) reads 128 words.
const BUCKETS = 4096;
const BUCKET_MASK = BUCKETS - 1;
const WORDS = BUCKETS / 32;
const WORD_MASK = WORDS - 1;
// A bucket is a sorted list, so an insertion walks it: past this many events a bucket turns
// newcomers away (to the heap), and no workload costs more than a few steps per insertion.
const CROWDED = 8;
// Bucket indexes must stay exact integers so that `index & BUCKET_MASK` names the slot.
const MAX_INDEX = 2 ** 52;

/** Bucket width suiting a call-centre day: ~4 events a second, delays of 1 s to 15 min. */
export const DEFAULT_BUCKET_SECONDS = 0.25;

/**
 * A calendar queue for the near future: events ordered by time, then rank, in buckets of
 * `bucketSeconds` over a window of 4096 buckets that starts at the bucket of "now".
 *
 * Each bucket is a short sorted linked list in typed arrays, and a bitmap of non-empty buckets
 * finds the next one with `Math.clz32`. When events are spread thinly over the window (a few per
 * bucket), a push walks a step or two and a pop reads one node, with none of the unpredictable
 * branches of a heap's sift. `push` turns away events beyond the window (a night away,
 * Infinity) and events aimed at a crowded bucket: the caller keeps those in a heap and runs the
 * earlier of the two heads, so the order is exactly that of one heap. Nothing is allocated per
 * event: nodes are recycled through a free list.
 *
 * `pop` leaves the removed entry's fields in `popped*` instead of returning an object.
 */
export class EventCalendar {
  private readonly perSecond: number;
  // Per bucket slot: its first node (-1 when empty) and how many nodes it holds.
  private readonly firsts = new Int32Array(BUCKETS).fill(-1);
  private readonly counts = new Uint8Array(BUCKETS);
  private readonly occupied = new Int32Array(WORDS);
  // Nodes: keys, the next node in the bucket (or in the free list), action and subject.
  private times = new Float64Array(256);
  private ranks = new Float64Array(256);
  private nexts = new Int32Array(256);
  private readonly actions: (Action<unknown> | undefined)[] = [];
  private readonly subjects: unknown[] = [];
  private freeNode = -1;
  private nodesMade = 0;
  // The earliest event: its bucket index and keys; Infinity when empty. Every event's bucket
  // index lies in [headIndex, headIndex + BUCKETS), so slots map to indexes one to one: events
  // come no earlier than "now" and no later than a window after the "now" of their push.
  private headIndex = Number.POSITIVE_INFINITY;
  private firstTime = Number.POSITIVE_INFINITY;
  private firstRank = Number.POSITIVE_INFINITY;
  /** Events in the calendar. */
  size = 0;

  poppedAction: Action<unknown> | undefined = undefined;
  poppedSubject: unknown = undefined;

  /** A calendar whose buckets span `bucketSeconds` each (the window is 4096 of them). */
  constructor(bucketSeconds = DEFAULT_BUCKET_SECONDS) {
    if (!(bucketSeconds > 0 && bucketSeconds < Number.POSITIVE_INFINITY)) {
      throw new RangeError(
        `bucket width must be a positive number of seconds, got ${bucketSeconds}`,
      );
    }
    this.perSecond = 1 / bucketSeconds;
  }

  /** Time of the earliest event; Infinity when the calendar is empty. */
  get headTime(): number {
    return this.firstTime;
  }

  /** Rank of the earliest event; Infinity when the calendar is empty. */
  get headRank(): number {
    return this.firstRank;
  }

  /**
   * Files an event and returns true, or returns false when it lies outside the window that
   * starts at `now` or its bucket is crowded: the caller then keeps it elsewhere. `now` never
   * decreases between calls, and no event in the calendar is earlier than it.
   */
  push<S>(time: number, rank: number, action: Action<S>, subject: S, now: number): boolean {
    // Rounding keeps `time * perSecond` monotonic in time, so bucket order agrees with time order.
    const index = Math.floor(time * this.perSecond);
    const ahead = index - Math.floor(now * this.perSecond);
    const slot = index & BUCKET_MASK;
    if (!(ahead >= 0 && ahead < BUCKETS && index <= MAX_INDEX) || this.counts[slot] >= CROWDED) {
      return false;
    }
    const node = this.freeNode >= 0 ? this.freeNode : this.makeNode();
    this.freeNode = this.nexts[node];
    const { times, ranks, nexts } = this;
    times[node] = time;
    ranks[node] = rank;
    this.actions[node] = action as Action<unknown>;
    this.subjects[node] = subject;
    let previous = -1;
    let next = this.firsts[slot];
    while (next >= 0) {
      const t = times[next];
      if (t > time || (t === time && ranks[next] > rank)) break;
      previous = next;
      next = nexts[next];
    }
    nexts[node] = next;
    if (previous >= 0) nexts[previous] = node;
    else {
      this.firsts[slot] = node;
      // A bucket before the head's is empty, so a new first node there is the new head.
      if (index <= this.headIndex) {
        this.headIndex = index;
        this.firstTime = time;
        this.firstRank = rank;
      }
    }
    if (this.counts[slot]++ === 0) this.occupied[slot >> 5] |= 1 << (slot & 31);
    this.size++;
    return true;
  }

  /**
   * Removes the earliest event (the caller has checked that there is one) into `popped*` and
   * finds the next: later in its bucket, else first in the next non-empty bucket.
   */
  pop(): void {
    const index = this.headIndex;
    const slot = index & BUCKET_MASK;
    const node = this.firsts[slot];
    this.poppedAction = this.actions[node];
    this.poppedSubject = this.subjects[node];
    this.actions[node] = undefined; // let the subject be collected
    this.subjects[node] = undefined;
    const next = this.nexts[node];
    this.nexts[node] = this.freeNode;
    this.freeNode = node;
    this.firsts[slot] = next;
    this.counts[slot]--;
    this.size--;
    if (next >= 0) {
      this.firstTime = this.times[next];
      this.firstRank = this.ranks[next];
      return;
    }
    this.occupied[slot >> 5] &= ~(1 << (slot & 31));
    if (this.size === 0) {
      this.headIndex = Number.POSITIVE_INFINITY;
      this.firstTime = Number.POSITIVE_INFINITY;
      this.firstRank = Number.POSITIVE_INFINITY;
      return;
    }
    const found = this.nextOccupied(slot);
    this.headIndex = index + ((found - slot) & BUCKET_MASK);
    const first = this.firsts[found];
    this.firstTime = this.times[first];
    this.firstRank = this.ranks[first];
  }

  // The first non-empty bucket's slot after `slot`, wrapping around; some bucket is non-empty.
  /** Calls `visit` with every event, in no particular order. */
  forEach(
    visit: (time: number, rank: number, action: Action<unknown>, subject: unknown) => void,
  ): void {
    for (let slot = 0; slot < BUCKETS; slot++) {
      for (let node = this.firsts[slot]; node >= 0; node = this.nexts[node]) {
        visit(
          this.times[node],
          this.ranks[node],
          this.actions[node] as Action<unknown>,
          this.subjects[node],
        );
      }
    }
  }

  private nextOccupied(slot: number): number {
    const occupied = this.occupied;
    let word = slot >> 5;
    // Bits above the slot's in its own word first: `-2 << n` keeps bits n+1..31 (none for 31).
    let bits = occupied[word] & (-2 << (slot & 31));
    // The scan ends, at the latest back in the slot's word, whose bits below the slot's then
    // stand for indexes a whole window later.
    while (bits === 0) {
      word = (word + 1) & WORD_MASK;
      bits = occupied[word];
    }
    return (word << 5) + 31 - Math.clz32(bits & -bits);
  }

  // A new node, growing the node arrays when all are in use; it links to the free list's rest
  // (-1), as the caller expects of a recycled one.
  private makeNode(): number {
    const node = this.nodesMade++;
    if (node === this.times.length) {
      const size = node * 2;
      const times = new Float64Array(size);
      const ranks = new Float64Array(size);
      const nexts = new Int32Array(size);
      times.set(this.times);
      ranks.set(this.ranks);
      nexts.set(this.nexts);
      this.times = times;
      this.ranks = ranks;
      this.nexts = nexts;
    }
    this.nexts[node] = -1;
    return node;
  }
}
