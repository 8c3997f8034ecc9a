/**
 * Worker thread entry: forecasts for a live lookahead pacer, off the live runner's event loop.
 * Given the campaign's scenario and seed once (workerData), it answers each request message
 * with what {@link ObservedForecaster} gives in the main thread for the same request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ObservedForecaster } from "../lookahead/observed-forecaster.js";
import type { Scenario } from "../scenario/scenario.js";
import {
  type ForecastAnswer,
  type ForecastMessage,
  fromForecastMessage,
} from "./forecast-message.js";

const { scenario, seed } = workerData as { scenario: Scenario; seed: number };
const forecaster = new ObservedForecaster(scenario, seed);

parentPort?.on("message", (message: ForecastMessage) => {
  let answer: ForecastAnswer;
  try {
    answer = { forecasts: forecaster.forecast(fromForecastMessage(message)) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
