import type { CampaignSummary } from "../../model/campaign-summary.js";
import type { IntervalRow } from "../../model/interval-recorder.js";

/** What the page asks a replication worker: one replication of a scenario's YAML at a seed. */
export interface ReplicationRequest {
  readonly id: number;
  /** The scenario's text and the name it goes by (a bundled path, or what the user named it). */
  readonly yaml: string;
  readonly file: string;
  readonly seed: number;
}

/** A worker's answer: the replication's summary and time series, or why it failed. */
export type ReplicationReply =
  | {
      readonly id: number;
      readonly summary: CampaignSummary;
      readonly intervals: readonly IntervalRow[];
      /** The replication's time in the worker, milliseconds (the bench reads it). */
      readonly elapsedMs: number;
    }
  | { readonly id: number; readonly error: string };
