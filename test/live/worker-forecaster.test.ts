import { afterAll, describe, expect, it } from "vitest";
import { fromForecastMessage, toForecastMessage } from "../../src/live/forecast-message.js";
import { WorkerForecaster } from "../../src/live/worker-forecaster.js";
import { ObservedForecaster } from "../../src/lookahead/observed-forecaster.js";
import type { ForecastRequest } from "../../src/pacing/forecaster.js";
import { candidatePacings } from "../../src/pacing/lookahead.js";
import { Observation } from "../../src/pacing/observation.js";
import { makeView } from "../pacing/view-fixture.js";
import { lightLookahead } from "../support/light-lookahead.js";
import { makeScenario } from "../support/scenario-fixture.js";

const scenario = makeScenario();

/** A request from a state at `now`: 6 agents talking (elapsed times given), 4 ready, 3 ringing. */
function request(now: number, seed: number): ForecastRequest {
  const talkElapsed = [5, 30, 60, 90, 120, 150];
  const observation = new Observation();
  for (const t of talkElapsed) observation.talking.push(t);
  for (const t of [2, 7, 11]) observation.ringing.push(t);
  observation.leadsLeft = 3000;
  observation.callingSecondsLeft = 6 * 3600;
  const totals = { placed: 400, ended: 390, live: 120, connected: 90, answered: 130, talks: 84 };
  return {
    view: makeView({ now, agents: { ready: 4 }, talkElapsed, calls: { ringing: 3 }, totals }),
    observation,
    recent: { seconds: 0, counters: makeView().totals, ringsEnded: 0, wrapUpAgentSeconds: 0 },
    candidates: candidatePacings({ ...lightLookahead(10), candidates: 2 }),
    horizonSeconds: 300,
    runs: 4,
    seed,
    denominator: "connected",
  };
}

describe("forecasts on a worker thread (live lookahead)", () => {
  const here = new ObservedForecaster(scenario, 7);
  const thread = new WorkerForecaster(scenario, 7);
  afterAll(() => thread.close());

  it("carry a request across as plain data without changing its forecast", () => {
    const a = request(10 * 3600, 1);
    const copied = fromForecastMessage(structuredClone(toForecastMessage(a)));
    expect(here.forecast(copied)).toEqual(here.forecast(a));
  });

  it("answer each decision with the forecast asked at the one before, as this thread would", async () => {
    const first = request(10 * 3600, 0);
    const second = request(10 * 3600 + 10, 1);
    const third = request(10 * 3600 + 20, 2);
    expect(here.forecast(second)).not.toEqual(here.forecast(first));
    // Nothing was asked before the first decision: its forecast is made at once, here.
    expect(thread.forecast(first)).toEqual(here.forecast(first));
    // The second decision asks the thread and, until it answers, keeps the first forecast.
    expect(thread.forecast(second)).toEqual(here.forecast(first));
    // A decision while the thread is busy does not queue another request.
    thread.forecast(third);
    expect(thread.skipped).toBe(1);
    await thread.idle();
    expect(thread.forecast(third)).toEqual(here.forecast(second));
    await thread.idle();
    expect(thread.forecast(first)).toEqual(here.forecast(third));
  });
});
