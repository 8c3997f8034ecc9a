/** The running integral over time of a piecewise-constant value (e.g. calls in flight). */
export class TimeIntegral {
  /** The current value. */
  value = 0;
  /** Integral of the value from time 0 to the last update. */
  total = 0;
  private last = 0;

  /** Accounts for the current value up to `now`, then changes it to `next`. */
  update(now: number, next: number): void {
    this.total += this.value * (now - this.last);
    this.last = now;
    this.value = next;
  }
}
