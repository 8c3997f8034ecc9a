import { DEFAULT_BUCKET_SECONDS, EventCalendar } from "./event-calendar.js";
import { type Action, EventQueue, rankOf, seqOf } from "./event-queue.js";

/** Identifies a scheduled event for `cancel`; -1 stands for "no event". */
export type EventId = number;

/** What a pending event will do: `action(subject)`. */
export interface PendingEvent {
  readonly action: Action<unknown>;
  readonly subject: unknown;
}

/**
 * A discrete-event simulation kernel: a clock and a queue of future events.
 *
 * Everything else is a client of `schedule`. The kernel never reads a wall clock and never logs,
 * so a run is a pure function of its inputs. Events wait in a calendar queue's buckets when
 * they are due soon (see {@link EventCalendar}), else in a heap; the next event is the earlier
 * of the calendar's head and the heap's top, so the buckets change speed, never order.
 */
export class Simulation {
  private readonly calendar: EventCalendar;
  private readonly heap = new EventQueue();
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
    return this.heap.size + this.calendar.size;
  }

  /**
   * Runs `action(subject)` `delay` seconds from now and returns the event's id. Among events at
   * the same instant, lower `priority` runs first, then the earlier scheduled. Passing the
   * subject instead of capturing it in a closure lets callers reuse one bound function for every
   * event of a kind.
   */
  schedule<S>(delay: number, action: Action<S>, subject: S, priority = 0): EventId {
    if (!(delay >= 0)) badDelay(delay);
    const id = this.seq++;
    const time = this.current + delay;
    const rank = rankOf(priority, id);
    if (!this.calendar.push(time, rank, action, subject, this.current)) {
      this.heap.push(time, rank, action, subject);
    }
    return id;
  }

  /** Runs `action(subject)` at absolute time `time` (not before now); see {@link schedule}. */
  scheduleAt<S>(time: number, action: Action<S>, subject: S, priority = 0): EventId {
    return this.schedule(time - this.current, action, subject, priority);
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
    const calendar = this.calendar;
    const heap = this.heap;
    for (;;) {
      const fromCalendar = this.calendarIsNext();
      const rank = fromCalendar ? calendar.headRank : heap.peekRank();
      if (rank === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY; // both empty
      if (this.cancelledPending === 0 || !this.isCancelled(rank)) {
        return fromCalendar ? calendar.headTime : heap.peekTime();
      }
      if (fromCalendar) calendar.pop();
      else heap.pop();
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

  /**
   * Makes this simulation (one that has run nothing yet) a copy of `other` at its current
   * instant: the same clock, the same event ids to come, and each of `other`'s pending events
   * (cancelled ones left out) with its time and rank, its action and subject passed through
   * `translate` (the copier maps the original's handlers and subjects to its own). The copy
   * then runs independently of the original and in the same order.
   */
  copyFrom(other: Simulation, translate: (event: PendingEvent) => PendingEvent): void {
    if (this.seq !== 0) throw new Error("Simulation.copyFrom: this simulation has already run");
    this.current = other.current;
    this.seq = other.seq;
    // Ids already cancelled stay so; their events are not copied, so none is pending here.
    this.cancelled = other.cancelled.slice();
    const copyEvent = (time: number, rank: number, action: Action<unknown>, subject: unknown) => {
      if (other.cancelledPending > 0 && other.isCancelled(rank)) return;
      const event = translate({ action, subject });
      if (!this.calendar.push(time, rank, event.action, event.subject, this.current)) {
        this.heap.push(time, rank, event.action, event.subject);
      }
    };
    other.calendar.forEach(copyEvent);
    other.heap.forEach(copyEvent);
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  // Whether the next event is the calendar's head rather than the heap's top. An empty calendar
  // or heap has keys (Infinity, Infinity), after any event, even one at time Infinity.
  private calendarIsNext(): boolean {
    const calendar = this.calendar;
    const heap = this.heap;
    const ct = calendar.headTime;
    const qt = heap.peekTime();
    return ct < qt || (ct === qt && calendar.headRank < heap.peekRank());
  }

  // Pops and runs the next live event due no later than `until`; false when there is none.
  private runNext(until: number): boolean {
    for (;;) {
      let time: number;
      let rank: number;
      let action: Action<unknown>;
      let subject: unknown;
      if (this.calendarIsNext()) {
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
        if (time > until || heap.size === 0) return false;
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

// Out of line so that `schedule` stays small enough to inline (see rankOf's check).
function badDelay(delay: number): never {
  throw new RangeError(`cannot schedule ${delay} s from now: delay must be >= 0`);
}
