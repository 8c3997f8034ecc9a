/** Something to do at a simulated instant. */
export type Action<S> = (subject: S) => void;

// Priority and sequence fold into one exact double, so the tie-break is a single comparison:
// priorities in [-2^10, 2^10), sequence numbers below 2^40 (a trillion events).
const PRIORITY_OFFSET = 2 ** 10;
const SEQ_RANGE = 2 ** 40;

/**
 * The tie-break rank of (priority, seq): lower runs first among events at the same time.
 * Callers keep `seq` below 2^40 (a trillion events); the priority is checked.
 */
export function rankOf(priority: number, seq: number): number {
  if (!(priority >= -PRIORITY_OFFSET && priority < PRIORITY_OFFSET)) badPriority(priority);
  return (priority + PRIORITY_OFFSET) * SEQ_RANGE + seq;
}

// Out of line so that rankOf stays small enough for V8 to inline at every call: a call it does
// not inline boxes the double it returns (a heap allocation per event).
function badPriority(priority: number): never {
  throw new RangeError(`priority must be an integer in [-1024, 1024), got ${priority}`);
}

/** The sequence number folded into a rank. */
export function seqOf(rank: number): number {
  // Not `rank % SEQ_RANGE`: V8 computes a double's remainder with a call to fmod. Dividing by a
  // power of two, flooring and multiplying back are exact, and each is one instruction.
  return rank - Math.floor(rank / SEQ_RANGE) * SEQ_RANGE;
}

/**
 * A 4-ary min-heap of events ordered by time, then rank. Keys live in typed arrays (time, rank
 * and a slot number per heap position); each event's action and subject sit in slot arrays
 * recycled through a free list. Sifting therefore compares and moves numbers in contiguous
 * memory, nothing is allocated per event, and long-pending events never burden the garbage
 * collector. Four children per node halve the depth of a binary heap, which pays off because
 * every event is popped once.
 *
 * `pop` leaves the removed entry's fields in `popped*` instead of returning an object.
 */
export class EventQueue {
  private times = new Float64Array(1024);
  private ranks = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private readonly actions: (Action<unknown> | undefined)[] = [];
  private readonly subjects: unknown[] = [];
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private slotCount = 0;
  private count = 0;
  // The root's keys, kept in fields so that peeking reads no array; Infinity when empty.
  private topTime = Number.POSITIVE_INFINITY;
  private topRank = Number.POSITIVE_INFINITY;

  poppedTime = 0;
  poppedRank = 0;
  poppedAction: Action<unknown> | undefined = undefined;
  poppedSubject: unknown = undefined;

  /** Entries in the heap. */
  get size(): number {
    return this.count;
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
    if (this.count === this.times.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.slotCount++;
    this.actions[slot] = action as Action<unknown>;
    this.subjects[slot] = subject;
    const { times, ranks, slots } = this;
    // Sift up with a hole instead of swaps: one write per level.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && ranks[parent] < rank)) break;
      times[i] = pt;
      ranks[i] = ranks[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    ranks[i] = rank;
    slots[i] = slot;
    if (i === 0) {
      this.topTime = time;
      this.topRank = rank;
    }
  }

  /** Removes the earliest entry into `popped*`; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const { times, ranks, slots } = this;
    this.poppedTime = times[0];
    this.poppedRank = ranks[0];
    const slot = slots[0];
    this.poppedAction = this.actions[slot];
    this.poppedSubject = this.subjects[slot];
    this.actions[slot] = undefined; // let the subject be collected
    this.subjects[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    const size = --this.count;
    const lastTime = times[size];
    const lastRank = ranks[size];
    const lastSlot = slots[size];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= size) break;
      const end = Math.min(first + 4, size);
      let best = first;
      let bestTime = times[first];
      let bestRank = ranks[first];
      for (let c = first + 1; c < end; c++) {
        const ct = times[c];
        if (ct < bestTime || (ct === bestTime && ranks[c] < bestRank)) {
          best = c;
          bestTime = ct;
          bestRank = ranks[c];
        }
      }
      if (bestTime > lastTime || (bestTime === lastTime && bestRank > lastRank)) break;
      times[i] = bestTime;
      ranks[i] = bestRank;
      slots[i] = slots[best];
      i = best;
    }
    times[i] = lastTime;
    ranks[i] = lastRank;
    slots[i] = lastSlot;
    if (size > 0) {
      this.topTime = times[0];
      this.topRank = ranks[0];
    } else {
      this.topTime = Number.POSITIVE_INFINITY;
      this.topRank = Number.POSITIVE_INFINITY;
    }
    return true;
  }

  /** Calls `visit` with every entry, in no particular order. */
  forEach(
    visit: (time: number, rank: number, action: Action<unknown>, subject: unknown) => void,
  ): void {
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[i];
      visit(
        this.times[i],
        this.ranks[i],
        this.actions[slot] as Action<unknown>,
        this.subjects[slot],
      );
    }
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const ranks = new Float64Array(size);
    const slots = new Int32Array(size);
    const freeSlots = new Int32Array(size);
    times.set(this.times);
    ranks.set(this.ranks);
    slots.set(this.slots);
    freeSlots.set(this.freeSlots);
    this.times = times;
    this.ranks = ranks;
    this.slots = slots;
    this.freeSlots = freeSlots;
  }
}
