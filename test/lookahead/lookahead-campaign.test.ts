import { describe, expect, it } from "vitest";
import { simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { runReplications } from "../../src/model/replications.js";
import type { PacingConfig } from "../../src/pacing/config.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { runReplicationTasks } from "../../src/tuning/replication-pool.js";
import { lightLookahead } from "../support/light-lookahead.js";
import { makeScenario } from "../support/scenario-fixture.js";

const LOOKAHEAD = lightLookahead(20);

const LOW = { person: 0.15, machine: 0.1, busy: 0.1, noAnswer: 0.55, invalid: 0.1 };
const HIGH = { person: 0.45, machine: 0.1, busy: 0.1, noAnswer: 0.25, invalid: 0.1 };

/** 10 agents for two hours, 09:00-11:00; persons answer three times as often after 10:00. */
function hourly(pacing: PacingConfig, byHour: Scenario["outcomes"]["byHour"] = { 10: HIGH }) {
  const base = makeScenario();
  return makeScenario({
    agents: {
      ...base.agents,
      groups: [{ count: 10, start: 9 * 3600, end: 11 * 3600, breaks: [] }],
    },
    outcomes: { ...base.outcomes, probabilities: LOW, byHour },
    pacing,
  });
}

function summary(scenario: Scenario, seed: number) {
  return summarizeCampaign(simulateCampaign(scenario, { seed }), scenario.rules);
}

describe("a campaign paced by lookahead", () => {
  it("makes the same decisions and result for the same seed", () => {
    const s = makeScenario({
      agents: {
        ...makeScenario().agents,
        groups: [{ count: 5, start: 9 * 3600, end: 9.5 * 3600, breaks: [] }],
      },
      pacing: { ...LOOKAHEAD, runs: 4 },
    });
    const a = simulateCampaign(s, { seed: 3, recordCalls: true });
    const b = simulateCampaign(s, { seed: 3, recordCalls: true });
    expect(b.dialer).toEqual(a.dialer);
    expect(b.calls?.map((c) => c.placedAt)).toEqual(a.calls?.map((c) => c.placedAt));
    const other = simulateCampaign(s, { seed: 4 });
    expect(other.dialer.placed).not.toBe(a.dialer.placed);
  });

  it("gives the same results on worker threads as in this thread (simulate -r)", async () => {
    const base = hourly({ ...LOOKAHEAD, runs: 4 });
    const s: Scenario = {
      ...base,
      agents: {
        ...base.agents,
        groups: [{ count: 5, start: 9 * 3600, end: 9.25 * 3600, breaks: [] }],
      },
    };
    const inThread = runReplications(s, 11, 3).summaries;
    const tasks = inThread.map((_, id) => ({ id, scenario: 0, seed: 11 + id }));
    const onWorkers = await runReplicationTasks([s], tasks, 2);
    expect(onWorkers).toEqual(inThread);
    expect(new Set(inThread.map((r) => r.attempts)).size).toBeGreaterThan(1);
  });

  it("observes at every decision what the campaign's calls and agents say (invariant checker)", () => {
    // An answering-machine detector and short patience put calls under detection and hanging
    // up while held; with the checker on, every decision compares the observation with the
    // view's counts and with elapsed times derived from the calls and the agents' moves.
    const base = hourly(LOOKAHEAD);
    const s: Scenario = {
      ...base,
      agents: {
        ...base.agents,
        groups: [{ count: 6, start: 9 * 3600, end: 10 * 3600, breaks: [] }],
      },
      dialer: { ...base.dialer, amd: { ...base.dialer.amd, enabled: true } },
      pacing: { ...LOOKAHEAD, runs: 4, maxTargetPercent: 40 },
    };
    const run = simulateCampaign(s, { seed: 5, checkInvariants: true, recordCalls: true });
    const calls = run.calls ?? [];
    // The states the observation lists were all visited.
    expect(calls.some((c) => c.amdVerdict !== "")).toBe(true);
    expect(
      calls.some((c) => c.result === "silent-no-agent" || c.result === "silent-callee-hung-up"),
    ).toBe(true);
  });

  it("stays within the ceiling when the answer rate triples at 10:00, where RATIO tuned on 09:00 overshoots", () => {
    // RATIO 1.2 is within the ceiling all day at the 09:00 answer rate...
    const ratio: PacingConfig = { algorithm: "vicidial-ratio", level: 1.2, cadenceSeconds: 2.5 };
    expect(summary(hourly(ratio, {}), 1).silentPer100Connected).toBeLessThan(3);
    // ...but far over it once persons answer more often.
    expect(summary(hourly(ratio), 1).silentPer100Connected).toBeGreaterThan(3);
    const lookahead = summary(hourly(LOOKAHEAD), 1);
    expect(lookahead.silentPer100Connected).toBeLessThanOrEqual(3);
    // And it does not idle: busier agents than progressive dialing's.
    const progressive = summary(hourly({ algorithm: "progressive" }), 1);
    expect(lookahead.agentOccupancy).toBeGreaterThan(progressive.agentOccupancy + 0.05);
  });

  it("runs under a guard, which keeps it within the ceiling", () => {
    const guarded = hourly({
      algorithm: "guarded",
      inner: LOOKAHEAD,
      ceilingPer100: 3,
      denominator: "connected",
    } as PacingConfig);
    const s = {
      ...guarded,
      agents: {
        ...guarded.agents,
        groups: [{ count: 10, start: 9 * 3600, end: 9.5 * 3600, breaks: [] }],
      },
    };
    expect(summary(s, 2).silentPer100Connected).toBeLessThanOrEqual(3);
  });
});
