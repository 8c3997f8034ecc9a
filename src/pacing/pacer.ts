import type { DialerView } from "./view.js";

/**
 * A pacing algorithm: decides how many calls to place now from what the dialer can observe.
 *
 * A pacer may keep state, but only state derived from the views it has been shown, so its
 * decisions are a pure function of the sequence of views. It never imports anything from the
 * simulator or the live runner: both call it exactly the same way.
 */
export interface Pacer {
  /** Algorithm name as written in scenarios, e.g. `vicidial-ratio`. */
  readonly name: string;
  /** Seconds between periodic decisions. */
  readonly cadenceSeconds: number;
  /** Whether the dialer should also decide the moment an agent becomes ready. */
  readonly decidesOnAgentReady: boolean;
  /** How many calls to place now: a non-negative integer. */
  decide(view: DialerView): number;
}
