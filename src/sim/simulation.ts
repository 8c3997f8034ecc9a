import { type Action, EventQueue, rankOf, seqOf } from "./event-queue.js";

/** Identifies a scheduled event for `cancel`; -1 stands for "no event". */
export type EventId = number;

/**
 * A discrete-event simulation kernel: a clock and a queue of future events.
 *
 * Everything else is a client of `schedule`. The kernel never reads a wall clock and never logs,
 * so a run is a pure function of its inputs.
 */
export class Simulation {
  private readonly queue = new EventQueue();
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
    return this.queue.size;
  }

  /**
   * Runs `action(subject)` `delay` seconds from now and returns the event's id. Among events at
   * the same instant, lower `priority` runs first, then the earlier scheduled. Passing the
   * subject instead of capturing it in a closure lets callers reuse one bound function for every
   * event of a kind.
   */
  schedule<S>(delay: number, action: Action<S>, subject: S, priority = 0): EventId {
    if (!(delay >= 0))
      throw new RangeError(`cannot schedule ${delay} s from now: delay must be >= 0`);
    const id = this.seq++;
    this.queue.push(this.current + delay, rankOf(priority, id), action, subject);
    return id;
  }

  /** Runs `action(subject)` at absolute time `time` (not before now). */
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
    const queue = this.queue;
    while (
      queue.size > 0 &&
      this.cancelledPending > 0 &&
      this.isCancelled(seqOf(queue.peekRank()))
    ) {
      queue.pop();
      this.cancelledPending--;
    }
    return queue.peekTime();
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

  // Pops and runs the next live event due no later than `until`; false when there is none.
  private runNext(until: number): boolean {
    const queue = this.queue;
    for (;;) {
      if (queue.size === 0 || queue.peekTime() > until) return false;
      queue.pop();
      if (this.cancelledPending > 0 && this.isCancelled(seqOf(queue.poppedRank))) {
        this.cancelledPending--;
        continue;
      }
      this.current = queue.poppedTime;
      (queue.poppedAction as Action<unknown>)(queue.poppedSubject);
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
