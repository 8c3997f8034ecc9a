import { ALL_DAY_CALLING_HOURS } from "../../src/calendar/calendar.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "./scenario-fixture.js";

/**
 * Exact stationary results for a small Markov model of RATIO pacing.
 *
 * Model: N agents, no wrap-up, no breaks, RATIO level L replenishing continuously, so the dialer
 * keeps G = round(L x N) lines busy: G - b calls in flight when b agents are talking. Each call
 * resolves after an exponential ring time (rate r); with probability p it is a person. A person
 * who answers while an agent is free is connected (b -> b + 1); with every agent talking the
 * call is dropped at once (cut-off 0): a silent call. Conversations end at rate m (exponential
 * talk time), b -> b - 1. Failed calls are replaced at once and do not change b.
 *
 * This is a birth-death chain on b = 0..N with birth rates (G - b) p r and death rates b m, so
 * pi(b + 1) = pi(b) (G - b) p r / ((b + 1) m). Connected calls arrive at rate
 * sum_{b<N} pi(b) (G - b) p r, silent calls at rate pi(N) (G - N) p r.
 */
export interface RatioMarkovResult {
  /** Silent calls per 100 connected. */
  readonly silentPer100Connected: number;
  /** Mean fraction of agents talking. */
  readonly talkOccupancy: number;
  /** Connected calls per second. */
  readonly connectedRate: number;
}

export function ratioMarkov(
  agents: number,
  level: number,
  personProbability: number,
  meanRing: number,
  meanTalk: number,
): RatioMarkovResult {
  const lines = Math.round(level * agents);
  const r = 1 / meanRing;
  const m = 1 / meanTalk;
  const p = personProbability;
  const weights = [1];
  for (let b = 0; b < agents; b++) {
    weights.push((weights[b] * (lines - b) * p * r) / ((b + 1) * m));
  }
  const total = weights.reduce((a, w) => a + w, 0);
  const pi = weights.map((w) => w / total);
  let connectedRate = 0;
  let busy = 0;
  for (let b = 0; b <= agents; b++) {
    if (b < agents) connectedRate += pi[b] * (lines - b) * p * r;
    busy += b * pi[b];
  }
  const silentRate = pi[agents] * (lines - agents) * p * r;
  return {
    silentPer100Connected: (100 * silentRate) / connectedRate,
    talkOccupancy: busy / agents,
    connectedRate,
  };
}

const DAY = 86_400;

/**
 * The chain's assumptions as a scenario (docs/markov.md lists them), over `days` consecutive
 * days with every agent on duty around the clock. `cutoff` 0 is the chain's; with a cut-off, a
 * person waits for an agent until it, never hanging up first. A short `cadenceSeconds`
 * approximates the chain's instant replenishment.
 */
export function ratioMarkovScenario(
  agents: number,
  level: number,
  personProbability: number,
  meanRing: number,
  meanTalk: number,
  { days = 1, cutoff = 0, cadenceSeconds = 0.05 } = {},
): Scenario {
  const ring = { dist: "exponential", mean: meanRing } as const;
  const p = personProbability;
  const base = makeScenario();
  return makeScenario({
    calendar: { start: "2026-12-01", days, holidays: [] },
    rules: { ...IT_GARANTE_2014, callingHours: ALL_DAY_CALLING_HOURS },
    agents: {
      groups: [{ count: agents, start: 0, end: DAY, breaks: [] }],
      talk: { dist: "exponential", mean: meanTalk },
      wrapUp: { dist: "fixed", value: 0 },
    },
    // More fresh numbers than the lines can dial: every line always has one.
    leads: { kind: "count", count: 250_000 * days },
    outcomes: {
      probabilities: { person: p, machine: 0, busy: 1 - p, noAnswer: 0, invalid: 0 },
      byHour: {},
      ring: { person: ring, machine: ring, busy: ring, invalid: { dist: "fixed", value: 1 } },
    },
    dialer: { ...base.dialer, cutoffSeconds: cutoff, noAnswerTimeoutSeconds: 1e9 },
    callee: { ...base.callee, patience: { dist: "fixed", value: 1e9 } },
    retries: {
      busy: { delaySeconds: 0, maxAttempts: 1 },
      noAnswer: { delaySeconds: 0, maxAttempts: 1 },
      machine: { delaySeconds: 0, maxAttempts: 1 },
      silent: { delaySeconds: 0, maxAttempts: 1 },
    },
    pacing: { algorithm: "vicidial-ratio", level, cadenceSeconds },
  });
}
