import type { Scenario } from "../scenario/scenario.js";

/**
 * The bridge between the scenario's clock and the wall clock of a live run: scenario time runs
 * `timeScale` times faster than the wall clock from the moment the run starts.
 */
export class ScenarioClock {
  private wallStartMs = Number.NaN;
  private scenarioStart = 0;

  /**
   * @param timeScale scenario seconds per wall-clock second
   * @param wallMs the wall clock, ms since the epoch
   */
  constructor(
    readonly timeScale: number,
    readonly wallMs: () => number,
  ) {}

  /** Scenario second `scenarioStart` is now. */
  start(scenarioStart: number): void {
    this.scenarioStart = scenarioStart;
    this.wallStartMs = this.wallMs();
  }

  /** Scenario seconds now. */
  now(): number {
    return this.scenarioStart + ((this.wallMs() - this.wallStartMs) / 1000) * this.timeScale;
  }

  /** Wall-clock ms from now until scenario second `t` (0 if past). */
  msUntil(t: number): number {
    return Math.max(0, ((t - this.now()) / this.timeScale) * 1000);
  }

  /** Wall-clock ms that `scenarioSeconds` of the scenario take. */
  wallMsOf(scenarioSeconds: number): number {
    return (scenarioSeconds / this.timeScale) * 1000;
  }

  /**
   * The scenario as the campaign must see it on this clock: the cut-off is the rule set's real
   * seconds on the wire, so in scenario seconds it is multiplied by the scale.
   */
  campaignScenario(scenario: Scenario): Scenario {
    const dialer = scenario.dialer;
    return {
      ...scenario,
      dialer: { ...dialer, cutoffSeconds: dialer.cutoffSeconds * this.timeScale },
    };
  }
}
