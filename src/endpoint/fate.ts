import { OUTCOMES, type Outcome, type Scenario } from "../scenario/scenario.js";
import { type Sampler, sampler } from "../sim/distributions.js";
import type { RandomStreams, Rng } from "../sim/random.js";
import type { TimeScale } from "../time/time-scale.js";

/** What one callee will do with an INVITE; durations in milliseconds of wall-clock time. */
export interface CalleeFate {
  readonly outcome: Outcome;
  /**
   * Time from the INVITE to the final response: the answer (person, machine), the 486 or the 404.
   * For `noAnswer`, the endpoint's own no-answer limit, after which it sends 480.
   */
  readonly ringMs: number;
  /** Person: how long it waits for agent audio after the answer before hanging up. */
  readonly patienceMs: number;
  /** Person with `--talk scenario`: talk time from the first agent audio to its BYE. */
  readonly talkMs: number;
}

/** How a population draws fates. */
export interface FateSettings {
  /** Scenario durations run this much faster on the wire (`--time-scale`). */
  readonly timeScale: TimeScale;
  /** Scenario seconds a no-answer call rings before the endpoint's own 480. */
  readonly noAnswerLimitSeconds: number;
}

/**
 * Returns a function drawing each new INVITE's fate from the scenario's outcome model: the
 * outcome from `outcomes.probabilities` (the hour-of-day overrides are not applied: a live run
 * has no scenario clock), ring times from `outcomes.ring`, patience from `callee.patience` and
 * talk from `agents.talk`. Each quantity has its own named stream, so the n-th INVITE gets the
 * same fate for a given seed whatever the other draws.
 */
export function createFateDrawer(
  scenario: Scenario,
  streams: RandomStreams,
  settings: FateSettings,
): () => CalleeFate {
  const pick = outcomePicker(scenario, streams.stream("endpoint/outcome"));
  const ring = scenario.outcomes.ring;
  const rings: Readonly<Record<Exclude<Outcome, "noAnswer">, Sampler>> = {
    person: sampler(ring.person, streams.stream("endpoint/ring/person")),
    machine: sampler(ring.machine, streams.stream("endpoint/ring/machine")),
    busy: sampler(ring.busy, streams.stream("endpoint/ring/busy")),
    invalid: sampler(ring.invalid, streams.stream("endpoint/ring/invalid")),
  };
  const patience = sampler(scenario.callee.patience, streams.stream("endpoint/patience"));
  const talk = sampler(scenario.agents.talk, streams.stream("endpoint/talk"));
  const toMs = (seconds: number): number => settings.timeScale.toWallMs(seconds);
  return () => {
    const outcome = pick();
    // Every quantity is drawn for every call so that streams stay aligned call by call.
    const patienceMs = toMs(patience());
    const talkMs = toMs(talk());
    const ringMs =
      outcome === "noAnswer" ? toMs(settings.noAnswerLimitSeconds) : toMs(rings[outcome]());
    return { outcome, ringMs, patienceMs, talkMs };
  };
}

function outcomePicker(scenario: Scenario, rng: Rng): () => Outcome {
  const p = scenario.outcomes.probabilities;
  return () => {
    let u = rng();
    for (const outcome of OUTCOMES) {
      u -= p[outcome];
      if (u < 0) return outcome;
    }
    // Rounding left a sliver above the last cumulative bound: the last outcome with weight.
    return [...OUTCOMES].reverse().find((o) => p[o] > 0) ?? "person";
  };
}
