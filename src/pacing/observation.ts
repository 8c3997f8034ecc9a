/**
 * Elapsed times of one kind of thing in progress (calls ringing, agents talking...): a growable
 * list owned by the caller and refilled in place, so that filling it allocates nothing once it
 * has grown.
 */
export class ElapsedTimes {
  private values = new Float64Array(16);
  /** How many entries are in use. */
  length = 0;

  /** Empties the list (keeping its memory). */
  clear(): void {
    this.length = 0;
  }

  /** Appends an elapsed time in seconds. */
  push(seconds: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = seconds;
  }

  /** The i-th entry (0 <= i < length). */
  at(i: number): number {
    return this.values[i];
  }
}

/**
 * What a dialer observes beyond a {@link DialerView}'s counts, for a pacer that forecasts: each
 * call in flight and each busy agent with the time it has been so, the leads left and the
 * calling time left. Nothing here reveals a future (no drawn outcome or duration). Filled on
 * demand by `DialerView.observe` into a buffer the pacer owns.
 */
export class Observation {
  /** Paced calls ringing: seconds since each was placed. */
  readonly ringing = new ElapsedTimes();
  /** Paced calls under answering-machine detection: seconds since each was answered. */
  readonly detecting = new ElapsedTimes();
  /** Paced calls holding for an agent: seconds since each was answered. */
  readonly waiting = new ElapsedTimes();
  /** Paced agents talking: seconds since each conversation began. */
  readonly talking = new ElapsedTimes();
  /** Paced agents in after-call work: seconds since each began it. */
  readonly wrapUp = new ElapsedTimes();
  /** Leads waiting for a call: never dialled, or waiting for a retry or their hours. */
  leadsLeft = 0;
  /** Seconds of calling time left in the campaign from now, today's included. */
  callingSecondsLeft = 0;

  /** Empties every list (the counts are overwritten by the filler). */
  clear(): void {
    this.ringing.clear();
    this.detecting.clear();
    this.waiting.clear();
    this.talking.clear();
    this.wrapUp.clear();
    this.leadsLeft = 0;
    this.callingSecondsLeft = 0;
  }
}
