import type { Observation } from "./observation.js";

/**
 * What a real dialer can observe at a decision instant: agents by state, calls in flight and
 * cumulative counters. Nothing here reveals a call's future (its outcome, ring or talk time).
 *
 * The simulator and the live runner fill one object and pass it to every decision; a pacer must
 * read it during `decide` and never keep a reference to it.
 */
export interface DialerView {
  /** Seconds since the campaign started. */
  readonly now: number;
  /** Seconds until today's dialing window closes (0 once it has closed). */
  readonly secondsToWindowEnd: number;
  readonly agents: AgentCounts;
  readonly calls: CallCounts;
  /**
   * Elapsed talk time in seconds of each agent now talking (length === agents.talking), in no
   * particular order.
   */
  readonly talkElapsed: ArrayLike<number>;
  /** Counters since the campaign started. */
  readonly totals: DialerCounters;
  /** Counters since today's dialing window opened. */
  readonly today: DialerCounters;
  /**
   * Fills `into` with each call's and busy agent's elapsed time, the leads and the calling time
   * left, now. Present when the dialer keeps its calls observable, which it does for a pacer
   * that says it reads them (`Pacer.observesCalls`); others never pay for it.
   */
  observe?(into: Observation): void;
}

/** Agents by state. Agents in wrap-up are paused in VICIdial's sense: not counted as active. */
export interface AgentCounts {
  /** Logged in and not on a break: ready + talking + wrapUp + reserved. */
  readonly loggedIn: number;
  /** Idle and free to take the next answered call. */
  readonly ready: number;
  /** On a call with a callee (person or undetected machine). */
  readonly talking: number;
  /** After-call work. */
  readonly wrapUp: number;
  /** Idle but held for a recontact call placed with an agent guaranteed. */
  readonly reserved: number;
}

/** Calls placed by the pacer that have not yet reached an agent or ended. */
export interface CallCounts {
  /** Placed and not yet answered. */
  readonly ringing: number;
  /** Answered and under answering-machine detection. */
  readonly detecting: number;
  /** Answered, judged live, holding for an agent (with comfort noise). */
  readonly waiting: number;
  /**
   * Of the ringing calls, those the dialer is cancelling (live mode: its no-answer timer sent
   * CANCEL and no final response has come). A 200 may still cross the CANCEL, from a callee
   * who has waited unheard for as long as the network took: always 0 in the simulator.
   */
  readonly cancelling: number;
  /**
   * Calls just put through to an agent whose audio may not have reached the callee yet (live
   * mode: within the network's round trip of the connect). A callee who hangs up now never
   * heard the agent: a silent call. Recontacts placed with their agent held count too (they
   * can go silent this way as well). Not in flight (their agent is talking); always 0 in the
   * simulator.
   */
  readonly unconfirmed: number;
}

/** Counters a dialer keeps from what it sees on its own lines. */
export interface DialerCounters {
  /** Calls placed (including recontacts with an agent reserved). */
  readonly placed: number;
  /** Calls that ended, whatever their outcome. */
  readonly ended: number;
  /** Answered calls judged live (no AMD, or AMD said person): they need an agent. */
  readonly live: number;
  /** Live calls put through to an agent who found a person. */
  readonly connected: number;
  /**
   * Live calls put through to an agent who found an answering machine (AMD off or wrong): the
   * agent says so, so a dialer can leave them out of its ratios.
   */
  readonly machinesAtAgent: number;
  /** Live calls hung up without an agent (cut-off reached or callee hung up while waiting). */
  readonly dropped: number;
  /** Answered calls that AMD classified as a machine and hung up. */
  readonly machines: number;
  /** Sum of ring seconds (placement to answer) over answered calls. */
  readonly ringSecondsAnswered: number;
  /** Answered calls (live + machines), the count behind `ringSecondsAnswered`. */
  readonly answered: number;
  /** Sum of talk seconds over finished conversations. */
  readonly talkSeconds: number;
  /** Finished conversations, the count behind `talkSeconds`. */
  readonly talks: number;
}

/** Calls that may still need an agent: ringing, under detection or waiting. */
export function callsInFlight(view: DialerView): number {
  return pacedInFlight(view.calls);
}

/** Calls ringing, under detection or waiting for an agent: those that may still need one. */
export function pacedInFlight(calls: CallCounts): number {
  return calls.ringing + calls.detecting + calls.waiting;
}
