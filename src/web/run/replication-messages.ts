import type { CampaignSummary } from "../../model/campaign-summary.js";
import type { IntervalRow } from "../../model/interval-recorder.js";
import type { PacingConfig } from "../../pacing/config.js";
import type { Scenario } from "../../scenario/scenario.js";

/**
 * A scenario as the page hands it to a worker: its YAML and the name it goes by (a bundled
 * path, or what the user named it), and, to compare pacings, the pacing that replaces the
 * file's (as `pacelab compare` does); or, for a search that makes its own variants (tune), the
 * scenario already parsed.
 */
export type ScenarioSource =
  | { readonly yaml: string; readonly file: string; readonly pacing?: PacingConfig }
  | { readonly scenario: Scenario };

/**
 * What the page asks a worker: take these scenarios, or run one replication of one of them, or
 * run one and write its calls.csv (as `simulate --calls` does for the first replication).
 */
export type ReplicationRequest =
  | { readonly kind: "scenarios"; readonly sources: readonly ScenarioSource[] }
  | {
      readonly kind: "task" | "calls";
      readonly id: number;
      readonly scenario: number;
      readonly seed: number;
    };

/** A worker's answer to a task: the replication's summary and time series, or why it failed. */
export type ReplicationReply =
  | {
      readonly id: number;
      readonly summary: CampaignSummary;
      readonly intervals: readonly IntervalRow[];
      /** The replication's time in the worker, milliseconds (the bench reads it). */
      readonly elapsedMs: number;
    }
  | { readonly id: number; readonly error: string };

/** A worker's answer to a "calls" request: the replication's calls.csv, or why it failed. */
export type CallsReply =
  | { readonly id: number; readonly callsCsv: string }
  | { readonly id: number; readonly error: string };
