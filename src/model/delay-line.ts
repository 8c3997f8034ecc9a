import { doubledRing } from "./ring-buffer.js";

/**
 * Leads waiting out one constant delay (a retry rule's). Since every lead waits the same time,
 * they come due in the order they entered: a ring buffer keeps them, and the campaign takes the
 * due ones when it next looks for a lead, so a waiting lead costs no event at all. The buffer
 * doubles when full, so memory follows the leads waiting, not the size of the list.
 */
export class DelayLine {
  private leads = new Int32Array(256);
  private dueAt = new Float64Array(256);
  private head = 0;
  private count = 0;

  constructor(readonly delaySeconds: number) {}

  /** Leads still waiting. */
  get size(): number {
    return this.count;
  }

  /** When the first waiting lead is due; Infinity when none waits. */
  get headDueAt(): number {
    return this.count > 0 ? this.dueAt[this.head] : Number.POSITIVE_INFINITY;
  }

  /** Starts `lead`'s wait at `now`; returns when it is due. */
  push(lead: number, now: number): number {
    if (this.count === this.leads.length) this.grow();
    const at = (this.head + this.count++) % this.leads.length;
    const due = now + this.delaySeconds;
    this.leads[at] = lead;
    this.dueAt[at] = due;
    return due;
  }

  /** Doubles the buffer, which is full (apart, so that `push` stays small enough to inline). */
  private grow(): void {
    this.leads = doubledRing(this.leads, this.head, this.count);
    this.dueAt = doubledRing(this.dueAt, this.head, this.count);
    this.head = 0;
  }

  /** Removes and returns the first waiting lead (the caller has checked that one waits). */
  shift(): number {
    const lead = this.leads[this.head];
    this.head = (this.head + 1) % this.leads.length;
    this.count--;
    return lead;
  }
}
