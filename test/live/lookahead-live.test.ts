import { describe, expect, it } from "vitest";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import type { PacingConfig } from "../../src/pacing/config.js";
import { expectLiveWithinSimulated, oneShift, simulatedAsLive } from "../support/sim-vs-live.js";
import { K, liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();
const SHIFT_MINUTES = 8;

/** A light lookahead (fewer futures and candidates than the defaults) so that 16 runs take seconds. */
const LOOKAHEAD: PacingConfig = {
  algorithm: "lookahead",
  cadenceSeconds: 10,
  horizonMinutes: 10,
  confidence: 0.95,
  runs: 8,
  minTargetPercent: 2,
  maxTargetPercent: 20,
  candidates: 3,
  windowMinutes: 10,
  ceilingPer100: 3,
  denominator: "connected",
};

// 10 agents for 8 minutes of scenario time: 16 s of wall clock at K = 30.
const scenario = oneShift(liveScenario({ pacing: LOOKAHEAD }), 10, SHIFT_MINUTES);

describe("a lookahead campaign live and simulated", () => {
  it("agrees on the silent ratio and occupancy, within the spread of runs this long", async () => {
    const simulated = simulatedAsLive(scenario, K, 100, 16);

    const endpoint = await rig.endpoint(scenario, 5);
    // The rig checks the campaign's laws as it runs, the observation the forecasts start from
    // included, at every decision.
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      // Five minutes of scenario time after the window let the last calls end.
      durationSeconds: ((SHIFT_MINUTES + 5) * 60) / K,
      rtpIntervalMs: 100,
    });
    expect(outcome.counts.endedAtStop).toBe(0);
    const live = summarizeCampaign(outcome.run, scenario.rules);

    // The wire's allowance as in sim-vs-live.test.ts; a forecast also holds the event loop for
    // a few milliseconds of wall clock every 10 s of scenario time.
    const wire = { silentPer100Answered: 3, agentOccupancy: 0.03 };
    expectLiveWithinSimulated(live, simulated, wire, JSON.stringify(outcome.counts));
    // The lookahead overdialed (progressive dialing makes no silent call without AMD).
    expect(live.silent).toBeGreaterThan(0);
  }, 120_000);
});
