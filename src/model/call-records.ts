import { Call, OutcomeCode } from "./call.js";
import type { CallCopies } from "./copy-state.js";

/**
 * Where each attempt's record comes from: numbered in the order placed, kept in the call log
 * when there is one, and otherwise reused once the attempt is over and nothing keeps it. A
 * campaign day places tens of thousands of calls; reuse spares the garbage collector most of a
 * replication's allocations.
 */
export class CallRecords {
  private readonly spare: Call[] = [];
  private readonly reuses: boolean;
  private nextId = 0;

  /**
   * @param log every attempt is appended here when given (records are then never reused)
   * @param keptAfterEnd the line may still hold an ended call's record (never reused either)
   */
  constructor(
    private readonly log: Call[] | null,
    keptAfterEnd: boolean,
  ) {
    this.reuses = log === null && !keptAfterEnd;
  }

  /** Puts these records in `other`'s state: the same ids to come, and copies of its log. */
  copyFrom(other: CallRecords, calls: CallCopies): void {
    this.nextId = other.nextId;
    for (const call of other.log ?? []) this.log?.push(calls.of(call));
  }

  /** A new attempt, ringing; its outcome is the line's to set. */
  open(lead: number, attempt: number, placedAt: number, reservedAgent: number): Call {
    const id = this.nextId++;
    const spare = this.spare.pop();
    const call =
      spare === undefined
        ? new Call(id, lead, attempt, placedAt, OutcomeCode.noAnswer, reservedAgent)
        : spare.restart(id, lead, attempt, placedAt, OutcomeCode.noAnswer, reservedAgent);
    this.log?.push(call);
    return call;
  }

  /**
   * The campaign is done with an ended call: its record may be reused (cancelled events still
   * naming it are skipped; the hold queue checks ids).
   */
  close(call: Call): void {
    if (this.reuses) this.spare.push(call);
  }
}
