import type { CampaignEvidence, RunIdentity, WindowEvidence } from "./evidence-report.js";

/** Payload of a `campaign` row: the run's identity and totals, and how many windows follow it. */
export interface CampaignPayload extends RunIdentity, CampaignEvidence {
  /** Window rows stored with this run, right after it. */
  readonly windowCount: number;
}

/** Payload of a `window` row: the run's identity, the window's figures and its place in the run. */
export interface WindowPayload extends RunIdentity, WindowEvidence {
  /** Id of the run's `campaign` row. */
  readonly run: number;
  /** 0-based position of the window in the run. */
  readonly window: number;
}

/**
 * Payload of a `purge` checkpoint: which rows a purge removed and the hash of the last of them,
 * which the first remaining row names as its previous hash. This is what lets `verify` accept a
 * chain that no longer starts at the genesis hash.
 */
export interface PurgePayload {
  readonly purgedFromId: number;
  readonly purgedThroughId: number;
  /** Rows this purge removed (earlier purges removed every id below `purgedFromId`). */
  readonly purgedRows: number;
  readonly lastPurgedHash: string;
  /** The purge's `before` (recorded before this time), or null for every expired row. */
  readonly before: string | null;
}
