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

  /** Time of the earliest event (read only when count > 0). */
  get headTime(): number {
    return this.times[this.head];
  }

  /** Rank of the earliest event (read only when count > 0). */
  get headRank(): number {
    return this.ranks[this.head];
  }

  /** Whether an event at (time, rank) can join the lane without breaking its order. */
  takes(time: number, rank: number): boolean {
    if (this.count === 0) return true;
    const tail = (this.head + this.count - 1) & this.mask;
    const tailTime = this.times[tail];
    return tailTime < time || (tailTime === time && this.ranks[tail] < rank);
  }

  /** Appends an event; the caller has checked {@link takes}. */
  push<S>(time: number, rank: number, action: Action<S>, subject: S): void {
    if (this.count > this.mask) this.grow();
    const at = (this.head + this.count++) & this.mask;
    this.times[at] = time;
    this.ranks[at] = rank;
    this.actions[at] = action as Action<unknown>;
    this.subjects[at] = subject;
  }

  /** Removes the earliest event; `poppedAction` and `poppedSubject` hold what it was. */
  pop(): void {
    const at = this.head;
    this.poppedAction = this.actions[at];
    this.poppedSubject = this.subjects[at];
    this.actions[at] = undefined; // let the subject be collected
    this.subjects[at] = undefined;
    this.head = (at + 1) & this.mask;
    this.count--;
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
