import type { EvidenceReport } from "./evidence-report.js";
import { type AppendOutcome, DEFAULT_EVIDENCE_PATH, EvidenceStore } from "./store.js";

/**
 * Stores reports (normally every replication of one run: see `evidenceOfReplications`) in the
 * evidence store at `storePath`, created if missing, in one transaction: all of them or, after a
 * crash, none. Each is kept for `retentionDays`; a simulated run already recorded is not
 * appended again (its outcome says so). What `pacelab simulate` calls unless told `--no-evidence`.
 */
export function recordEvidence(
  reports: readonly EvidenceReport[],
  storePath: string = DEFAULT_EVIDENCE_PATH,
  retentionDays: number,
  now?: () => Date,
): AppendOutcome[] {
  const store = EvidenceStore.open(storePath, { create: true, now });
  try {
    return store.appendAll(reports, retentionDays);
  } finally {
    store.close();
  }
}
