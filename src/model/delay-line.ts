import type { EventLane } from "../sim/event-lane.js";
import type { Simulation } from "../sim/simulation.js";
import { doubledRing } from "./ring-buffer.js";

/**
 * Leads waiting out one constant delay (a retry rule's). Since every lead waits the same time,
 * they come due in the order they entered: a ring buffer does the job of the event queue with
 * one pending event per line instead of one per lead, keeping the kernel's heap small. The
 * buffer doubles when full, so memory follows the leads waiting, not the size of the list.
 */
export class DelayLine {
  private leads = new Int32Array(256);
  private dueAt = new Float64Array(256);
  private head = 0;
  private count = 0;
  /** The line's one pending release runs in a lane of its own, away from the heap. */
  private readonly lane: EventLane;

  constructor(
    private readonly sim: Simulation,
    readonly delaySeconds: number,
    private readonly onDue: (lead: number) => void,
  ) {
    this.lane = sim.createLane();
  }

  /** Leads still waiting. */
  get size(): number {
    return this.count;
  }

  /** Starts `lead`'s wait now. */
  push(lead: number): void {
    if (this.count === this.leads.length) {
      this.leads = doubledRing(this.leads, this.head, this.count);
      this.dueAt = doubledRing(this.dueAt, this.head, this.count);
      this.head = 0;
    }
    const at = (this.head + this.count) % this.leads.length;
    this.leads[at] = lead;
    this.dueAt[at] = this.sim.now + this.delaySeconds;
    if (this.count++ === 0) this.sim.schedule(this.delaySeconds, this.release, null, 0, this.lane);
  }

  // Hands over every lead now due, then waits for the next one.
  private readonly release = (_: null): void => {
    const now = this.sim.now;
    while (this.count > 0 && this.dueAt[this.head] <= now) {
      const lead = this.leads[this.head];
      this.head = (this.head + 1) % this.leads.length;
      this.count--;
      this.onDue(lead);
    }
    if (this.count > 0)
      this.sim.scheduleAt(this.dueAt[this.head], this.release, null, 0, this.lane);
  };
}
