import { type CallCounts, type DialerCounters, pacedInFlight } from "../pacing/view.js";
import type { Simulation } from "../sim/simulation.js";
import type { AgentPool } from "./agent-pool.js";
import type { Call } from "./call.js";
import { copyPlainFields } from "./copy-state.js";
import { MutableDialerCounters } from "./dialer-counters.js";

/** Calls placed by the pacer and not yet with an agent or ended, by state. */
type PacedCalls = { -readonly [K in keyof CallCounts]: number };

/**
 * What the dialer counts of its own calls, as a real dialer can: the paced calls in flight by
 * state, the counters since the campaign's start (`totals`) and since today's first window
 * (`today`), the calls placed with an agent held, and the calls in flight over time. The call
 * flow tells it each move; the pacer reads it through the view. Each count is changed here only.
 */
export class DialerTally {
  private readonly pacedCalls: PacedCalls = {
    ringing: 0,
    detecting: 0,
    waiting: 0,
    cancelling: 0,
    unconfirmed: 0,
  };
  private readonly totalCounts = new MutableDialerCounters();
  private readonly todayCounts = new MutableDialerCounters();
  /** The same counts, read-only to the rest of the campaign (plain objects: pacers read them often). */
  readonly paced: CallCounts = this.pacedCalls;
  readonly totals: DialerCounters = this.totalCounts;
  readonly today: DialerCounters = this.todayCounts;
  /** Calls placed with an agent held, counted apart from the paced ones. */
  private guaranteed = 0;
  // Calls in flight (placed, not yet talking or ended) and their time integral since 0, for the
  // time series: booked at every placement and end, in fields of the tally's own because a
  // call there that V8 does not inline would box the time (a heap allocation).
  private inFlight = 0;
  private inFlightSince = 0;
  private inFlightSeconds = 0;
  private lastEndedAt = 0;
  /** Counts a live line's moves that change the view with no other count: see {@link liveMoves}. */
  private lineMoves = 0;

  /** The clock it books at and the agents whose talking calls are out of flight. */
  constructor(
    private readonly sim: Simulation,
    private readonly pool: AgentPool,
  ) {}

  /** Puts this tally in `other`'s state. */
  copyFrom(other: DialerTally): void {
    copyPlainFields(this, other);
    Object.assign(this.pacedCalls, other.pacedCalls);
    copyPlainFields(this.totalCounts, other.totalCounts);
    copyPlainFields(this.todayCounts, other.todayCounts);
  }

  /** Paced calls ringing, under detection or waiting for an agent. */
  get pacedInFlight(): number {
    return pacedInFlight(this.pacedCalls);
  }

  /** Calls placed with an agent held and not yet ended. */
  get guaranteedInFlight(): number {
    return this.guaranteed;
  }

  /**
   * Grows when a live line moves a count of the view that no placement, answer, end or agent
   * move accompanies: a CANCEL going out, an agent's audio reaching the callee. 0 in the
   * simulator.
   */
  get liveMoves(): number {
    return this.lineMoves;
  }

  /** Campaign seconds at which the last call ended. */
  get lastCallEndedAt(): number {
    return this.lastEndedAt;
  }

  /** Today's counters start over: the day's first calling window opens. */
  startDay(): void {
    this.todayCounts.reset();
  }

  /** Accounts for the calls in flight up to `at` and returns their time integral since 0. */
  callsInFlightSeconds(at: number): number {
    this.inFlightSeconds += this.inFlight * (at - this.inFlightSince);
    this.inFlightSince = at;
    return this.inFlightSeconds;
  }

  /** `call` was dialed. */
  placed(call: Call): void {
    this.totalCounts.placed++;
    this.track();
    this.todayCounts.placed++;
    if (call.reservedAgent >= 0) this.guaranteed++;
    else this.pacedCalls.ringing++;
  }

  /** The line is cancelling ringing `call`. */
  cancelling(call: Call): void {
    if (call.reservedAgent >= 0) return;
    this.pacedCalls.cancelling++;
    this.lineMoves++;
  }

  /** `call` rings no more. */
  ringEnded(call: Call): void {
    if (call.reservedAgent >= 0) return;
    this.pacedCalls.ringing--;
    if (call.cancelSent) this.pacedCalls.cancelling--;
  }

  /** `call` was answered now. */
  answered(call: Call): void {
    const ringSeconds = this.sim.now - call.placedAt;
    this.totalCounts.answered++;
    this.totalCounts.ringSecondsAnswered += ringSeconds;
    this.todayCounts.answered++;
    this.todayCounts.ringSecondsAnswered += ringSeconds;
  }

  /** Answering-machine detection listens to `call` (+1) or is done with it (-1). */
  detecting(call: Call, change: 1 | -1): void {
    if (call.reservedAgent < 0) this.pacedCalls.detecting += change;
  }

  /** `call` was judged live: it needs an agent. */
  live(): void {
    this.totalCounts.live++;
    this.todayCounts.live++;
  }

  /** A live call holds for an agent (+1) or no longer does (-1). */
  waiting(change: 1 | -1): void {
    this.pacedCalls.waiting += change;
  }

  /** AMD judged an answer a machine and hung up. */
  machineHungUp(): void {
    this.totalCounts.machines++;
    this.todayCounts.machines++;
  }

  /** An agent found a machine. */
  machineAtAgent(): void {
    this.totalCounts.machinesAtAgent++;
    this.todayCounts.machinesAtAgent++;
  }

  /** A person put through is not yet counted connected (+1), or no longer waits to be (-1). */
  unconfirmed(change: 1 | -1): void {
    this.pacedCalls.unconfirmed += change;
    if (change < 0) this.lineMoves++;
  }

  /** A person put through: connected. */
  connected(): void {
    this.totalCounts.connected++;
    this.todayCounts.connected++;
  }

  /** A live call ended without an agent. */
  dropped(): void {
    this.totalCounts.dropped++;
    this.todayCounts.dropped++;
  }

  /** `call`'s conversation ended now. */
  talked(call: Call): void {
    const seconds = this.sim.now - call.connectedAt;
    this.totalCounts.talks++;
    this.totalCounts.talkSeconds += seconds;
    this.todayCounts.talks++;
    this.todayCounts.talkSeconds += seconds;
  }

  /** `call` ended now. */
  ended(call: Call): void {
    this.lastEndedAt = this.sim.now;
    this.totalCounts.ended++;
    this.track();
    this.todayCounts.ended++;
    if (call.reservedAgent >= 0) this.guaranteed--;
  }

  /** Calls placed and not yet with an agent or ended change only where this is called. */
  track(): void {
    // callsInFlightSeconds's booking, written out: a call here would box the time.
    const now = this.sim.now;
    this.inFlightSeconds += this.inFlight * (now - this.inFlightSince);
    this.inFlightSince = now;
    const t = this.totalCounts;
    this.inFlight = t.placed - t.ended - this.pool.talking;
  }
}
