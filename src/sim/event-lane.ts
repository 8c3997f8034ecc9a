import type { Action } from "./event-queue.js";

/**
 * A FIFO of events whose (time, rank) grow in the order they are scheduled, such as every
 * event of one kind scheduled with the same constant delay (a no-answer timeout, a cadence, a
 * retry delay). Such events need no heap: they go in and out in O(1), in ring buffers that
 * double when full. The simulation merges the heads of its lanes with the heap's top, so events
 * run in exactly the order one heap would give them; an event that would break a lane's order
 * goes to the heap instead (see {@link EventLane.takes}).
 */
export class EventLane {
  private times = new Float64Array(64);
  private ranks = new Float64Array(64);
  private actions: (Action<unknown> | undefined)[] = new Array(64).fill(undefined);
  private subjects: unknown[] = new Array(64).fill(undefined);
  private mask = 63;
  private head = 0;
  /** Events in the lane. */
  count = 0;
  // The head's and the tail's keys in fields, so the kernel's comparisons read no array. An
  // empty lane's head is (Infinity, Infinity), after every event; its tail is (-Infinity,
  // -Infinity), before every event, so `takes` needs no emptiness test.
  private firstTime = Number.POSITIVE_INFINITY;
  private firstRank = Number.POSITIVE_INFINITY;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastRank = Number.NEGATIVE_INFINITY;

  /** Time of the earliest event; Infinity when the lane is empty. */
  get headTime(): number {
    return this.firstTime;
  }

  /** Rank of the earliest event; Infinity when the lane is empty. */
  get headRank(): number {
    return this.firstRank;
  }

  /** Whether an event at (time, rank) can join the lane without breaking its order. */
  takes(time: number, rank: number): boolean {
    const lastTime = this.lastTime;
    return lastTime < time || (lastTime === time && this.lastRank < rank);
  }

  /** Appends an event; the caller has checked {@link takes}. */
  push<S>(time: number, rank: number, action: Action<S>, subject: S): void {
    if (this.count > this.mask) this.grow();
    const at = (this.head + this.count) & this.mask;
    this.times[at] = time;
    this.ranks[at] = rank;
    this.actions[at] = action as Action<unknown>;
    this.subjects[at] = subject;
    if (this.count++ === 0) {
      this.firstTime = time;
      this.firstRank = rank;
    }
    this.lastTime = time;
    this.lastRank = rank;
  }

  /** Removes the earliest event; `poppedAction` and `poppedSubject` hold what it was. */
  pop(): void {
    const at = this.head;
    this.poppedAction = this.actions[at];
    this.poppedSubject = this.subjects[at];
    this.actions[at] = undefined; // let the subject be collected
    this.subjects[at] = undefined;
    const next = (at + 1) & this.mask;
    this.head = next;
    if (--this.count > 0) {
      this.firstTime = this.times[next];
      this.firstRank = this.ranks[next];
    } else {
      this.firstTime = Number.POSITIVE_INFINITY;
      this.firstRank = Number.POSITIVE_INFINITY;
      this.lastTime = Number.NEGATIVE_INFINITY;
      this.lastRank = Number.NEGATIVE_INFINITY;
    }
  }

  poppedAction: Action<unknown> | undefined = undefined;
  poppedSubject: unknown = undefined;

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const times = new Float64Array(size);
    const ranks = new Float64Array(size);
    const actions: (Action<unknown> | undefined)[] = new Array(size).fill(undefined);
    const subjects: unknown[] = new Array(size).fill(undefined);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      times[i] = this.times[from];
      ranks[i] = this.ranks[from];
      actions[i] = this.actions[from];
      subjects[i] = this.subjects[from];
    }
    this.times = times;
    this.ranks = ranks;
    this.actions = actions;
    this.subjects = subjects;
    this.mask = size - 1;
    this.head = 0;
  }
}
