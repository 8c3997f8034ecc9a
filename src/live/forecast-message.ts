import type { CandidateForecast, ForecastRequest } from "../pacing/forecaster.js";
import { Observation } from "../pacing/observation.js";
import type { DialerView } from "../pacing/view.js";

/** A forecast request as plain data: what crosses to the forecasting thread. */
export interface ForecastMessage {
  readonly view: Omit<DialerView, "observe" | "talkElapsed"> & { readonly talkElapsed: number[] };
  readonly observation: Record<
    "ringing" | "detecting" | "waiting" | "talking" | "wrapUp",
    number[]
  > & {
    readonly leadsLeft: number;
    readonly callingSecondsLeft: number;
  };
  readonly rest: Omit<ForecastRequest, "view" | "observation">;
}

const LISTS = ["ringing", "detecting", "waiting", "talking", "wrapUp"] as const;

function listOf(times: Observation["ringing"]): number[] {
  return Array.from({ length: times.length }, (_, i) => times.at(i));
}

/**
 * The request as it stands now: the view's counts and the observation copied, since both are
 * live objects that the campaign goes on changing while the forecast runs elsewhere.
 */
export function toForecastMessage(request: ForecastRequest): ForecastMessage {
  const { view: v, observation: o, ...rest } = request;
  return {
    view: {
      now: v.now,
      secondsToWindowEnd: v.secondsToWindowEnd,
      agents: { ...v.agents },
      calls: { ...v.calls },
      totals: { ...v.totals },
      today: { ...v.today },
      talkElapsed: Array.from(v.talkElapsed),
    },
    observation: {
      ringing: listOf(o.ringing),
      detecting: listOf(o.detecting),
      waiting: listOf(o.waiting),
      talking: listOf(o.talking),
      wrapUp: listOf(o.wrapUp),
      leadsLeft: o.leadsLeft,
      callingSecondsLeft: o.callingSecondsLeft,
    },
    rest: { ...rest, recent: { ...rest.recent, counters: { ...rest.recent.counters } } },
  };
}

/** The request a message carries, with a fresh observation filled from it. */
export function fromForecastMessage(message: ForecastMessage): ForecastRequest {
  const observation = new Observation();
  for (const list of LISTS) {
    for (const seconds of message.observation[list]) observation[list].push(seconds);
  }
  observation.leadsLeft = message.observation.leadsLeft;
  observation.callingSecondsLeft = message.observation.callingSecondsLeft;
  return { ...message.rest, view: message.view, observation };
}

/** What the forecasting thread answers to a message: its forecasts, or why it has none. */
export interface ForecastAnswer {
  readonly forecasts?: CandidateForecast[];
  /** The error's message when the forecast failed. */
  readonly error?: string;
}
