import { sha256Hex } from "../io/digest/sha256.js";
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

export type ReplicatedMetric = (typeof REPLICATED_METRICS)[number];

/** What a live run (`pacelab live`) adds to the document; times are wall-clock. */
export interface LiveRunInfo {
  /** The callee side, `host:port`. */
  readonly target: string;
  /** Scenario durations ran this many times faster than real time (cut-off and lock-outs excepted). */
  readonly timeScale: number;
  /** Only a run at time scale 1 is a compliance run. */
  readonly complianceRun: boolean;
  /**
   * A time-scaled run is equivalent to simulating the scenario with this dialer's cut-off
   * (the real one x scale).
   */
  readonly equivalentSimulatedCutoffSeconds: number;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Why the run stopped: calendar, leads, duration, max-attempts, or interrupted (Ctrl-C). */
  readonly stoppedBy: string;
  readonly interrupted: boolean;
  readonly attemptsPlaced: number;
  readonly attemptsEnded: number;
  /** Unanswered attempts by how the SIP layer ended them, and rejections by final status. */
  readonly sipFailures: {
    readonly rejected: number;
    readonly noAnswerTimeout: number;
    readonly cancelled: number;
    readonly lost: number;
    readonly rejectedByStatus: Readonly<Record<string, number>>;
  };
  /** Answered calls ended by the callee's BYE, by a broken dialog, or by the drain at the stop. */
  readonly endedByCallee: number;
  readonly endedLost: number;
  readonly endedAtStop: number;
  /** Leads not dialed because the lock-out store had them locked. */
  readonly refusedLocked: number;
  /** Leads sent to a call with an agent held because the store said so (`needs-agent`, `agent-required`). */
  readonly guaranteedFromStore: number;
  /** 200 OKs without X-Pacelab-Callee (taken as persons). */
  readonly calleeTruthMissing: number;
  /**
   * Answers that crossed the dialer's CANCEL: put through when an agent was free, else hung up at
   * once (silent for a person, `silentByCause.answerAfterCancel`).
   */
  readonly answeredAfterGiveUp: number;
  /**
   * Persons put through whose BYE came back before the agent's audio can have reached them:
   * counted silent (they hung up on the silence), not connected. Absent from older files.
   */
  readonly hungUpUnheard?: number;
  /** Answer-to-BYE of calls hung up at the cut-off, real seconds. */
  readonly cutoffHold: {
    readonly count: number;
    readonly p99Seconds: number | null;
    readonly maxSeconds: number | null;
  };
  readonly lockoutStore: string;
  /**
   * Which clock the document's durations are on: hold times (campaign.maxSilentHoldSeconds,
   * silentHoldHistogram, meanConnectWaitSeconds, each window's maxSilentHoldSeconds, cutoffHold)
   * are wall-clock seconds, judged against the unscaled cut-off; every other duration is scenario
   * seconds (wall clock x timeScale).
   */
  readonly clocks: {
    readonly holdTimes: "wall-clock seconds";
    readonly otherDurations: "scenario seconds";
  };
}

/** The JSON that `simulate` (and `live`) prints with `--json` and writes as `result.json`. */
export interface ResultDocument {
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly mode: "simulated" | "live";
  /** Present when mode is live. */
  readonly live?: LiveRunInfo;
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly rules: {
    readonly id: string;
    readonly version: string;
    readonly ceilingPer100: number;
    readonly denominator: "connected" | "answered";
    /** The rule's cut-off limit: the longest a silent call may be held after the answer. */
    readonly cutoffLimitSeconds: number;
    readonly lockoutDays: number;
  };
  readonly dialer: {
    /** The dialer's cut-off (`dialer.cutoffSeconds`): where it hangs up; at most the rule's limit. */
    readonly cutoffSeconds: number;
  };
  readonly pacing: PacingConfig;
  /** The pacing as written on `compare`'s command line (e.g. `vicidial-ratio:level=1.5`). */
  readonly pacingSpec?: string;
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

/** The dialer's cut-off when it is shorter than the rule's limit (else null: they agree). */
export function shorterDialerCutoff(doc: Pick<ResultDocument, "rules" | "dialer">): number | null {
  const dialer = doc.dialer.cutoffSeconds;
  return dialer < doc.rules.cutoffLimitSeconds ? dialer : null;
}

/** A hash of the resolved scenario (leads included), so a result names exactly what ran. */
export function scenarioHash(scenario: Scenario): string {
  return sha256Hex(JSON.stringify(scenario));
}

/**
 * Builds the result document of a set of replications; `pacingSpec`, when the pacing was
 * written on the command line, names it as written.
 */
export function resultDocument(
  scenario: Scenario,
  file: string,
  reps: Pick<Replications, "seed" | "summaries" | "intervals">,
  pacingSpec?: string,
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
      cutoffLimitSeconds: rules.cutoffLimitSeconds,
      lockoutDays: rules.lockoutSeconds / 86_400,
    },
    dialer: { cutoffSeconds: scenario.dialer.cutoffSeconds },
    pacing: scenario.pacing,
    ...(pacingSpec === undefined ? {} : { pacingSpec }),
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
