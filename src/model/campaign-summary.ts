import { GATE_REFUSAL_REASONS, type GateRefusalReason } from "../consent/gate.js";
import { type MeanInterval, meanInterval } from "../stats/confidence.js";
import type { CampaignRun } from "./campaign.js";
import { HOLD_BIN_SECONDS, type SilentByCause } from "./campaign-counters.js";
import type { RuleSet } from "./rules.js";

/** The headline figures of one campaign run, as printed and written to JSON. */
export interface CampaignSummary {
  readonly attempts: number;
  readonly humanAnswered: number;
  readonly machineAnswered: number;
  /** Persons put through to an agent. */
  readonly connected: number;
  /** Persons who answered and were not put through. */
  readonly silent: number;
  readonly silentByCause: SilentByCause;
  /** silent / connected x 100 (Italy's strict reading); null when nobody was connected but someone went silent. */
  readonly silentPer100Connected: number | null;
  /** silent / human answers x 100. */
  readonly silentPer100Answered: number | null;
  /** The ratio the rule set's ceiling applies to, and whether the campaign ended within it. */
  readonly ceiling: {
    readonly rules: string;
    readonly per100: number;
    readonly denominator: "connected" | "answered";
    readonly ratio: number | null;
    readonly within: boolean;
  };
  /** (talk + wrap-up) / staffed agent time. */
  readonly agentOccupancy: number;
  /** talk / staffed agent time. */
  readonly talkOccupancy: number;
  readonly talkMinutesPerAgentHour: number;
  readonly connectedPerAgentHour: number;
  readonly staffedAgentHours: number;
  readonly maxSilentHoldSeconds: number;
  /** Silent calls by how long they held the person: counts[i] held [i, i + 1) x binSeconds. */
  readonly silentHoldHistogram: { readonly binSeconds: number; readonly counts: readonly number[] };
  /** Mean answer-to-agent wait of connected persons. */
  readonly meanConnectWaitSeconds: number;
  readonly recontactViolations: number;
  readonly locksApplied: number;
  /** Recontacts asked for inside a lock-out, held back to its end. */
  readonly recontactsRefused: number;
  readonly guaranteedCalls: number;
  /** Calls the consent and opt-out gate refused, by reason (every reason listed, 0 included). */
  readonly gateRefusals: Readonly<Record<GateRefusalReason, number>>;
  readonly outcomes: {
    readonly person: number;
    readonly machine: number;
    readonly busy: number;
    readonly noAnswer: number;
    readonly invalid: number;
  };
  readonly machines: {
    readonly amdHangups: number;
    readonly amdFalseNegatives: number;
    readonly connectedToAgent: number;
    readonly dropped: number;
  };
  readonly leads: {
    readonly total: number;
    /** Leads put through to an agent. */
    readonly reached: number;
    /** Leads whose attempts ran out. */
    readonly exhausted: number;
    /** Leads the consent gate refused (a refusal other than outside calling hours ends its lead). */
    readonly refused: number;
    /** Leads not finished when the calendar ran out. */
    readonly unfinished: number;
  };
  /** When the last call ended, in seconds from the first day's midnight. */
  readonly endedAtSeconds: number;
  /** True when every lead was finished before the calendar ran out. */
  readonly completed: boolean;
}

/** x / y x 100, with 0/0 = 0 and x/0 = null. */
export function per100(x: number, y: number): number | null {
  if (y === 0) return x === 0 ? 0 : null;
  return (100 * x) / y;
}

