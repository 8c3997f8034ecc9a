import type { ResultDocument } from "../../report/result-document.js";
import { type EvidenceReport, evidenceFromResult, type WindowCounts } from "./evidence-report.js";
import { type AppendedRun, DEFAULT_EVIDENCE_PATH, EvidenceStore } from "./store.js";

/**
 * Stores a simulation result in the evidence store at `storePath` (created if missing): the
 * first replication's totals and one window per row of `rows` (normally `doc.timeseries.rows`),
 * kept for `retentionDays`. What `pacelab simulate --evidence [FILE]` calls.
 */
export function recordEvidence(
  doc: ResultDocument,
  rows: readonly WindowCounts[],
  storePath: string = DEFAULT_EVIDENCE_PATH,
  retentionDays: number,
  now?: () => Date,
): AppendedRun & { readonly report: EvidenceReport } {
  const report = evidenceFromResult(doc, rows);
  const store = EvidenceStore.open(storePath, { create: true, now });
  try {
    return { ...store.append(report, retentionDays), report };
  } finally {
    store.close();
  }
}
