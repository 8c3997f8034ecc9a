import type { CampaignSummary } from "../../model/campaign-summary.js";
import type { IntervalRow } from "../../model/interval-recorder.js";
import type { PacingConfig } from "../../pacing/config.js";

/**
 * A scenario as the page hands it to a worker: its YAML and the name it goes by (a bundled
 * path, or what the user named it), and, to compare pacings, the pacing that replaces the
 * file's (as `pacelab compare` does).
 */
export interface ScenarioSource {
  readonly yaml: string;
  readonly file: string;
  readonly pacing?: PacingConfig;
}

/** What the page asks a worker: take these scenarios, or run one replication of one of them. */
export type ReplicationRequest =
  | { readonly kind: "scenarios"; readonly sources: readonly ScenarioSource[] }
  | {
      readonly kind: "task";
      readonly id: number;
      readonly scenario: number;
      readonly seed: number;
    };

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
