import { GATE_REFUSAL_REASONS } from "../consent/gate.js";
import type { CallResult } from "./call.js";
import { copyPlainFields } from "./copy-state.js";

/** Width of a bin of the silent-hold histogram, in seconds. */
export const HOLD_BIN_SECONDS = 0.1;
/** Bins of the silent-hold histogram: 0 to 10 s; the last also takes anything longer. */
const HOLD_BINS = 101;

/**
 * Why a person's answered call went silent. `answerAfterCancel`: the callee answered after the
 * dialer's no-answer timer had sent CANCEL (the 200 and the CANCEL crossed) and no agent was free;
 * only a live run, on a real network, has such calls.
 */
export type SilentCause =
  | "noAgent"
  | "calleeHungUp"
  | "amdFalsePositive"
  | "amdTooSlow"
  | "answerAfterCancel";

/** What each cause writes as the call's result. */
export const SILENT_RESULTS: Readonly<Record<SilentCause, CallResult>> = {
  noAgent: "silent-no-agent",
  calleeHungUp: "silent-callee-hung-up",
  amdFalsePositive: "silent-amd-false-positive",
  amdTooSlow: "silent-amd-too-slow",
  answerAfterCancel: "silent-answer-after-cancel",
};

/**
 * Silent calls by why the person was not put through. `answerAfterCancel` is present in live
 * results only (the simulator's network never crosses an answer with a CANCEL).
 */
export type SilentByCause = Readonly<
  Record<Exclude<SilentCause, "answerAfterCancel">, number> & { answerAfterCancel?: number }
>;

/**
 * What really happened in a campaign, as only the simulator can know it (the dialer sees less:
 * see `DialerCounters`). Every field is a running total.
 */
export class CampaignCounters {
  attempts = 0;
  /** Attempts by what the called number did (a person or machine not answering in time counts as noAnswer). */
  outcomePerson = 0;
  outcomeMachine = 0;
  outcomeBusy = 0;
  outcomeNoAnswer = 0;
  outcomeInvalid = 0;
  /** Persons who answered (whatever happened next). */
  humanAnswered = 0;
  machineAnswered = 0;
  /** Persons put through to an agent. */
  connected = 0;
  /** Persons who answered and were not put through. */
  silent = 0;
  silentNoAgent = 0;
  silentCalleeHungUp = 0;
  silentAmdFalsePositive = 0;
  silentAmdTooSlow = 0;
  silentAnswerAfterCancel = 0;
  /** Longest a silent call held the person, in seconds after the answer. */
  maxSilentHoldSeconds = 0;
  /** Longest silent hold since the interval recorder last took it (see `takeIntervalMaxHold`). */
  private intervalMaxSilentHoldSeconds = 0;
  /** Silent calls by hold time (answer to hang-up), in bins of HOLD_BIN_SECONDS. */
  readonly silentHoldBins = new Uint32Array(HOLD_BINS);
  /** Sum of answer-to-agent waits of connected persons. */
  connectedHoldSeconds = 0;
  machinesConnected = 0;
  machinesDropped = 0;
  amdMachineHangups = 0;
  amdFalseNegatives = 0;
  /** Numbers locked by the dialer after a drop (or an AMD hang-up, when so set). */
  locksApplied = 0;
  /** Calls placed with an agent reserved before dialing. */
  guaranteedCalls = 0;
  /** Calls to a number inside its lock-out, or its first call after one without an agent reserved. */
  recontactViolations = 0;
  /** Leads whose attempts ran out without reaching a person. */
  leadsExhausted = 0;
  /**
   * Calls the consent gate refused, by reason (indexed as `GATE_REFUSAL_REASONS`); each ends its
   * lead, except outside calling hours, where the lead is offered again when they open.
   */
  readonly gateRefusals = new Uint32Array(GATE_REFUSAL_REASONS.length);
  /**
   * Recontacts after a lock (silent call or AMD hang-up) that the retry rule asked for inside the
   * lock-out: the dialer refused them and held the number back to the lock-out's end.
   */
  recontactsRefused = 0;

  /** Puts these counters in `other`'s state. */
  copyFrom(other: CampaignCounters): void {
    copyPlainFields(this, other);
  }

  /** The longest silent hold since the last call, then starts over: one interval's maximum. */
  takeIntervalMaxHold(): number {
    const max = this.intervalMaxSilentHoldSeconds;
    this.intervalMaxSilentHoldSeconds = 0;
    return max;
  }

  addSilent(cause: SilentCause, holdSeconds: number): void {
    this.silent++;
    if (cause === "noAgent") this.silentNoAgent++;
    else if (cause === "calleeHungUp") this.silentCalleeHungUp++;
    else if (cause === "amdFalsePositive") this.silentAmdFalsePositive++;
    else if (cause === "amdTooSlow") this.silentAmdTooSlow++;
    else this.silentAnswerAfterCancel++;
    if (holdSeconds > this.maxSilentHoldSeconds) this.maxSilentHoldSeconds = holdSeconds;
    if (holdSeconds > this.intervalMaxSilentHoldSeconds) {
      this.intervalMaxSilentHoldSeconds = holdSeconds;
    }
    // A small epsilon keeps exact multiples (a 3 s cut-off) in their own bin despite rounding.
    const bin = Math.floor(holdSeconds / HOLD_BIN_SECONDS + 1e-9);
    this.silentHoldBins[Math.min(bin, HOLD_BINS - 1)]++;
  }
}
