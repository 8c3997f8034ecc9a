import { type Call, CallState } from "./call.js";
import type { CallCopies } from "./copy-state.js";

/**
 * Answered calls holding for an agent, oldest first. A call that leaves the hold otherwise (cut
 * off, hung up) stays in the queue and is skipped when reached: its state is no longer
 * `waiting`, or its record was reused for a later attempt (its id then differs from the one
 * queued). Nothing is allocated once the arrays have grown.
 */
export class HoldQueue {
  // Slots [head, tail) hold the queue. The arrays keep their length when the queue empties, so
  // later holds reuse them instead of growing new ones (stale slots only name recycled records).
  private readonly calls: Call[] = [];
  /** Each queued call's id when queued. */
  private readonly ids: number[] = [];
  private head = 0;
  private tail = 0;

  /** Puts this queue in `other`'s state, naming the copies of its calls. */
  copyFrom(other: HoldQueue, calls: CallCopies): void {
    for (let i = other.head; i < other.tail; i++) {
      this.push(calls.of(other.calls[i]));
      this.ids[this.tail - 1] = other.ids[i];
    }
  }

  push(call: Call): void {
    this.calls[this.tail] = call;
    this.ids[this.tail] = call.id;
    this.tail++;
  }

  /** The oldest call still holding, taken off the queue, or null. */
  next(): Call | null {
    const calls = this.calls;
    while (this.head < this.tail) {
      const i = this.head++;
      const call = calls[i];
      if (call.state === CallState.waiting && call.id === this.ids[i]) return call;
    }
    this.head = 0;
    this.tail = 0;
    return null;
  }
}
