export {
  type CampaignId,
  campaignLabel,
  HASH_PREFIX_LENGTH,
  resolveCampaign,
} from "./campaign-id.js";
export { canonicalJson } from "./canonical-json.js";
export { type EvidenceKind, type EvidenceRow, GENESIS_HASH, rowHash } from "./chain.js";
export { EvidenceStoreError } from "./evidence-error.js";
export {
  type CampaignEvidence,
  type EvidenceFigures,
  type EvidenceReport,
  evidenceFromResult,
  evidenceOfReplications,
  type ReplicationEvidence,
  type RunIdentity,
  type SilentByCause,
  type WindowCounts,
  type WindowEvidence,
} from "./evidence-report.js";
export {
  type CampaignExport,
  campaignExport,
  type ExportedRow,
  evidenceCsv,
  exportBaseName,
  exportFiles,
  flattenPayload,
} from "./export-files.js";
export { evidenceHtml } from "./export-html.js";
export type { CampaignPayload, PurgePayload, WindowPayload } from "./payloads.js";
export { type PurgeCandidate, type PurgePlan, planPurge } from "./purge-plan.js";
export { recordEvidence } from "./record.js";
export type { AlreadyRecorded } from "./recorded-run.js";
export { retentionDaysForYears } from "./retention.js";
export { type ChainTip, runRows } from "./run-rows.js";
export { APPEND_ONLY_TRIGGERS, READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION } from "./schema.js";
export {
  type AppendedRun,
  type AppendOutcome,
  type CampaignListing,
  DEFAULT_EVIDENCE_PATH,
  EvidenceStore,
  type EvidenceStoreOptions,
  type PurgeResult,
} from "./store.js";
export {
  type ChainHead,
  type VerifyIssue,
  type VerifyIssueKind,
  type VerifyResult,
  verifyChain,
} from "./verify.js";
