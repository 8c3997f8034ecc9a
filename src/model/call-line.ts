import type { Call, CallResult } from "./call.js";

/**
 * What the dialed numbers do, and what the line must hear of the campaign: the one seam
 * between the campaign model and the world it dials. The simulator draws outcomes and
 * durations from the scenario (`DrawnCallees`); the live runner learns them from a real SIP
 * line and the wall clock. The model never asks which one it has.
 */
export interface CallLine {
  /**
   * True when the line may still hold a call's record after the call ended (a SIP dialog
   * closing): the model then never reuses the record for a later attempt.
   */
  readonly keepsEndedCalls: boolean;
  /**
   * An attempt starts. A line that knows the outcome at once (the simulator) sets
   * `call.outcome` and returns the seconds until the ring ends (the answer, the rejection or
   * the dialer's no-answer timer); a real line returns -1 and reports the ring's end later
   * through the campaign's call flow.
   */
  dial(call: Call): number;
  /** Seconds a person who answered waits for an agent before hanging up (Infinity: a real callee decides). */
  patience(): number;
  /**
   * Seconds after an agent takes a call before the callee can have heard the agent: 0 in the
   * simulator; live, the network's round trip (scenario seconds). A callee who hangs up sooner
   * hung up on the silence, not on the agent: the call counts silent, not connected.
   */
  readonly heardAfter: number;
  /** An agent took the call: the callee hears the agent from now on. */
  connected(call: Call): void;
  /**
   * The attempt is over in the campaign's books; `locked` when the dialer locked the number
   * (a silent call, or an AMD hang-up where so set). A real line hangs up an answered call the
   * network has not ended, and carries the lock past the run.
   */
  ended(call: Call, result: CallResult, locked: boolean): void;
}
