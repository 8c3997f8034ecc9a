import type { Scenario } from "../scenario/scenario.js";
import type { TimeScale } from "../time/time-scale.js";

/**
 * The bridge between the scenario's clock and the wall clock of a live run: scenario time runs
 * `timeScale` faster than the wall clock from the moment the run starts.
 */
export class ScenarioClock {
  private wallStartMs = Number.NaN;
  private scenarioStart = 0;

  /**
   * @param timeScale scenario seconds per wall-clock second
   * @param wallMs the wall clock, ms since the epoch
   */
  constructor(
    readonly timeScale: TimeScale,
    readonly wallMs: () => number,
  ) {}

  /** Scenario second `scenarioStart` is now. */
  start(scenarioStart: number): void {
    this.scenarioStart = scenarioStart;
    this.wallStartMs = this.wallMs();
  }

  /** Scenario seconds now. */
  now(): number {
    return (
      this.scenarioStart + this.timeScale.wallMsToScenarioSeconds(this.wallMs() - this.wallStartMs)
    );
  }

  /** Wall-clock seconds since the run started. */
  elapsedWallSeconds(): number {
    return (this.wallMs() - this.wallStartMs) / 1000;
  }

  /** Wall-clock ms from now until scenario second `t` (0 if past). */
  msUntil(t: number): number {
    return Math.max(0, this.timeScale.toWallMs(t - this.now()));
  }

  /**
   * The scenario as the campaign must see it on this clock: the dialer's cut-off is real
   * seconds on the wire, so in scenario seconds it is longer by the scale.
   */
  campaignScenario(scenario: Scenario): Scenario {
    const dialer = scenario.dialer;
    return {
      ...scenario,
      dialer: { ...dialer, cutoffSeconds: this.timeScale.toScenarioSeconds(dialer.cutoffSeconds) },
    };
  }
}
