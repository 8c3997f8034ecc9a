import { GATE_REFUSAL_REASONS } from "../consent/gate.js";
import type { AgentPool } from "./agent-pool.js";
import type { CampaignCounters } from "./campaign-counters.js";
import { copyPlainFields } from "./copy-state.js";

/** One row of the time series: what happened between `start` and `end` (campaign seconds). */
export interface IntervalRow {
  readonly start: number;
  readonly end: number;
  readonly attempts: number;
  readonly humanAnswered: number;
  readonly connected: number;
  readonly silent: number;
  /** Silent calls by cause, as in `CampaignCounters`. */
  readonly silentNoAgent: number;
  readonly silentCalleeHungUp: number;
  readonly silentAmdFalsePositive: number;
  readonly silentAmdTooSlow: number;
  readonly silentAnswerAfterCancel: number;
  /** Longest silent hold in the interval, in seconds (0 when nothing went silent). */
  readonly maxSilentHoldSeconds: number;
  readonly locksApplied: number;
  readonly recontactsRefused: number;
  /** Gate refusals by reason, indexed as `GATE_REFUSAL_REASONS`. */
  readonly gateRefusals: readonly number[];
  /** Agent-seconds logged in, talking and in wrap-up during the interval. */
  readonly staffedSeconds: number;
  readonly talkSeconds: number;
  readonly wrapUpSeconds: number;
  /** Call-seconds in flight (placed, not yet with an agent or ended): their mean is this / (end - start). */
  readonly callsInFlightSeconds: number;
  /** Running totals at the interval's end. */
  readonly cumulativeConnected: number;
  readonly cumulativeSilent: number;
  readonly cumulativeHumanAnswered: number;
}

/**
 * Cuts running totals into fixed intervals: at each boundary it records the difference from
 * the previous boundary. Intervals in which nothing happened (no staffed time, attempts, silent
 * calls, locks or refusals) are left out.
 */
export class IntervalRecorder {
  readonly rows: IntervalRow[] = [];
  private last = 0;
  private attempts = 0;
  private humanAnswered = 0;
  private connected = 0;
  private silent = 0;
  private silentNoAgent = 0;
  private silentCalleeHungUp = 0;
  private silentAmdFalsePositive = 0;
  private silentAmdTooSlow = 0;
  private silentAnswerAfterCancel = 0;
  private locks = 0;
  private recontactsRefused = 0;
  private readonly refusals = new Float64Array(GATE_REFUSAL_REASONS.length);
  private staffed = 0;
  private talk = 0;
  private wrapUp = 0;
  private inFlight = 0;

  constructor(readonly intervalSeconds: number) {}

  /** Puts this recorder in `other`'s state: its rows so far (rows never change) and totals. */
  copyFrom(other: IntervalRecorder): void {
    copyPlainFields(this, other);
    this.rows.push(...other.rows);
  }

  close(t: number, c: CampaignCounters, agents: AgentPool, callsInFlightSeconds: number): void {
    if (t <= this.last) return;
    const row: IntervalRow = {
      start: this.last,
      end: t,
      attempts: c.attempts - this.attempts,
      humanAnswered: c.humanAnswered - this.humanAnswered,
      connected: c.connected - this.connected,
      silent: c.silent - this.silent,
      silentNoAgent: c.silentNoAgent - this.silentNoAgent,
      silentCalleeHungUp: c.silentCalleeHungUp - this.silentCalleeHungUp,
      silentAmdFalsePositive: c.silentAmdFalsePositive - this.silentAmdFalsePositive,
      silentAmdTooSlow: c.silentAmdTooSlow - this.silentAmdTooSlow,
      silentAnswerAfterCancel: c.silentAnswerAfterCancel - this.silentAnswerAfterCancel,
      maxSilentHoldSeconds: c.takeIntervalMaxHold(),
      locksApplied: c.locksApplied - this.locks,
      recontactsRefused: c.recontactsRefused - this.recontactsRefused,
      gateRefusals: Array.from(c.gateRefusals, (n, i) => n - this.refusals[i]),
      staffedSeconds: agents.staffedSeconds - this.staffed,
      talkSeconds: agents.talkSeconds - this.talk,
      wrapUpSeconds: agents.wrapUpSeconds - this.wrapUp,
      callsInFlightSeconds: callsInFlightSeconds - this.inFlight,
      cumulativeConnected: c.connected,
      cumulativeSilent: c.silent,
      cumulativeHumanAnswered: c.humanAnswered,
    };
    if (
      row.attempts > 0 ||
      row.staffedSeconds > 0 ||
      row.silent > 0 ||
      row.locksApplied > 0 ||
      row.recontactsRefused > 0 ||
      row.gateRefusals.some((n) => n > 0)
    ) {
      this.rows.push(row);
    }
    this.last = t;
    this.attempts = c.attempts;
    this.humanAnswered = c.humanAnswered;
    this.connected = c.connected;
    this.silent = c.silent;
    this.silentNoAgent = c.silentNoAgent;
    this.silentCalleeHungUp = c.silentCalleeHungUp;
    this.silentAmdFalsePositive = c.silentAmdFalsePositive;
    this.silentAmdTooSlow = c.silentAmdTooSlow;
    this.silentAnswerAfterCancel = c.silentAnswerAfterCancel;
    this.locks = c.locksApplied;
    this.recontactsRefused = c.recontactsRefused;
    this.refusals.set(c.gateRefusals);
    this.staffed = agents.staffedSeconds;
    this.talk = agents.talkSeconds;
    this.wrapUp = agents.wrapUpSeconds;
    this.inFlight = callsInFlightSeconds;
  }
}
