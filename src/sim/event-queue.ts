/** Something to do at a simulated instant. */
export type Action<S> = (subject: S) => void;

// Priority and sequence fold into one exact double, so the tie-break is a single comparison:
// priorities in [-2^10, 2^10), sequence numbers below 2^40 (a trillion events).
const PRIORITY_OFFSET = 2 ** 10;
const SEQ_RANGE = 2 ** 40;

/** The tie-break rank of (priority, seq): lower runs first among events at the same time. */
export function rankOf(priority: number, seq: number): number {
  if (!(priority >= -PRIORITY_OFFSET && priority < PRIORITY_OFFSET) || !(seq < SEQ_RANGE)) {
    throw new RangeError(`priority ${priority} or sequence ${seq} out of range`);
  }
  return (priority + PRIORITY_OFFSET) * SEQ_RANGE + seq;
}

/** The sequence number folded into a rank. */
export function seqOf(rank: number): number {
  return rank % SEQ_RANGE;
}

/**
 * A binary min-heap of (time, rank, action, subject) ordered by time, then rank. Entries live
 * in parallel arrays, keys in typed arrays: sifting compares numbers in contiguous memory and
 * nothing is allocated per event, so long-pending events never burden the garbage collector.
 *
 * `pop` leaves the removed entry's fields in `popped*` instead of returning an object.
 */
export class EventQueue {
  private times = new Float64Array(1024);
  private ranks = new Float64Array(1024);
  private actions: (Action<unknown> | undefined)[] = [];
  private subjects: unknown[] = [];
  private count = 0;

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
    return this.count > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  /** Rank of the earliest entry, or Infinity when empty. */
  peekRank(): number {
    return this.count > 0 ? this.ranks[0] : Number.POSITIVE_INFINITY;
  }

  push<S>(time: number, rank: number, action: Action<S>, subject: S): void {
    if (this.count === this.times.length) this.grow();
    const { times, ranks, actions, subjects } = this;
    // Sift up with a hole instead of swaps: one write per level.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && ranks[parent] < rank)) break;
      times[i] = pt;
      ranks[i] = ranks[parent];
      actions[i] = actions[parent];
      subjects[i] = subjects[parent];
      i = parent;
    }
    times[i] = time;
    ranks[i] = rank;
    actions[i] = action as Action<unknown>;
    subjects[i] = subject;
  }

  /** Removes the earliest entry into `popped*`; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const { times, ranks, actions, subjects } = this;
    this.poppedTime = times[0];
    this.poppedRank = ranks[0];
    this.poppedAction = actions[0];
    this.poppedSubject = subjects[0];
    const size = --this.count;
    const lastTime = times[size];
    const lastRank = ranks[size];
    const lastAction = actions[size];
    const lastSubject = subjects[size];
    actions[size] = undefined; // let the subject be collected
    subjects[size] = undefined;
    if (size === 0) return true;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (times[right] < times[child] ||
          (times[right] === times[child] && ranks[right] < ranks[child]))
      ) {
        child = right;
      }
      const ct = times[child];
      if (ct > lastTime || (ct === lastTime && ranks[child] > lastRank)) break;
      times[i] = ct;
      ranks[i] = ranks[child];
      actions[i] = actions[child];
      subjects[i] = subjects[child];
      i = child;
    }
    times[i] = lastTime;
    ranks[i] = lastRank;
    actions[i] = lastAction;
    subjects[i] = lastSubject;
    return true;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const ranks = new Float64Array(this.ranks.length * 2);
    times.set(this.times);
    ranks.set(this.ranks);
    this.times = times;
    this.ranks = ranks;
  }
}
