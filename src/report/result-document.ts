import { createHash } from "node:crypto";
import { acrossSummaries, type CampaignSummary } from "../model/campaign-summary.js";
import type { Replications } from "../model/replications.js";
import type { PacingConfig } from "../pacing/config.js";
import type { Scenario } from "../scenario/scenario.js";
import type { MeanInterval } from "../stats/confidence.js";
import { VERSION } from "../version.js";
import { type TimeseriesRow, timeseries } from "./timeseries.js";

/** Ratios summarised across replications. */
const REPLICATED_METRICS = [
  "silentPer100Connected",
  "silentPer100Answered",
  "agentOccupancy",
  "talkOccupancy",
  "talkMinutesPerAgentHour",
  "connectedPerAgentHour",
  "maxSilentHoldSeconds",
] as const;

type ReplicatedMetric = (typeof REPLICATED_METRICS)[number];

/** The JSON that `simulate` prints with `--json` and writes as `result.json`. */
export interface ResultDocument {
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly mode: "simulated";
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly rules: {
    readonly id: string;
    readonly version: string;
    readonly ceilingPer100: number;
    readonly denominator: "connected" | "answered";
    readonly cutoffSeconds: number;
    readonly lockoutDays: number;
  };
  readonly pacing: PacingConfig;
  readonly seed: number;
  readonly replications: number;
  /** The first replication (seed `seed`). */
  readonly campaign: CampaignSummary;
  /** Present when replications > 1. */
  readonly acrossReplications?: {
    readonly seeds: readonly [number, number];
    readonly metrics: Readonly<Record<ReplicatedMetric, MeanInterval | null>>;
    /** Replications whose campaign ended above the ceiling. */
    readonly overCeiling: number;
    readonly overCeilingFraction: number;
  };
  /** The first replication's intervals, with the ratios' spread across replications. */
  readonly timeseries: {
    readonly intervalMinutes: number;
    readonly rows: readonly TimeseriesRow[];
  };
}

/** A hash of the resolved scenario (leads included), so a result names exactly what ran. */
export function scenarioHash(scenario: Scenario): string {
  return createHash("sha256").update(JSON.stringify(scenario)).digest("hex");
}

/** Builds the result document of a set of replications. */
export function resultDocument(
  scenario: Scenario,
  file: string,
  reps: Replications,
): ResultDocument {
  const { summaries } = reps;
  const rules = scenario.rules;
  const head = {
    tool: { name: "pacelab" as const, version: VERSION },
    mode: "simulated" as const,
    scenario: { name: scenario.name, file, sha256: scenarioHash(scenario) },
    rules: {
      id: rules.id,
      version: rules.version,
      ceilingPer100: rules.ceilingPer100,
      denominator: rules.denominator,
      cutoffSeconds: scenario.dialer.cutoffSeconds,
      lockoutDays: rules.lockoutSeconds / 86_400,
    },
    pacing: scenario.pacing,
    seed: reps.seed,
    replications: summaries.length,
    campaign: summaries[0],
  };
  const series = {
    intervalMinutes: scenario.intervalSeconds / 60,
    rows: timeseries(reps.intervals, scenario.calendar.start),
  };
  if (summaries.length === 1) return { ...head, timeseries: series };
  const { metrics, overCeiling } = acrossSummaries(summaries, REPLICATED_METRICS);
  return {
    ...head,
    acrossReplications: {
      seeds: [reps.seed, reps.seed + summaries.length - 1],
      metrics,
      overCeiling,
      overCeilingFraction: overCeiling / summaries.length,
    },
    timeseries: series,
  };
}
