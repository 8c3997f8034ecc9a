import type { Pacer } from "./pacer.js";
import { callsInFlight, type DialerView } from "./view.js";

/**
 * Calls that keep every call in flight covered by a ready agent: `max(0, ready - callsInFlight)`.
 * The fallback of every other pacer: such calls can never go silent (AMD false positives apart).
 */
export function progressiveCalls(view: DialerView): number {
  const n = view.agents.ready - callsInFlight(view);
  return Math.max(n, 0);
}

/** Progressive (1:1) dialing: one call per ready agent not already covered by a call in flight. */
export class ProgressivePacer implements Pacer {
  readonly name = "progressive";
  readonly cadenceSeconds = 1;
  readonly decidesOnAgentReady = true;
  readonly readsCountsOnly = true;

  copy(): Pacer {
    return this; // no state of its own
  }

  decide(view: DialerView): number {
    return progressiveCalls(view);
  }
}
