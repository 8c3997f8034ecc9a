import type { Simulation } from "../sim/simulation.js";

/**
 * Leads waiting out one constant delay (a retry rule's). Since every lead waits the same time,
 * they come due in the order they entered: a ring buffer does the job of the event queue with
 * one pending event per line instead of one per lead, keeping the kernel's heap small.
 */
export class DelayLine {
  private readonly leads: Int32Array;
  private readonly dueAt: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    private readonly sim: Simulation,
    readonly delaySeconds: number,
    capacity: number,
    private readonly onDue: (lead: number) => void,
  ) {
    this.leads = new Int32Array(Math.max(1, capacity));
    this.dueAt = new Float64Array(Math.max(1, capacity));
  }

  /** Leads still waiting. */
  get size(): number {
    return this.count;
  }

  /** Starts `lead`'s wait now. */
  push(lead: number): void {
    const capacity = this.leads.length;
    if (this.count === capacity) throw new RangeError(`delay line full (${capacity})`);
    const at = (this.head + this.count) % capacity;
    this.leads[at] = lead;
    this.dueAt[at] = this.sim.now + this.delaySeconds;
    if (this.count++ === 0) this.sim.schedule(this.delaySeconds, this.release, null);
  }

  // Hands over every lead now due, then waits for the next one.
  private readonly release = (_: null): void => {
    const now = this.sim.now;
    const capacity = this.leads.length;
    while (this.count > 0 && this.dueAt[this.head] <= now) {
      const lead = this.leads[this.head];
      this.head = (this.head + 1) % capacity;
      this.count--;
      this.onDue(lead);
    }
    if (this.count > 0) this.sim.scheduleAt(this.dueAt[this.head], this.release, null);
  };
}
