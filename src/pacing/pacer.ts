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
  /**
   * True when `decide` reads only the view's counts (agents, calls, totals, today; never `now`,
   * `secondsToWindowEnd` or `talkElapsed`) and returns the same number for the same counts,
   * whatever views it was shown before. The dialer may then reuse its last answer, without
   * asking, until a count changes. Absent means false: the pacer is asked at every decision.
   */
  readonly readsCountsOnly?: boolean;
  /**
   * True when `decide` answers the same at every tick while no count of the view changes. A
   * pacer that reads counts only does; VICIdial's RATIO, asked only at its ticks, does too (its
   * clock only spaces them); one that reads elapsed times or moves its level on a timer does not.
   * The simulator, which knows when the next count can change, then skips the ticks that would
   * place nothing. Absent means false.
   */
  readonly ticksFollowCounts?: boolean;
  /**
   * True when `decide` calls `view.observe` (elapsed times of calls and agents): the dialer then
   * keeps its calls observable. Absent means false.
   */
  readonly observesCalls?: boolean;
  /** How many calls to place now: a non-negative integer. */
  decide(view: DialerView): number;
  /**
   * An independent pacer in this one's state, deciding from now on as this one would (a copy
   * of a campaign runs forward with it). A pacer without state may return itself.
   */
  copy(): Pacer;
}

/**
 * A copy of a pacer object with its own state: a new object of the same class whose fields are
 * the original's, typed arrays duplicated (settings and numbers are values, so sharing is safe).
 */
export function copyOfPacer<T extends Pacer>(pacer: T): T {
  const copy = Object.create(Object.getPrototypeOf(pacer)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(pacer)) {
    copy[key] = value instanceof Float64Array ? value.slice() : value;
  }
  return copy as T;
}
