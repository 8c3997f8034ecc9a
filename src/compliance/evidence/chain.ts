import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** What a stored row is: a whole-campaign report, one window of it, or a purge checkpoint. */
export type EvidenceKind = "campaign" | "window" | "purge";

/** One row of the `evidence` table, as stored. */
export interface EvidenceRow {
  readonly id: number;
  readonly campaign: string;
  readonly kind: EvidenceKind;
  /** ISO UTC time the row was appended. */
  readonly recordedAt: string;
  /** ISO UTC time until which the row must be kept; `purge` may remove it after that. */
  readonly retainUntil: string;
  /** Canonical JSON text of the row's content. */
  readonly payload: string;
  /** Hash of the row before it in the chain; {@link GENESIS_HASH} for the first row ever. */
  readonly prevHash: string;
  /** {@link rowHash} of this row. */
  readonly hash: string;
}

/** The previous hash of the very first row: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * sha256(prevHash + canonical JSON of the row's content), hex. The content includes the id, so a
 * row moved to another position no longer matches its hash, and the payload as stored text, so
 * verification never depends on re-serialising it.
 */
export function rowHash(row: Omit<EvidenceRow, "hash">): string {
  const content = canonicalJson({
    id: row.id,
    campaign: row.campaign,
    kind: row.kind,
    recorded_at: row.recordedAt,
    retain_until: row.retainUntil,
    payload: row.payload,
  });
  return createHash("sha256").update(row.prevHash).update(content).digest("hex");
}
