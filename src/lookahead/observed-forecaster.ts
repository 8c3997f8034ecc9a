import type { CandidateForecast, Forecaster, ForecastRequest } from "../pacing/forecaster.js";
import type { Scenario } from "../scenario/scenario.js";
import { ForecastDraws } from "./forecast-draws.js";
import { estimateParameters } from "./forecast-parameters.js";
import { type DialerSettings, ForecastRun } from "./forecast-run.js";
import { RewindableStreams } from "./rewindable-streams.js";

/**
 * The lookahead pacer's forecaster: simulated futures from an observation, with the near
 * future's parameters estimated from the campaign's recent outcomes and the scenario as the
 * prior. Future r of every candidate draws from the streams seeded `seed/request.seed/r`
 * (common random numbers), so the same campaign seed gives the same forecasts. The futures of a
 * forecast share one set of streams and samplers ({@link ForecastDraws}): each seed is seeded
 * once, its draws made once for all candidates, and no sampler is made anew per future.
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
    const streams = new RewindableStreams(this.seedOf(request, 0));
    const draws = new ForecastDraws(this.scenario, parameters, streams, timeout);
    for (let r = 0; r < runs; r++) {
      const seed = this.seedOf(request, r);
      request.candidates.forEach((candidate, c) => {
        draws.startFuture(seed);
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

  /** The seed of future `r`'s streams, for every candidate. */
  private seedOf(request: ForecastRequest, r: number): string {
    return `${this.seed}/${request.seed}/${r}`;
  }
}
