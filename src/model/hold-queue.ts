import { type Call, CallState } from "./call.js";
import type { CallCopies } from "./copy-state.js";

/**
 * Answered calls holding for an agent, oldest first. A call that leaves the hold otherwise (cut
 * off, hung up) stays in the queue and is skipped when reached: its state is no longer
 * `waiting`, or its record was reused for a later attempt (its id then differs from the one
 * queued). Nothing is allocated once the arrays have grown.
 */
export class HoldQueue {
  private readonly calls: Call[] = [];
  /** Each queued call's id when queued. */
  private readonly ids: number[] = [];
  private head = 0;

  /** Puts this queue in `other`'s state, naming the copies of its calls. */
  copyFrom(other: HoldQueue, calls: CallCopies): void {
    for (let i = other.head; i < other.calls.length; i++) {
      this.calls.push(calls.of(other.calls[i]));
      this.ids.push(other.ids[i]);
    }
  }

  push(call: Call): void {
    this.calls.push(call);
    this.ids.push(call.id);
  }

  /** The oldest call still holding, taken off the queue, or null. */
  next(): Call | null {
    const calls = this.calls;
    while (this.head < calls.length) {
      const i = this.head++;
      const call = calls[i];
      if (call.state === CallState.waiting && call.id === this.ids[i]) return call;
    }
    if (this.head > 0) {
      calls.length = 0;
      this.ids.length = 0;
      this.head = 0;
    }
    return null;
  }
}
