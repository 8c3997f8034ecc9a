/**
 * How much faster than the wall clock a live run plays its scenario (`--time-scale k`): k
 * scenario seconds per wall-clock second. Scenario durations (ring, talk, wrap-up, patience,
 * shifts, retry delays, intervals) run k times faster on the wire; the cut-off and the lock-outs
 * are real seconds and never scaled, so on the scenario clock they read k times longer.
 *
 * The one place where seconds cross between the two clocks: live, the endpoint, the audit and
 * the reports convert through it rather than multiplying or dividing by k themselves.
 */
export class TimeScale {
  /** Scenario time at the wall clock's pace: the only scale of a compliance run. */
  static readonly REAL_TIME = new TimeScale(1);

  private constructor(
    /** Scenario seconds per wall-clock second. */
    readonly factor: number,
  ) {}

  /** Whether `factor` is a time scale: a finite number above 0. */
  static isValid(factor: number): boolean {
    return Number.isFinite(factor) && factor > 0;
  }

  /**
   * The time scale of `factor` scenario seconds per wall-clock second.
   * @throws RangeError for 0, a negative number, NaN or an infinity
   */
  static of(factor: number): TimeScale {
    if (!TimeScale.isValid(factor)) {
      throw new RangeError(
        `a time scale is a positive number of scenario seconds per wall-clock second, not ${factor}`,
      );
    }
    return factor === 1 ? TimeScale.REAL_TIME : new TimeScale(factor);
  }

  /** Whether scenario time runs at the wall clock's pace (k = 1). */
  get isRealTime(): boolean {
    return this.factor === 1;
  }

  /** Wall-clock seconds that `scenarioSeconds` take. */
  toWallSeconds(scenarioSeconds: number): number {
    return scenarioSeconds / this.factor;
  }

  /** Wall-clock milliseconds that `scenarioSeconds` take. */
  toWallMs(scenarioSeconds: number): number {
    return (scenarioSeconds / this.factor) * 1000;
  }

  /**
   * Scenario seconds that pass in `wallSeconds` of wall-clock time; also a real-seconds limit
   * (the cut-off, never scaled on the wire) as it reads on the scenario clock.
   */
  toScenarioSeconds(wallSeconds: number): number {
    return wallSeconds * this.factor;
  }

  /** Scenario seconds that pass in `wallMs` milliseconds of wall-clock time. */
  wallMsToScenarioSeconds(wallMs: number): number {
    return (wallMs / 1000) * this.factor;
  }

  /** The factor as a number prints (`60`), so that `time scale ${scale}` reads as before. */
  toString(): string {
    return String(this.factor);
  }
}
