/** What purge needs to know about a row. */
export interface PurgeCandidate {
  readonly id: number;
  readonly kind: "campaign" | "window" | "purge";
  readonly recordedAt: string;
  readonly retainUntil: string;
}

/** Which rows a purge removes and which of the requested ones it keeps, and why. */
export interface PurgePlan {
  /** Rows to remove: always the oldest rows of the chain, ids `firstId`..`throughId`. */
  readonly remove: number;
  readonly firstId: number | null;
  readonly throughId: number | null;
  /** Requested rows kept because their retention has not passed. */
  readonly keptUnderRetention: number;
  /** Requested rows whose retention has passed, kept because an older row is still retained. */
  readonly keptBehindRetained: number;
  /** The latest retain-until among the rows kept under retention, or null. */
  readonly retainedUntil: string | null;
}

/**
 * Plans a purge at time `now` of the rows recorded before `before` (every row when null). Only an
 * unbroken run of the oldest rows is removed, so that the remaining chain still starts at one
 * point a checkpoint can vouch for; it stops at the first row that is still under retention or
 * not requested, and never between a campaign row and its windows (rows of one run share their
 * times, so this only guards against clock oddities). ISO UTC strings compare as times.
 */
export function planPurge(
  rows: readonly PurgeCandidate[],
  now: string,
  before: string | null,
): PurgePlan {
  const requested = (r: PurgeCandidate) => before === null || r.recordedAt < before;
  const expired = (r: PurgeCandidate) => r.retainUntil <= now;
  let end = 0; // rows[0..end) are removed
  while (end < rows.length && requested(rows[end]) && expired(rows[end])) end++;
  // Do not leave window rows without their campaign row.
  while (end > 0 && end < rows.length && rows[end].kind === "window") end--;
  let keptUnderRetention = 0;
  let keptBehindRetained = 0;
  let retainedUntil: string | null = null;
  for (const row of rows.slice(end)) {
    if (!requested(row) || row.kind === "purge") continue;
    if (expired(row)) keptBehindRetained++;
    else {
      keptUnderRetention++;
      if (retainedUntil === null || row.retainUntil > retainedUntil)
        retainedUntil = row.retainUntil;
    }
  }
  return {
    remove: end,
    firstId: end > 0 ? rows[0].id : null,
    throughId: end > 0 ? rows[end - 1].id : null,
    keptUnderRetention,
    keptBehindRetained,
    retainedUntil,
  };
}