/** Summarises a run against its rule set. */
export function summarizeCampaign(run: CampaignRun, rules: RuleSet): CampaignSummary {
  const c = run.counters;
  const a = run.agents;
  const staffed = a.staffedSeconds;
  const silentPer100Connected = per100(c.silent, c.connected);
  const silentPer100Answered = per100(c.silent, c.humanAnswered);
  const ratio = rules.denominator === "connected" ? silentPer100Connected : silentPer100Answered;
  const staffedHours = staffed / 3600;
  // A lead refused outside its calling hours waits for them: only the other refusals end leads.
  const refused = c.gateRefusals.reduce(
    (sum, n, i) => (GATE_REFUSAL_REASONS[i] === "outsideCallingHours" ? sum : sum + n),
    0,
  );
  const perStaffed = (x: number) => (staffed > 0 ? x / staffed : 0);
  return {
    attempts: c.attempts,
    humanAnswered: c.humanAnswered,
    machineAnswered: c.machineAnswered,
    connected: c.connected,
    silent: c.silent,
    silentByCause: {
      noAgent: c.silentNoAgent,
      calleeHungUp: c.silentCalleeHungUp,
      amdFalsePositive: c.silentAmdFalsePositive,
      amdTooSlow: c.silentAmdTooSlow,
    },
    silentPer100Connected,
    silentPer100Answered,
    ceiling: {
      rules: rules.id,
      per100: rules.ceilingPer100,
      denominator: rules.denominator,
      ratio,
      within: ratio !== null && ratio <= rules.ceilingPer100,
    },
    agentOccupancy: perStaffed(a.talkSeconds + a.wrapUpSeconds),
    talkOccupancy: perStaffed(a.talkSeconds),
    talkMinutesPerAgentHour: staffedHours > 0 ? a.talkSeconds / 60 / staffedHours : 0,
    connectedPerAgentHour: staffedHours > 0 ? c.connected / staffedHours : 0,
    staffedAgentHours: staffedHours,
    maxSilentHoldSeconds: c.maxSilentHoldSeconds,
    silentHoldHistogram: {
      binSeconds: HOLD_BIN_SECONDS,
      counts: trimTrailingZeros(c.silentHoldBins),
    },
    meanConnectWaitSeconds: c.connected > 0 ? c.connectedHoldSeconds / c.connected : 0,
    recontactViolations: c.recontactViolations,
    locksApplied: c.locksApplied,
    recontactsRefused: c.recontactsRefused,
    guaranteedCalls: c.guaranteedCalls,
    gateRefusals: gateRefusalCounts(c.gateRefusals),
    outcomes: {
      person: c.outcomePerson,
      machine: c.outcomeMachine,
      busy: c.outcomeBusy,
      noAnswer: c.outcomeNoAnswer,
      invalid: c.outcomeInvalid,
    },
    machines: {
      amdHangups: c.amdMachineHangups,
      amdFalseNegatives: c.amdFalseNegatives,
      connectedToAgent: c.machinesConnected,
      dropped: c.machinesDropped,
    },
    leads: {
      total: run.leadsTotal,
      reached: c.connected,
      exhausted: c.leadsExhausted,
      refused,
      unfinished: run.leadsTotal - c.connected - c.leadsExhausted - refused,
    },
    endedAtSeconds: run.endedAt,
    completed: run.completed,
  };
}

/** Gate refusals by reason name, from counts indexed as `GATE_REFUSAL_REASONS`. */
export function gateRefusalCounts(counts: ArrayLike<number>): Record<GateRefusalReason, number> {
  return Object.fromEntries(GATE_REFUSAL_REASONS.map((r, i) => [r, counts[i]])) as Record<
    GateRefusalReason,
    number
  >;
}

function trimTrailingZeros(bins: Uint32Array): number[] {
  let end = bins.length;
  while (end > 0 && bins[end - 1] === 0) end--;
  return Array.from(bins.subarray(0, end));
}

/** Keys of a summary that hold a number (or null for an undefined ratio). */
export type NumericSummaryKey = {
  [K in keyof CampaignSummary]: CampaignSummary[K] extends number | null ? K : never;
}[keyof CampaignSummary];

/**
 * Mean and 95% interval of each named figure across replications (null ratios left out; null
 * when none is left), and how many replications ended over the ceiling.
 */
export function acrossSummaries<K extends NumericSummaryKey>(
  summaries: readonly CampaignSummary[],
  keys: readonly K[],
): { metrics: Record<K, MeanInterval | null>; overCeiling: number } {
  const metrics = {} as Record<K, MeanInterval | null>;
  for (const key of keys) {
    const values = summaries.map((s) => s[key]).filter((v): v is number => v !== null);
    metrics[key] = values.length > 0 ? meanInterval(values) : null;
  }
  return { metrics, overCeiling: summaries.filter((s) => !s.ceiling.within).length };
}
