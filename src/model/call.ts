import type { EventId } from "../sim/simulation.js";

/** What a number does on one attempt, as an index into outcome tables. */
export const OutcomeCode = { person: 0, machine: 1, busy: 2, noAnswer: 3, invalid: 4 } as const;
export type OutcomeCode = (typeof OutcomeCode)[keyof typeof OutcomeCode];

export const CallState = {
  ringing: 0,
  detecting: 1,
  waiting: 2,
  talking: 3,
  ended: 4,
} as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

/** How an attempt ended, as written in the per-call CSV. */
export type CallResult =
  | "connected"
  | "machine-message"
  | "silent-no-agent"
  | "silent-callee-hung-up"
  | "silent-amd-false-positive"
  | "silent-amd-too-slow"
  | "silent-answer-after-cancel"
  | "machine-hangup"
  | "machine-dropped"
  | "busy"
  | "no-answer"
  | "invalid";

/**
 * One attempt in flight. Times are campaign seconds; -1 means "did not happen". The simulator
 * recycles the record of an ended attempt that nothing keeps (see {@link Call.restart}).
 */
export class Call {
  // `restart` is the one place that says what a new attempt looks like. The placeholders here
  // only make V8 keep every field inside the object (fields that the constructor's own body
  // does not define would live in a separate array, one more load on every access).
  id = 0;
  lead = 0;
  attempt = 0;
  placedAt = 0;
  /** What the number did; the live runner learns it only at the final response. */
  outcome: OutcomeCode = OutcomeCode.noAnswer;
  /** The agent held for this call before it was placed, or -1. */
  reservedAgent = -1;
  state: CallState = CallState.ringing;
  answeredAt = -1;
  connectedAt = -1;
  endedAt = -1;
  agent = -1;
  /** AMD's verdict: "" when AMD did not run. */
  amdVerdict: "" | "person" | "machine" = "";
  result: CallResult | "" = "";
  /**
   * The dialer has sent CANCEL (live mode: its no-answer timer gave up on the call). An answer
   * after that crossed the CANCEL: it gets an agent at once or none at all.
   */
  cancelSent = false;
  /** Pending cut-off, callee hang-up or detection event, cancelled when the call moves on. */
  timer: EventId = -1;
  patienceTimer: EventId = -1;
  /** Live mode: pending until the agent's audio can have reached the callee (see `CallLine`). */
  heardTimer: EventId = -1;

  /** A new attempt, ringing: the arguments are {@link Call.restart}'s. */
  constructor(...attempt: Parameters<Call["restart"]>) {
    this.restart(...attempt);
  }

  /**
   * Makes this record a new attempt, ringing: a campaign day places tens of thousands of calls,
   * and the simulator reuses the records of ended ones to spare the garbage collector most of a
   * replication's allocations.
   */
  restart(
    id: number,
    lead: number,
    attempt: number,
    placedAt: number,
    outcome: OutcomeCode,
    reservedAgent: number,
  ): this {
    this.id = id;
    this.lead = lead;
    this.attempt = attempt;
    this.placedAt = placedAt;
    this.outcome = outcome;
    this.reservedAgent = reservedAgent;
    this.state = CallState.ringing;
    this.answeredAt = -1;
    this.connectedAt = -1;
    this.endedAt = -1;
    this.agent = -1;
    this.amdVerdict = "";
    this.result = "";
    this.cancelSent = false;
    this.timer = -1;
    this.patienceTimer = -1;
    this.heardTimer = -1;
    return this;
  }

  get isPerson(): boolean {
    return this.outcome === OutcomeCode.person;
  }
}
