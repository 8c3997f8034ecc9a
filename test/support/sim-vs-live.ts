import { expect } from "vitest";
import type { CampaignSummary } from "../../src/model/campaign-summary.js";
import { runReplications } from "../../src/model/replications.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { meanInterval } from "../../src/stats/confidence.js";

/**
 * `base` with `agents` agents on one shift of `minutes` from 09:00 and the calling window closing
 * with it, so that a live run and a simulation stop dialing at the same scenario time.
 */
export function oneShift(base: Scenario, agents: number, minutes: number): Scenario {
  const end = 9 * 3600 + minutes * 60;
  return {
    ...base,
    rules: {
      ...base.rules,
      callingHours: { ...base.rules.callingHours, weekday: [{ start: 9 * 3600, end }] },
    },
    agents: { ...base.agents, groups: [{ count: agents, start: 9 * 3600, end, breaks: [] }] },
  };
}

/**
 * Simulated replications of what a live run of `scenario` at `timeScale` is one draw of: a
 * time-scaled live run equals a simulation with the cut-off multiplied by the scale (the
 * cut-off stays real seconds on the wire).
 */
export function simulatedAsLive(
  scenario: Scenario,
  timeScale: number,
  seed: number,
  replications: number,
): readonly CampaignSummary[] {
  const dialer = { ...scenario.dialer, cutoffSeconds: scenario.dialer.cutoffSeconds * timeScale };
  return runReplications({ ...scenario, dialer }, seed, replications).summaries;
}

/** What the wire may cost a live run beyond the simulated spread, per metric compared. */
export interface WireAllowance {
  readonly silentPer100Answered: number;
  readonly agentOccupancy: number;
}

/**
 * Expects one live run to lie within 3 standard deviations of the simulated runs' mean (about
 * 99.7% of runs of this length do), plus what the wire costs, on the silent ratio and
 * occupancy; and its attempts within 15% of theirs, so that the runs are comparable in size and
 * the tolerance is the spread of a run this long. `context` goes into every failure message.
 */
export function expectLiveWithinSimulated(
  live: CampaignSummary,
  simulated: readonly CampaignSummary[],
  wire: WireAllowance,
  context: string,
): void {
  for (const metric of ["silentPer100Answered", "agentOccupancy"] as const) {
    const { mean, sd } = meanInterval(simulated.map((s) => s[metric] as number));
    const tolerance = 3 * sd + wire[metric];
    const value = live[metric] as number;
    expect(
      Math.abs(value - mean),
      `${metric}: live ${value.toFixed(3)}, simulated ${mean.toFixed(3)} +- ${tolerance.toFixed(3)} (${context})`,
    ).toBeLessThanOrEqual(tolerance);
  }
  const attempts = meanInterval(simulated.map((s) => s.attempts)).mean;
  expect(
    Math.abs(live.attempts - attempts) / attempts,
    `attempts: live ${live.attempts}, simulated ${attempts.toFixed(1)} (${context})`,
  ).toBeLessThan(0.15);
}
