import type Database from "better-sqlite3";
import type { EvidenceReport } from "./evidence-report.js";

/** A run the store already holds: what appending the same run again gives instead of rows. */
export interface AlreadyRecorded {
  readonly alreadyRecorded: true;
  /** Id of the campaign row recorded earlier. */
  readonly runId: number;
  readonly recordedAt: string;
  readonly seed: number;
}

/**
 * The campaign row of the same simulated run, when the store holds one: same campaign name,
 * scenario hash, seed and software version give the same figures, so a rerun adds nothing but a
 * duplicate that would count twice. A live run is never the same as another: each is real calls.
 * Uses the `evidence_runs` index where present (a version 1 store is scanned).
 */
export function recordedRunOf(
  db: Database.Database,
  report: EvidenceReport,
): AlreadyRecorded | null {
  const { identity } = report;
  if (identity.mode !== "simulated") return null;
  const row = db
    .prepare(
      `SELECT id, recorded_at AS recordedAt FROM evidence
       WHERE kind = 'campaign' AND campaign = ?
         AND json_extract(payload, '$.scenario.sha256') = ? AND json_extract(payload, '$.seed') = ?
         AND json_extract(payload, '$.mode') = 'simulated'
         AND json_extract(payload, '$.softwareVersion') = ?
       ORDER BY id LIMIT 1`,
    )
    .get(report.campaign, identity.scenario.sha256, identity.seed, identity.softwareVersion) as
    | { id: number; recordedAt: string }
    | undefined;
  if (row === undefined) return null;
  return { alreadyRecorded: true, runId: row.id, recordedAt: row.recordedAt, seed: identity.seed };
}
