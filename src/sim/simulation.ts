import { DEFAULT_BUCKET_SECONDS, EventCalendar } from "./event-calendar.js";
import { EventLane } from "./event-lane.js";
import { type Action, EventQueue, rankOf, seqOf } from "./event-queue.js";

/** Identifies a scheduled event for `cancel`; -1 stands for "no event". */
export type EventId = number;

// Where the next event waits (see `nextSource`).
const LANE = 0;
const CALENDAR = 1;
const HEAP = 2;
const NONE = 3;
type Source = typeof LANE | typeof CALENDAR | typeof HEAP | typeof NONE;

/**
 * A discrete-event simulation kernel: a clock and a queue of future events.
 *
 * Everything else is a client of `schedule`. The kernel never reads a wall clock and never logs,
 * so a run is a pure function of its inputs. Events wait in a calendar queue's buckets when
 * they are due soon (see {@link EventCalendar}), in lanes (see {@link EventLane}) that the
 * caller names for streams scheduled in time order, or else in a heap; the next event is the
 * earliest of the calendar's head, the lanes' heads and the heap's top, so buckets and lanes
 * change speed, never order.
 */
export class Simulation {
  private readonly calendar: EventCalendar;
  private readonly heap = new EventQueue();
  private readonly lanes: EventLane[] = [];
  // The lane with the earliest head and that head's keys, (Infinity, Infinity) when every lane
  // is empty: the only lane keys that each step compares with the calendar's and the heap's.
  private firstLane: EventLane | null = null;
  private laneTime = Number.POSITIVE_INFINITY;
  private laneRank = Number.POSITIVE_INFINITY;
  private seq = 0;
  private current = 0;
  private stopped = false;
  // Lazy cancellation: one bit per event id, checked when the event comes up.
  private cancelled = new Uint8Array(1024);
  private cancelledPending = 0;

  /**
   * A simulation at time 0 with no events. `bucketSeconds`, the calendar's bucket width, only
   * changes speed: best with a few events per bucket in the near future (the default suits ~4
   * events a second at delays of seconds to minutes).
   */
  constructor({ bucketSeconds = DEFAULT_BUCKET_SECONDS }: { bucketSeconds?: number } = {}) {
    this.calendar = new EventCalendar(bucketSeconds);
  }

  /** The simulated time, in seconds. */
  get now(): number {
    return this.current;
  }

  /** Events waiting in the queue (cancelled ones until they come up). */
  get pending(): number {
    let n = this.heap.size + this.calendar.size;
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
   * waits there when that keeps the lane in order, else in the calendar or the heap: the order
   * is the same.
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
      if (lane.count === 1) this.enterLane(lane);
    } else if (!this.calendar.push(time, rank, action, subject, this.current)) {
      this.heap.push(time, rank, action, subject);
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
      const from = this.nextSource();
      if (from === NONE) return Number.POSITIVE_INFINITY;
      const rank =
        from === LANE
          ? this.laneRank
          : from === CALENDAR
            ? this.calendar.headRank
            : this.heap.peekRank();
      if (this.cancelledPending === 0 || !this.isCancelled(rank)) {
        return from === LANE
          ? this.laneTime
          : from === CALENDAR
            ? this.calendar.headTime
            : this.heap.peekTime();
      }
      if (from === LANE) this.popLane();
      else if (from === CALENDAR) this.calendar.pop();
      else this.heap.pop();
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

  // Where the next event waits: the first lane, the calendar or the heap (the earliest head; a
  // lane first on a tie, then the calendar, though ties only happen between empty ones), or
  // NONE. An empty calendar, heap or lane has keys (Infinity, Infinity), after any event, even
  // one at time Infinity.
  private nextSource(): Source {
    let time = this.laneTime;
    let rank = this.laneRank;
    let from: Source = LANE;
    const calendar = this.calendar;
    const ct = calendar.headTime;
    if (ct < time || (ct === time && calendar.headRank < rank)) {
      time = ct;
      rank = calendar.headRank;
      from = CALENDAR;
    }
    const heap = this.heap;
    const qt = heap.peekTime();
    if (qt < time || (qt === time && heap.peekRank() < rank)) return HEAP;
    return rank === Number.POSITIVE_INFINITY ? NONE : from;
  }

  // Makes a lane that has just become non-empty the first lane if its head is the earliest.
  private enterLane(lane: EventLane): void {
    const t = lane.headTime;
    if (t < this.laneTime || (t === this.laneTime && lane.headRank < this.laneRank)) {
      this.firstLane = lane;
      this.laneTime = t;
      this.laneRank = lane.headRank;
    }
  }

  // Pops the first lane's head and finds the lane that now has the earliest head. With a few
  // lanes, scanning their cached heads (an empty one's is (Infinity, Infinity)) measured as fast
  // as keeping them sorted. Returns the popped lane, the event in its `popped*` fields.
  private popLane(): EventLane {
    const popped = this.firstLane as EventLane;
    popped.pop();
    const lanes = this.lanes;
    let first = lanes[0];
    let time = first.headTime;
    let rank = first.headRank;
    for (let i = 1; i < lanes.length; i++) {
      const lane = lanes[i];
      const t = lane.headTime;
      if (t < time || (t === time && lane.headRank < rank)) {
        first = lane;
        time = t;
        rank = lane.headRank;
      }
    }
    this.firstLane = first;
    this.laneTime = time;
    this.laneRank = rank;
    return popped;
  }

  // Pops and runs the next live event due no later than `until`; false when there is none.
  private runNext(until: number): boolean {
    for (;;) {
      let time: number;
      let rank: number;
      let action: Action<unknown>;
      let subject: unknown;
      const from = this.nextSource();
      if (from === LANE) {
        time = this.laneTime;
        if (time > until) return false;
        rank = this.laneRank;
        const lane = this.popLane();
        action = lane.poppedAction as Action<unknown>;
        subject = lane.poppedSubject;
      } else if (from === CALENDAR) {
        const calendar = this.calendar;
        time = calendar.headTime;
        if (time > until) return false;
        rank = calendar.headRank;
        calendar.pop();
        action = calendar.poppedAction as Action<unknown>;
        subject = calendar.poppedSubject;
      } else {
        const heap = this.heap;
        time = heap.peekTime();
        if (time > until || from === NONE) return false;
        heap.pop();
        rank = heap.poppedRank;
        action = heap.poppedAction as Action<unknown>;
        subject = heap.poppedSubject;
      }
      if (this.cancelledPending > 0 && this.isCancelled(rank)) {
        this.cancelledPending--;
        continue;
      }
      this.current = time;
      action(subject);
      return true;
    }
  }

  // Whether the event of rank `rank` was cancelled; an event comes up only once, so its bit is
  // left as it is. `id & 7` is exact for any id: ToInt32 drops multiples of 2^32.
  private isCancelled(rank: number): boolean {
    const id = seqOf(rank);
    const byte = Math.floor(id / 8);
    return byte < this.cancelled.length && (this.cancelled[byte] & (1 << (id & 7))) !== 0;
  }

  private growCancelled(byte: number): void {
    let size = this.cancelled.length;
    while (size <= byte) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.cancelled);
    this.cancelled = grown;
  }
}
