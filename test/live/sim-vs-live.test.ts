import { describe, expect, it } from "vitest";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { runReplications } from "../../src/model/replications.js";
import { meanInterval } from "../../src/stats/confidence.js";
import { K, liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();
const SHIFT_MINUTES = 20;
// 8 agents for 20 minutes of scenario time: 40 s of wall clock at K = 30. The calling window
// closes with the shift, so that both runs stop dialing at the same scenario time.
const base = liveScenario();
const scenario = liveScenario({
  rules: {
    ...base.rules,
    callingHours: {
      ...base.rules.callingHours,
      weekday: [{ start: 9 * 3600, end: 9 * 3600 + SHIFT_MINUTES * 60 }],
    },
  },
  agents: {
    groups: [{ count: 8, start: 9 * 3600, end: 9 * 3600 + SHIFT_MINUTES * 60, breaks: [] }],
    talk: { dist: "lognormal", mean: 60, sd: 30 },
    wrapUp: { dist: "fixed", value: 5 },
  },
});

describe("simulation and live run agree", () => {
  it("on the silent ratio and occupancy, within the spread of runs this long", async () => {
    // A time-scaled live run equals a simulation with the cut-off multiplied by the scale.
    const simulated = runReplications(
      {
        ...scenario,
        dialer: { ...scenario.dialer, cutoffSeconds: scenario.dialer.cutoffSeconds * K },
      },
      100,
      60,
    ).summaries;

    const endpoint = await rig.endpoint(scenario, 5);
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      // Five minutes of scenario time after the window let the last calls end (the longest
      // wait, the cut-off, is 3 s x K = 3 minutes of scenario time).
      durationSeconds: ((SHIFT_MINUTES + 5) * 60) / K,
      // Fewer packets keep the event loop prompt on a shared machine (RTP is not compared).
      rtpIntervalMs: 100,
    });
    expect(outcome.counts.endedAtStop).toBe(0);
    const live = summarizeCampaign(outcome.run, scenario.rules);

    // One live run is one draw from the distribution the replications sample: it must lie
    // within 3 standard deviations of their mean (about 99.7% of runs of this length do),
    // plus what the wire costs: every millisecond of timer or network delay is K ms of scenario
    // time, which idles agents a little and lets a few more callees give up. Measured on a
    // 2-core machine shared with other jobs, that is under 2 points of occupancy and of the
    // silent ratio; the allowance below is 3.
    const wire = { silentPer100Answered: 3, agentOccupancy: 0.03 };
    for (const metric of ["silentPer100Answered", "agentOccupancy"] as const) {
      const values = simulated.map((s) => s[metric] as number);
      const { mean, sd } = meanInterval(values);
      const tolerance = 3 * sd + wire[metric];
      const value = live[metric] as number;
      expect(
        Math.abs(value - mean),
        `${metric}: live ${value.toFixed(3)}, simulated ${mean.toFixed(3)} +- ${tolerance.toFixed(3)} (${JSON.stringify(outcome.counts)})`,
      ).toBeLessThanOrEqual(tolerance);
    }
    // The runs are comparable in size, so the tolerance is the spread of a run this long.
    const attempts = meanInterval(simulated.map((s) => s.attempts)).mean;
    expect(Math.abs(live.attempts - attempts) / attempts).toBeLessThan(0.15);
    expect(live.silent).toBeGreaterThan(0);
  }, 180_000);
});
