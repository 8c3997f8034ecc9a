import type { Call, CallResult, OutcomeCode } from "../../src/model/call.js";
import type { CallLine } from "../../src/model/call-line.js";

/** What one dialed number does in a {@link ScriptedLine}: its outcome and ring seconds. */
export interface ScriptedAnswer {
  readonly outcome: OutcomeCode;
  readonly ring: number;
}

/**
 * A call line whose numbers do what the test says, in order, and that records what the model
 * tells it: the seam between the campaign and the world it dials, with nothing drawn.
 */
export class ScriptedLine implements CallLine {
  readonly dialed: Call[] = [];
  readonly connectedAt: { id: number; at: number }[] = [];
  readonly endings: { id: number; result: CallResult; locked: boolean }[] = [];
  private readonly script: ScriptedAnswer[];

  /**
   * @param script each attempt's outcome and ring, in dialing order
   * @param patienceSeconds a held person's patience (Infinity: never hangs up first)
   * @param keepsEndedCalls whether the model must not reuse ended records
   * @param now the campaign clock, for the times recorded
   * @param heardAfter seconds from a connect until the callee can have heard the agent
   */
  constructor(
    script: readonly ScriptedAnswer[],
    private readonly patienceSeconds: number,
    readonly keepsEndedCalls: boolean,
    private readonly now: () => number,
    readonly heardAfter = 0,
  ) {
    this.script = [...script];
  }

  dial(call: Call): number {
    const next = this.script.shift();
    if (next === undefined) throw new Error(`ScriptedLine: no answer scripted for call ${call.id}`);
    this.dialed.push(call);
    call.outcome = next.outcome;
    return next.ring;
  }

  patience(): number {
    return this.patienceSeconds;
  }

  connected(call: Call): void {
    this.connectedAt.push({ id: call.id, at: this.now() });
  }

  ended(call: Call, result: CallResult, locked: boolean): void {
    this.endings.push({ id: call.id, result, locked });
  }
}
