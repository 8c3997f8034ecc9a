import { EventLane } from "./event-lane.js";
import { type Action, EventQueue, rankOf, seqOf } from "./event-queue.js";

/** Identifies a scheduled event for `cancel`; -1 stands for "no event". */
export type EventId = number;

/**
 * A discrete-event simulation kernel: a clock and a queue of future events.
 *
 * Everything else is a client of `schedule`. The kernel never reads a wall clock and never logs,
 * so a run is a pure function of its inputs. Events wait in a heap, or in lanes (see
 * {@link EventLane}) that the caller names for streams scheduled in time order; the next event
 * is the earliest of the heap's top and the lanes' heads, so lanes change speed, never order.
 */
export class Simulation {
  private readonly queue = new EventQueue();
  private readonly lanes: EventLane[] = [];
  /** The lane with the earliest head, or null when every lane is empty. */
  private firstLane: EventLane | null = null;
  private seq = 0;
  private current = 0;
  private stopped = false;
  // Lazy cancellation: one bit per event id, checked when the event comes up.
  private cancelled = new Uint8Array(1024);
  private cancelledPending = 0;

  /** The simulated time, in seconds. */
  get now(): number {
    return this.current;
  }

  /** Events waiting in the queue (cancelled ones until they come up). */
  get pending(): number {
    let n = this.queue.size;
    for (let i = 0; i < this.lanes.length; i++) n += this.lanes[i].count;
    return n;
  }

  /**
   * A lane for a stream of events that are mostly scheduled in time order, e.g. with one
   * constant delay: give it to `schedule` for each of them.
   */
  createLane(): EventLane {
    const lane = new EventLane();
    this.lanes.push(lane);
    return lane;
  }

  /**
   * Runs `action(subject)` `delay` seconds from now and returns the event's id. Among events at
   * the same instant, lower `priority` runs first, then the earlier scheduled. Passing the
   * subject instead of capturing it in a closure lets callers reuse one bound function for every
   * event of a kind. With a `lane` of this simulation's (see {@link createLane}), the event
   * waits there when that keeps the lane in order, else in the heap: the order is the same.
   */
  schedule<S>(
    delay: number,
    action: Action<S>,
    subject: S,
    priority = 0,
    lane: EventLane | null = null,
  ): EventId {
    if (!(delay >= 0))
      throw new RangeError(`cannot schedule ${delay} s from now: delay must be >= 0`);
    const id = this.seq++;
    const time = this.current + delay;
    const rank = rankOf(priority, id);
    if (lane?.takes(time, rank)) {
      lane.push(time, rank, action, subject);
      // Only an event entering an empty lane changes that lane's head.
      if (lane.count === 1 && isBefore(lane, this.firstLane)) this.firstLane = lane;
    } else {
      this.queue.push(time, rank, action, subject);
    }
    return id;
  }

  /** Runs `action(subject)` at absolute time `time` (not before now); see {@link schedule}. */
  scheduleAt<S>(
    time: number,
    action: Action<S>,
    subject: S,
    priority = 0,
    lane: EventLane | null = null,
  ): EventId {
    return this.schedule(time - this.current, action, subject, priority, lane);
  }

  /**
   * Cancels a pending event in O(1): it stays queued and is skipped when it comes up. Cancelling
   * -1, or an event that already ran or was cancelled, does nothing.
   */
  cancel(id: EventId): void {
    if (id < 0 || id >= this.seq) return;
    const byte = Math.floor(id / 8);
    const bit = 1 << (id % 8);
    if (byte >= this.cancelled.length) this.growCancelled(byte);
    if ((this.cancelled[byte] & bit) === 0) {
      this.cancelled[byte] |= bit;
      this.cancelledPending++;
    }
  }

  /** Time of the next live event, or Infinity when none is left. Discards cancelled heads. */
  peek(): number {
    for (;;) {
      const fromLane = this.laneFirst();
      if (!fromLane && this.queue.size === 0) return Number.POSITIVE_INFINITY;
      const rank = fromLane ? (this.firstLane as EventLane).headRank : this.queue.peekRank();
      if (this.cancelledPending === 0 || !this.isCancelled(seqOf(rank))) {
        return fromLane ? (this.firstLane as EventLane).headTime : this.queue.peekTime();
      }
      if (fromLane) this.popLane();
      else this.queue.pop();
      this.cancelledPending--;
    }
  }

  /** Runs the next live event. Returns false when the queue is empty. */
  step(): boolean {
    return this.runNext(Number.POSITIVE_INFINITY);
  }

  /**
   * Runs events until the queue is empty, `stop()` is called, or the next event lies after
   * `until`; then the clock stands at `until` if it was given and reached.
   */
  run(until = Number.POSITIVE_INFINITY): void {
    this.stopped = false;
    while (!this.stopped && this.runNext(until)) {}
    if (!this.stopped && until !== Number.POSITIVE_INFINITY && until > this.current) {
      this.current = until;
    }
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  // Whether the next event is the first lane's head rather than the heap's top.
  private laneFirst(): boolean {
    const lane = this.firstLane;
    if (lane === null) return false;
    const queue = this.queue;
    if (queue.size === 0) return true;
    const t = lane.headTime;
    const qt = queue.peekTime();
    return t < qt || (t === qt && lane.headRank < queue.peekRank());
  }

  // Pops the first lane's head and finds the lane that now has the earliest head.
  private popLane(): void {
    (this.firstLane as EventLane).pop();
    let first: EventLane | null = null;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i];
      if (lane.count > 0 && isBefore(lane, first)) first = lane;
    }
    this.firstLane = first;
  }

  // Pops and runs the next live event due no later than `until`; false when there is none.
  private runNext(until: number): boolean {
    const queue = this.queue;
    for (;;) {
      let time: number;
      let rank: number;
      let action: Action<unknown>;
      let subject: unknown;
      if (this.laneFirst()) {
        const lane = this.firstLane as EventLane;
        time = lane.headTime;
        if (time > until) return false;
        rank = lane.headRank;
        this.popLane();
        action = lane.poppedAction as Action<unknown>;
        subject = lane.poppedSubject;
      } else {
        if (queue.size === 0 || queue.peekTime() > until) return false;
        queue.pop();
        time = queue.poppedTime;
        rank = queue.poppedRank;
        action = queue.poppedAction as Action<unknown>;
        subject = queue.poppedSubject;
      }
      if (this.cancelledPending > 0 && this.isCancelled(seqOf(rank))) {
        this.cancelledPending--;
        continue;
      }
      this.current = time;
      action(subject);
      return true;
    }
  }

  // Whether `id` was cancelled; an id can come up only once, so the bit is left as it is.
  private isCancelled(id: number): boolean {
    const byte = Math.floor(id / 8);
    return byte < this.cancelled.length && (this.cancelled[byte] & (1 << (id % 8))) !== 0;
  }

  private growCancelled(byte: number): void {
    let size = this.cancelled.length;
    while (size <= byte) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.cancelled);
    this.cancelled = grown;
  }
}

// Whether a non-empty lane's head comes before another lane's (null: no lane).
function isBefore(lane: EventLane, other: EventLane | null): boolean {
  if (other === null) return true;
  const t = lane.headTime;
  const o = other.headTime;
  return t < o || (t === o && lane.headRank < other.headRank);
}
