import { per100 } from "../model/campaign-summary.js";
import type { RuleSet } from "../rules/rule-set.js";
import type { LiveCampaign } from "./live-campaign.js";
import type { ScenarioClock } from "./scenario-clock.js";

/** The agents by what they are doing. */
export interface AgentStates {
  readonly ready: number;
  /** Held for a call that must have an agent (after a silent call, UK rules). */
  readonly reserved: number;
  readonly talking: number;
  readonly wrapUp: number;
  /** Logged out, on a break, or idle with a break or log-out due. */
  readonly away: number;
}

/**
 * A live run's counts at one instant, as a monitor shows them: running totals of the campaign
 * (the same counters its result is summarised from), the calls on the line and the agents.
 */
export interface LiveSnapshot {
  /** Wall-clock seconds since the run started. */
  readonly elapsedSeconds: number;
  /** The scenario clock: seconds from the first day's midnight. */
  readonly scenarioSeconds: number;
  readonly attempts: number;
  /** Persons and machines who answered. */
  readonly answered: number;
  readonly humanAnswered: number;
  /** Persons put through to an agent. */
  readonly connected: number;
  /** Persons who answered and were not put through. */
  readonly silent: number;
  /** Silent calls per 100 of the rule set's denominator; null for silent calls over none. */
  readonly silentPer100: number | null;
  readonly ceilingPer100: number;
  readonly denominator: "connected" | "answered";
  /** Calls placed and not yet ended. */
  readonly inProgress: number;
  readonly agents: AgentStates;
  /** Mean answer-to-agent wait of connected persons, wall-clock seconds. */
  readonly meanConnectWaitSeconds: number;
  /** Longest a silent call held a person, wall-clock seconds. */
  readonly maxSilentHoldSeconds: number;
}

/**
 * Reads a live campaign's counts now. Only reads: a monitor may call it on its own timer
 * between the campaign's events without changing the run. Hold times are converted to the
 * wall clock, as the result's are.
 */
export function liveSnapshot(
  campaign: LiveCampaign,
  clock: ScenarioClock,
  rules: RuleSet,
): LiveSnapshot {
  const c = campaign.counters;
  const a = campaign.agents;
  const scale = clock.timeScale;
  const denominator = rules.denominator === "connected" ? c.connected : c.humanAnswered;
  const busy = a.ready + a.reserved + a.talking + a.wrapUp;
  return {
    elapsedSeconds: clock.elapsedWallSeconds(),
    scenarioSeconds: clock.now(),
    attempts: c.attempts,
    answered: c.humanAnswered + c.machineAnswered,
    humanAnswered: c.humanAnswered,
    connected: c.connected,
    silent: c.silent,
    silentPer100: per100(c.silent, denominator),
    ceilingPer100: rules.ceilingPer100,
    denominator: rules.denominator,
    inProgress: campaign.inProgress,
    agents: {
      ready: a.ready,
      reserved: a.reserved,
      talking: a.talking,
      wrapUp: a.wrapUp,
      away: a.size - busy,
    },
    meanConnectWaitSeconds:
      c.connected > 0 ? scale.toWallSeconds(c.connectedHoldSeconds / c.connected) : 0,
    maxSilentHoldSeconds: scale.toWallSeconds(c.maxSilentHoldSeconds),
  };
}
