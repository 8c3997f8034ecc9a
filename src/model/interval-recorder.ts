import type { AgentPool } from "./agent-pool.js";
import type { CampaignCounters } from "./campaign-counters.js";

/** One row of the time series: what happened between `start` and `end` (campaign seconds). */
export interface IntervalRow {
  readonly start: number;
  readonly end: number;
  readonly attempts: number;
  readonly humanAnswered: number;
  readonly connected: number;
  readonly silent: number;
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
 * the previous boundary. Intervals with no staffed time and no attempts are left out.
 */
export class IntervalRecorder {
  readonly rows: IntervalRow[] = [];
  private last = 0;
  private attempts = 0;
  private humanAnswered = 0;
  private connected = 0;
  private silent = 0;
  private staffed = 0;
  private talk = 0;
  private wrapUp = 0;
  private inFlight = 0;

  constructor(readonly intervalSeconds: number) {}

  close(t: number, c: CampaignCounters, agents: AgentPool, callsInFlightSeconds: number): void {
    if (t <= this.last) return;
    const row: IntervalRow = {
      start: this.last,
      end: t,
      attempts: c.attempts - this.attempts,
      humanAnswered: c.humanAnswered - this.humanAnswered,
      connected: c.connected - this.connected,
      silent: c.silent - this.silent,
      staffedSeconds: agents.staffedSeconds - this.staffed,
      talkSeconds: agents.talkSeconds - this.talk,
      wrapUpSeconds: agents.wrapUpSeconds - this.wrapUp,
      callsInFlightSeconds: callsInFlightSeconds - this.inFlight,
      cumulativeConnected: c.connected,
      cumulativeSilent: c.silent,
      cumulativeHumanAnswered: c.humanAnswered,
    };
    if (row.attempts > 0 || row.staffedSeconds > 0 || row.silent > 0) this.rows.push(row);
    this.last = t;
    this.attempts = c.attempts;
    this.humanAnswered = c.humanAnswered;
    this.connected = c.connected;
    this.silent = c.silent;
    this.staffed = agents.staffedSeconds;
    this.talk = agents.talkSeconds;
    this.wrapUp = agents.wrapUpSeconds;
    this.inFlight = callsInFlightSeconds;
  }
}
