import { describe, expect, it } from "vitest";
import { ObservedForecaster } from "../../src/lookahead/observed-forecaster.js";
import { CampaignModel } from "../../src/model/campaign.js";
import type { PacingConfig } from "../../src/pacing/config.js";
import { PACING_DEFAULTS } from "../../src/pacing/config.js";
import { Observation } from "../../src/pacing/observation.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeView } from "../pacing/view-fixture.js";

const OPEN = 9 * 3600;
const HORIZON = 900;
const AGENTS = 10;

/** The binomial pacer at 10%: its decisions read the talk times the forecast books. */
const BINOMIAL: PacingConfig = {
  ...PACING_DEFAULTS.binomial,
  algorithm: "binomial",
  targetPercent: 10,
};

/** The small-team study's day (a third of the answers machines) with 10 agents. */
function scenario(pacing: PacingConfig): Scenario {
  const study = loadScenario("scenarios/study/small-teams.yaml");
  const [group] = study.agents.groups;
  return { ...study, agents: { ...study.agents, groups: [{ ...group, count: AGENTS }] }, pacing };
}

/** What the campaign itself did in its first quarter hour, one entry per seed. */
function campaignQuarterHours(s: Scenario, seeds: number) {
  return Array.from({ length: seeds }, (_, i) => {
    const model = new CampaignModel(s, { seed: 1 + i });
    model.start();
    model.advanceTo(OPEN + HORIZON);
    return { placed: model.flow.tally.totals.placed, silent: model.counters.silent };
  });
}

/** The forecast of the first quarter hour from the opening: every agent ready, nothing else. */
function forecastQuarterHour(s: Scenario, runs: number) {
  const observation = new Observation();
  observation.leadsLeft = 5000;
  observation.callingSecondsLeft = 8 * 3600;
  const view = { ...makeView({ now: OPEN, agents: { ready: AGENTS } }), observe: undefined };
  const empty = makeView().totals;
  return new ObservedForecaster(s, 1).forecast({
    view,
    observation,
    recent: { seconds: 0, counters: empty, ringsEnded: 0, wrapUpAgentSeconds: 0 },
    candidates: [s.pacing],
    horizonSeconds: HORIZON,
    runs,
    seed: 0,
    denominator: "connected",
  })[0];
}

function meanAndError(values: ArrayLike<number>): { mean: number; error: number } {
  const xs = Array.from(values);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, error: Math.sqrt(variance / xs.length) };
}

describe("a lookahead forecast against the campaign it forecasts", () => {
  const s = scenario(BINOMIAL);
  const forecast = forecastQuarterHour(s, 200);

  it("books no more talk than its agents have time for", () => {
    // Conversations begun in the future once counted from its start: five times too much talk.
    for (const talk of forecast.talkSeconds) expect(talk).toBeLessThanOrEqual(AGENTS * HORIZON);
  });

  it("predicts the calls placed and the silent calls of a binomial pacer's first quarter hour", () => {
    const real = campaignQuarterHours(s, 60);
    for (const key of ["placed", "silent"] as const) {
      const predicted = meanAndError(forecast[key]);
      const seen = meanAndError(real.map((r) => r[key]));
      const tolerance = 3.5 * Math.hypot(predicted.error, seen.error);
      expect(Math.abs(predicted.mean - seen.mean), key).toBeLessThanOrEqual(tolerance);
    }
  });
});
