import { describe, expect, it } from "vitest";
import { CampaignModel, type CampaignRun } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parsePacingSpec } from "../../src/scenario/pacing-spec.js";
import type { Scenario } from "../../src/scenario/scenario.js";

const HOUR = 3600;

/** Everything a run gives, as text: two runs are the same run when these are equal. */
function fingerprint(scenario: Scenario, run: CampaignRun): string {
  return JSON.stringify({
    summary: summarizeCampaign(run, scenario.rules),
    rows: run.intervals.rows,
    calls: run.calls?.map((call) => ({ ...call })),
    agents: [run.agents.staffedSeconds, run.agents.talkSeconds, run.agents.wrapUpSeconds],
  });
}

/** Runs `model` from where it stands to the calendar's end. */
function finish(model: CampaignModel): CampaignRun {
  model.advanceTo(model.horizon);
  return model.result();
}

/** The run straight through, the original stepped to `at` and run on, and its copy at `at`. */
function runsCopiedAt(scenario: Scenario, at: number, seed = 3) {
  const options = { seed, recordCalls: true };
  const straight = new CampaignModel(scenario, options).run();
  const original = new CampaignModel(scenario, options);
  original.start();
  original.advanceTo(at);
  const copy = original.copy();
  // The copy runs first: were anything shared, the original's run would then differ.
  const copied = finish(copy);
  const resumed = finish(original);
  return {
    straight: fingerprint(scenario, straight),
    copied: fingerprint(scenario, copied),
    resumed: fingerprint(scenario, resumed),
    callsInFlightAtCopy: copied.calls?.filter((c) => c.placedAt <= at && c.endedAt > at).length,
  };
}

describe("a copy of a campaign run forward", () => {
  const bundled = ["default", "small-team", "machine-heavy", "consent-mix", "multi-day"];
  for (const name of bundled) {
    it(`is the original run forward: ${name}.yaml, copied mid-morning with calls in flight`, () => {
      const scenario = loadScenario(`scenarios/${name}.yaml`);
      const runs = runsCopiedAt(scenario, 10 * HOUR + 17.3);
      expect(runs.callsInFlightAtCopy).toBeGreaterThan(0);
      expect(runs.copied).toBe(runs.straight);
      expect(runs.resumed).toBe(runs.straight);
    });
  }

  // Every pacer keeps its own state (levels, samples, placement clocks): the copy's must be the
  // original's, not a fresh one's.
  const pacings = [
    "progressive",
    "vicidial-ratio:level=2",
    "vicidial-adapt-hard-limit",
    "vicidial-adapt-tapered",
    "vicidial-adapt-average",
    "lines-per-agent",
    "agents-about-to-free",
    "binomial",
    "guarded:vicidial-adapt-tapered",
  ];
  for (const spec of pacings) {
    it(`carries the pacer's state: ${spec}`, () => {
      const base = loadScenario("scenarios/default.yaml");
      const scenario = { ...base, pacing: parsePacingSpec(spec, base.rules) };
      const runs = runsCopiedAt(scenario, 11 * HOUR + 41.9, 8);
      expect(runs.copied).toBe(runs.straight);
    });
  }

  it("holds on the second day of a campaign, across the night, and for a copy of a copy", () => {
    const scenario = loadScenario("scenarios/multi-day.yaml");
    const options = { seed: 5, recordCalls: true };
    const straight = fingerprint(scenario, new CampaignModel(scenario, options).run());
    const original = new CampaignModel(scenario, options);
    original.start();
    original.advanceTo(23 * HOUR); // the first night
    const night = original.copy();
    night.advanceTo(24 * HOUR + 12 * HOUR + 5.5); // the second day, mid-shift
    const second = night.copy();
    expect(fingerprint(scenario, finish(second))).toBe(straight);
    expect(fingerprint(scenario, finish(night))).toBe(straight);
    expect(fingerprint(scenario, finish(original))).toBe(straight);
  });

  it("refuses to copy a campaign whose calls are on a real line", () => {
    const scenario = loadScenario("scenarios/small-team.yaml");
    const line = {
      keepsEndedCalls: true,
      heardAfter: 0,
      dial: () => -1,
      patience: () => 1,
      connected() {},
      ended() {},
    };
    const live = new CampaignModel(scenario, { seed: 1, line });
    expect(() => live.copy()).toThrow(/real line/);
  });
});
