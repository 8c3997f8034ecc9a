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
