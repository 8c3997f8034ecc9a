import type { EventId } from "../sim/simulation.js";

/** A call in a forecast's future, from placement (or the observation) to its end. */
export class ForecastCall {
  /** ringing, detecting, waiting, talking or ended. */
  state: "ringing" | "detecting" | "waiting" | "talking" | "ended" = "ringing";
  /** Seconds from the forecast's start the call was answered. */
  answeredAt = 0;
  cutoff: EventId = -1;
  hangUp: EventId = -1;

  constructor(
    /** OUTCOMES index: 0 person, 1 machine (a forecast makes no object of a call not answered). */
    readonly outcome: number,
    /** Seconds from placement (or the observation) to the ring's end. */
    readonly ring: number,
  ) {}

  get isPerson(): boolean {
    return this.outcome === 0;
  }
}
