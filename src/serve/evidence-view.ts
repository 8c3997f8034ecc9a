/**
 * The evidence store as the workbench shows it, read-only: each campaign with its runs and
 * their verdicts, the whole chain's verification, and a campaign's export files.
 */
import { existsSync } from "node:fs";
import {
  type CampaignListing,
  type CampaignPayload,
  campaignExport,
  campaignLabel,
  EvidenceStore,
  exportFiles,
  resolveCampaign,
  type VerifyResult,
} from "../compliance/evidence/index.js";
import type { OutputFile } from "../io/write/write-files.js";

/** One stored run: its row and its campaign-level payload (identity, totals, verdict). */
export interface EvidenceRun {
  readonly id: number;
  readonly recordedAt: string;
  readonly retainUntil: string;
  readonly payload: CampaignPayload;
}

/** A campaign with the selector `pacelab evidence export` takes and its runs. */
export interface EvidenceCampaign extends CampaignListing {
  readonly selector: string;
  /** The runs stored, oldest first (`runs` counts them). */
  readonly storedRuns: readonly EvidenceRun[];
}

/** The whole store: null verification when there is no store at that path yet. */
export interface EvidenceOverview {
  readonly store: string;
  readonly verification: VerifyResult | null;
  readonly campaigns: readonly EvidenceCampaign[];
}

/** Every campaign and run in the store at `path`, and whether its chain verifies. */
export function evidenceOverview(path: string): EvidenceOverview {
  if (!existsSync(path)) return { store: path, verification: null, campaigns: [] };
  return EvidenceStore.using(path, (store) => ({
    store: path,
    verification: store.verify(),
    campaigns: store.list().map((listing) => ({
      ...listing,
      selector: campaignLabel(listing),
      storedRuns: store
        .rows(listing)
        .filter((row) => row.kind === "campaign")
        .map((row) => ({
          id: row.id,
          recordedAt: row.recordedAt,
          retainUntil: row.retainUntil,
          payload: JSON.parse(row.payload) as CampaignPayload,
        })),
    })),
  }));
}

/**
 * The export files (`.evidence.json`, `.csv`, `.html`) of the campaign `selector` names, as
 * `pacelab evidence export` writes them; throws EvidenceStoreError for an unknown selector.
 */
export function evidenceExport(path: string, selector: string): OutputFile[] {
  return EvidenceStore.using(path, (store) => {
    const campaign = resolveCampaign(selector, store.list(), path);
    return exportFiles(campaignExport(campaign, store.rows(campaign), store.verify()));
  });
}
