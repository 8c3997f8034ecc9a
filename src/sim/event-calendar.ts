import { type Action, EventQueue } from "./event-queue.js";

// The window: 4096 buckets, so one bitmap word covers 32 of them and a scan of the whole
// bitmap (after a long empty gap) reads 128 words.
const BUCKETS = 4096;
const BUCKET_MASK = BUCKETS - 1;
const WORDS = BUCKETS / 32;
const WORD_MASK = WORDS - 1;
// A bucket is a sorted list, so an insertion walks it: past this many events a bucket sends
// newcomers to the heap, and no workload costs more than a few steps per insertion.
const CROWDED = 8;
// Bucket indexes must stay exact integers so that `index & BUCKET_MASK` names the slot.
const MAX_INDEX = 2 ** 52;

/** Bucket width suiting a call-centre day: ~4 events a second, delays of 1 s to 15 min. */
export const DEFAULT_BUCKET_SECONDS = 0.25;

/**
 * A calendar queue of events ordered by time, then rank, with a heap for what it does not hold.
 *
 * Near-future events sit in buckets of `bucketSeconds` over a window of 4096 buckets that slides
 * forward with the earliest popped event; each bucket is a short sorted linked list in typed
 * arrays, and a bitmap of non-empty buckets finds the next one with `Math.clz32`. When events
 * are spread thinly over the window (a few per bucket), a push walks a step or two and a pop
 * reads one node, with none of the unpredictable branches of a heap's sift. Events beyond the
 * window (a night away, Infinity) or aimed at a crowded bucket go to an {@link EventQueue}; the
 * calendar pops the earlier of the two heads, so the order is exactly that of one heap. Nothing
 * is allocated per event: nodes are recycled through a free list.
 *
 * `pop` leaves the removed entry's fields in `popped*` instead of returning an object.
 */
export class EventCalendar {
  private readonly perSecond: number;
  private readonly overflow = new EventQueue();
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
  private bucketed = 0;
  // Every bucketed event's bucket index lies in [cursor, cursor + BUCKETS), so slots map to
  // indexes one to one. The cursor moves up to each popped event's index: that event was the
  // earliest, and a simulation pushes nothing earlier (its clock stands at or after it); a
  // push before the cursor would go to the heap.
  private cursor = 0;
  // The earliest bucketed event: its bucket index and keys; Infinity when no event is bucketed.
  private headIndex = Number.POSITIVE_INFINITY;
  private headTime = Number.POSITIVE_INFINITY;
  private headRank = Number.POSITIVE_INFINITY;
  // The earlier of that event and the heap's top, kept in fields so that peeking reads no array.
  private topTime = Number.POSITIVE_INFINITY;
  private topRank = Number.POSITIVE_INFINITY;

  poppedTime = 0;
  poppedRank = 0;
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

  /** Entries in the calendar. */
  get size(): number {
    return this.bucketed + this.overflow.size;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.topTime;
  }

  /** Rank of the earliest entry, or Infinity when empty. */
  peekRank(): number {
    return this.topRank;
  }

  push<S>(time: number, rank: number, action: Action<S>, subject: S): void {
    if (time < this.topTime || (time === this.topTime && rank < this.topRank)) {
      this.topTime = time;
      this.topRank = rank;
    }
    // Rounding keeps `time * perSecond` monotonic in time, so bucket order agrees with time order.
    const index = Math.floor(time * this.perSecond);
    const ahead = index - this.cursor;
    const slot = index & BUCKET_MASK;
    if (!(ahead >= 0 && ahead < BUCKETS && index <= MAX_INDEX) || this.counts[slot] >= CROWDED) {
      this.overflow.push(time, rank, action, subject);
      return;
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
        this.headTime = time;
        this.headRank = rank;
      }
    }
    if (this.counts[slot]++ === 0) this.occupied[slot >> 5] |= 1 << (slot & 31);
    this.bucketed++;
  }

  /** Removes the earliest entry into `popped*`; false when empty. */
  pop(): boolean {
    const overflow = this.overflow;
    const ot = overflow.peekTime();
    const ht = this.headTime;
    if (ht < ot || (ht === ot && this.headRank < overflow.peekRank())) {
      this.popBucketed();
    } else {
      if (!overflow.pop()) return false;
      this.poppedTime = overflow.poppedTime;
      this.poppedRank = overflow.poppedRank;
      this.poppedAction = overflow.poppedAction;
      this.poppedSubject = overflow.poppedSubject;
      // After a long gap (a night) the window jumps to the heap's event that ends it.
      const index = Math.floor(this.poppedTime * this.perSecond);
      if (index > this.cursor && index <= MAX_INDEX) this.cursor = index;
    }
    const qt = overflow.peekTime();
    if (this.headTime < qt || (this.headTime === qt && this.headRank < overflow.peekRank())) {
      this.topTime = this.headTime;
      this.topRank = this.headRank;
    } else {
      this.topTime = qt;
      this.topRank = overflow.peekRank();
    }
    return true;
  }

  // Pops the head node and finds the next one: later in its bucket, else at the start of the
  // next non-empty bucket, searched in the bitmap from the head's slot on, wrapping around.
  private popBucketed(): void {
    const index = this.headIndex;
    const slot = index & BUCKET_MASK;
    const node = this.firsts[slot];
    this.poppedTime = this.headTime;
    this.poppedRank = this.headRank;
    this.poppedAction = this.actions[node];
    this.poppedSubject = this.subjects[node];
    this.actions[node] = undefined; // let the subject be collected
    this.subjects[node] = undefined;
    const next = this.nexts[node];
    this.nexts[node] = this.freeNode;
    this.freeNode = node;
    this.firsts[slot] = next;
    this.cursor = index;
    this.bucketed--;
    this.counts[slot]--;
    if (next >= 0) {
      this.headTime = this.times[next];
      this.headRank = this.ranks[next];
      return;
    }
    this.occupied[slot >> 5] &= ~(1 << (slot & 31));
    if (this.bucketed === 0) {
      this.headIndex = Number.POSITIVE_INFINITY;
      this.headTime = Number.POSITIVE_INFINITY;
      this.headRank = Number.POSITIVE_INFINITY;
      return;
    }
    const occupied = this.occupied;
    let word = slot >> 5;
    // Bits above the head's in its own word first: `-2 << n` keeps bits n+1..31 (none for 31).
    let bits = occupied[word] & (-2 << (slot & 31));
    // Some bucket is non-empty, so the scan ends, at the latest back in the head's word, whose
    // bits below the head's then stand for indexes a whole window later.
    while (bits === 0) {
      word = (word + 1) & WORD_MASK;
      bits = occupied[word];
    }
    const found = (word << 5) + 31 - Math.clz32(bits & -bits);
    this.headIndex = index + ((found - slot) & BUCKET_MASK);
    const first = this.firsts[found];
    this.headTime = this.times[first];
    this.headRank = this.ranks[first];
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
