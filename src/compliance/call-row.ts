/**
 * One call attempt as the audit reads it, whatever the dialer's format. Times are local
 * microseconds (`parseLocalTimestamp` in local-time.ts); NaN where the event did not happen. A
 * format's reader fills one reused row per line, so reading millions of rows allocates no objects.
 */

/** What the number did, as the records say. */
export const Outcome = { person: 0, machine: 1, busy: 2, noAnswer: 3, invalid: 4 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** The `outcome` column's words, by code. */
export const OUTCOME_NAMES = ["person", "machine", "busy", "no-answer", "invalid"] as const;

/** Answering-machine detection's verdict: none when AMD did not run or the records do not say. */
export const AmdVerdict = { none: 0, person: 1, machine: 2 } as const;
export type AmdVerdict = (typeof AmdVerdict)[keyof typeof AmdVerdict];

/** Whether an agent was held for the call before it was placed: unknown when records do not say. */
export const Reserved = { unknown: -1, no: 0, yes: 1 } as const;
export type Reserved = (typeof Reserved)[keyof typeof Reserved];

export interface CallRow {
  /** Line of the file the row starts on (1-based). */
  line: number;
  campaign: string;
  number: string;
  start: number;
  answer: number;
  agentConnect: number;
  end: number;
  outcome: Outcome;
  amdVerdict: AmdVerdict;
  agentReserved: Reserved;
  /**
   * Whether `agentConnect - answer` is the real hold. False where a format only knows that an
   * agent took the call (VICIdial's log, Asterisk's CDR): the connection is then put at the answer.
   */
  holdMeasured: boolean;
  /** Whether `end - start` of an unanswered call is its ring time (false: VICIdial's log). */
  ringMeasured: boolean;
  /** The called party's IANA time zone; "" when the records do not say (their own clock's). */
  timeZone: string;
}

/** A fresh row to be filled by a format's reader. */
export function emptyRow(): CallRow {
  return {
    line: 0,
    campaign: "",
    number: "",
    start: Number.NaN,
    answer: Number.NaN,
    agentConnect: Number.NaN,
    end: Number.NaN,
    outcome: Outcome.person,
    amdVerdict: AmdVerdict.none,
    agentReserved: Reserved.unknown,
    holdMeasured: true,
    ringMeasured: true,
    timeZone: "",
  };
}

/**
 * A problem with one row: the column it concerns (empty for the row as a whole), what was
 * expected and what was there. The reader adds the file and line.
 */
export class RowProblem extends Error {
  override readonly name = "RowProblem";
  constructor(
    readonly column: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${column === "" ? "" : `${column}: `}expected ${expected}, got ${got}`);
  }
}
