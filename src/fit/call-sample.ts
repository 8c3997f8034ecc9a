/**
 * What `pacelab fit` keeps of the call records: outcome counts by hour of day, and the observed
 * durations of each quantity it fits, in seconds. A {@link CallRowSink} for the audit's
 * streaming reader; it holds numbers only (a few per row), never the rows.
 */

import { DAY_US, SECOND_US } from "../calendar/local-time.js";
import type { CallRowSink } from "../compliance/audit-file.js";
import { AmdVerdict, type CallRow, Outcome } from "../compliance/call-row.js";

const HOUR_US = 3600 * SECOND_US;

/**
 * Timestamps are to the millisecond, so a hold measured at the cut-off may read a little short
 * of it; a hold this close to the cut-off counts as held to it.
 */
export const HOLD_TOLERANCE_SECONDS = 0.002;

export interface CallSample {
  /** Call attempts read. */
  readonly attempts: number;
  /** Attempts by hour of day (of `start`) and outcome code (call-row.ts's {@link Outcome}). */
  readonly byHour: readonly (readonly number[])[];
  /** Whether any row lacked a measured ring (VICIdial's log): ring samples are then empty. */
  readonly ringUnmeasured: number;
  /** Ring times (start to answer, or to the end when not answered) by outcome code. */
  readonly ring: readonly (readonly number[])[];
  /** Talk: agent connection to end, of persons put through. */
  readonly talk: readonly number[];
  /** Machines put through to an agent: connection to end. */
  readonly machineMessage: readonly number[];
  /** Persons left waiting who hung up before the cut-off: the hold, an observed patience. */
  readonly patienceEvents: readonly number[];
  /** Persons whose wait ended otherwise (an agent, the cut-off, AMD): patience exceeded it. */
  readonly patienceCensored: readonly number[];
  /** Answered persons whose hold the records do not give: patience cannot be estimated. */
  readonly holdUnmeasured: number;
}

/**
 * Collects a {@link CallSample} from rows. `cutoffSeconds` is the dialer's cut-off: a person
 * not put through and held less than it hung up (an observed patience); held to it, the dialer
 * hung up (censored).
 */
export class CallSampleCollector implements CallRowSink<CallSample> {
  private attempts = 0;
  private readonly byHour = Array.from({ length: 24 }, () => [0, 0, 0, 0, 0]);
  private ringUnmeasured = 0;
  private readonly ring: number[][] = [[], [], [], [], []];
  private readonly talk: number[] = [];
  private readonly machineMessage: number[] = [];
  private readonly patienceEvents: number[] = [];
  private readonly patienceCensored: number[] = [];
  private holdUnmeasured = 0;

  constructor(private readonly cutoffSeconds: number) {}

  add(row: CallRow): void {
    this.attempts++;
    const hour = Math.floor((((row.start % DAY_US) + DAY_US) % DAY_US) / HOUR_US);
    this.byHour[hour][row.outcome]++;
    const answered = !Number.isNaN(row.answer);
    const connected = !Number.isNaN(row.agentConnect);
    if (row.ringMeasured) {
      this.ring[row.outcome].push(seconds((answered ? row.answer : row.end) - row.start));
    } else {
      this.ringUnmeasured++;
    }
    if (connected) {
      const held = seconds(row.end - row.agentConnect);
      (row.outcome === Outcome.person ? this.talk : this.machineMessage).push(held);
    }
    if (row.outcome === Outcome.person && answered) this.addPatience(row, connected);
  }

  private addPatience(row: CallRow, connected: boolean): void {
    if (!row.holdMeasured) {
      this.holdUnmeasured++;
      return;
    }
    const hold = seconds((connected ? row.agentConnect : row.end) - row.answer);
    const hungUp =
      !connected &&
      row.amdVerdict !== AmdVerdict.machine &&
      hold < this.cutoffSeconds - HOLD_TOLERANCE_SECONDS;
    (hungUp ? this.patienceEvents : this.patienceCensored).push(hold);
  }

  finish(): CallSample {
    return {
      attempts: this.attempts,
      byHour: this.byHour,
      ringUnmeasured: this.ringUnmeasured,
      ring: this.ring,
      talk: this.talk,
      machineMessage: this.machineMessage,
      patienceEvents: this.patienceEvents,
      patienceCensored: this.patienceCensored,
      holdUnmeasured: this.holdUnmeasured,
    };
  }
}

function seconds(us: number): number {
  return us / SECOND_US;
}
