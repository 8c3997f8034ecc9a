import type { CandidateForecast, Forecaster, ForecastRequest } from "../pacing/forecaster.js";
import type { Scenario } from "../scenario/scenario.js";
import { createStreams } from "../sim/random.js";
import { ForecastDraws } from "./forecast-draws.js";
import { estimateParameters } from "./forecast-parameters.js";
import { type DialerSettings, ForecastRun } from "./forecast-run.js";

/**
 * The lookahead pacer's forecaster: simulated futures from an observation, with the near
 * future's parameters estimated from the campaign's recent outcomes and the scenario as the
 * prior. Future r of every candidate draws from the streams seeded `seed/request.seed/r`
 * (common random numbers), so the same campaign seed gives the same forecasts.
 */
export class ObservedForecaster implements Forecaster {
  private readonly settings: DialerSettings;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {
    const dialer = scenario.dialer;
    this.settings = {
      cutoffSeconds: dialer.cutoffSeconds,
      noAnswerTimeoutSeconds: dialer.noAnswerTimeoutSeconds,
      amdFalsePositiveRate: dialer.amd.falsePositiveRate,
      amdFalseNegativeRate: dialer.amd.falseNegativeRate,
    };
  }

  forecast(request: ForecastRequest): CandidateForecast[] {
    const parameters = estimateParameters(this.scenario, request.view.now, request.recent);
    const runs = request.runs;
    const forecasts = request.candidates.map(() => ({
      talkSeconds: new Float64Array(runs),
      silent: new Float64Array(runs),
      denominator: new Float64Array(runs),
      placed: new Float64Array(runs),
    }));
    const timeout = this.settings.noAnswerTimeoutSeconds;
    for (let r = 0; r < runs; r++) {
      const seed = `${this.seed}/${request.seed}/${r}`;
      request.candidates.forEach((candidate, c) => {
        const draws = new ForecastDraws(this.scenario, parameters, createStreams(seed), timeout);
        const future = new ForecastRun(request, candidate, draws, this.settings);
        const outcome = future.simulate(request.horizonSeconds);
        const forecast = forecasts[c];
        forecast.talkSeconds[r] = outcome.talkSeconds;
        forecast.silent[r] = outcome.silent;
        forecast.denominator[r] = outcome.denominator;
        forecast.placed[r] = outcome.placed;
      });
    }
    return forecasts;
  }
}
