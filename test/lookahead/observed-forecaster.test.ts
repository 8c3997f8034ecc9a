import { describe, expect, it } from "vitest";
import { ObservedForecaster } from "../../src/lookahead/observed-forecaster.js";
import type { PacingConfig } from "../../src/pacing/config.js";
import { PACING_DEFAULTS } from "../../src/pacing/config.js";
import type { ForecastRequest } from "../../src/pacing/forecaster.js";
import { Observation } from "../../src/pacing/observation.js";
import { loadScenario } from "../../src/scenario/load.js";
import { makeView } from "../pacing/view-fixture.js";

const binomial = (targetPercent: number): PacingConfig => ({
  ...PACING_DEFAULTS.binomial,
  algorithm: "binomial",
  targetPercent,
});
const CANDIDATES: PacingConfig[] = [{ algorithm: "progressive" }, binomial(3), binomial(15)];

/** Mid-morning with AMD on: agents talking and in wrap-up, calls ringing, detected, waiting. */
function request(candidates: PacingConfig[]): ForecastRequest {
  const o = new Observation();
  for (let i = 0; i < 6; i++) o.talking.push(40 * i + 0.5);
  o.wrapUp.push(4);
  for (let i = 0; i < 8; i++) o.ringing.push(3.1 * i);
  o.detecting.push(0.7);
  o.waiting.push(0.3);
  o.leadsLeft = 400;
  o.callingSecondsLeft = 3600;
  const totals = { placed: 900, ended: 880, answered: 400, live: 200, connected: 150 };
  const history = { ...totals, talks: 140, talkSeconds: 140 * 150, ringSecondsAnswered: 5000 };
  return {
    view: makeView({
      now: 11 * 3600,
      agents: { ready: 3, talking: 6, wrapUp: 1 },
      calls: { ringing: 8, detecting: 1, waiting: 1 },
      totals: history,
      today: history,
    }),
    observation: o,
    recent: { seconds: 0, counters: makeView().totals, ringsEnded: 0, wrapUpAgentSeconds: 0 },
    candidates,
    horizonSeconds: 600,
    runs: 4,
    seed: 5,
    denominator: "connected",
  };
}

describe("ObservedForecaster", () => {
  const scenario = loadScenario("scenarios/machine-heavy.yaml");

  it("forecasts each candidate as if alone: its futures share streams and samplers, not state", () => {
    const together = new ObservedForecaster(scenario, 1).forecast(request(CANDIDATES));
    CANDIDATES.forEach((candidate, c) => {
      const [alone] = new ObservedForecaster(scenario, 1).forecast(request([candidate]));
      expect(together[c]).toEqual(alone);
    });
  });

  it("answers the same request the same way, asked again", () => {
    const forecaster = new ObservedForecaster(scenario, 1);
    const first = forecaster.forecast(request(CANDIDATES));
    expect(forecaster.forecast(request(CANDIDATES))).toEqual(first);
    expect(first[2].placed).not.toEqual(first[0].placed); // the candidates differ
  });
});
