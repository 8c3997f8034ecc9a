import seedrandom from "seedrandom";
import type { RatioMarkovResult } from "./ratio-markov.js";

/**
 * An independent simulation of the RATIO model of ratio-markov.ts with a cut-off: a person who
 * answers with every agent talking waits up to `cutoff` seconds for one (first come, first
 * served) and is a silent call if none frees in time. Waiting calls hold their lines, so
 * G - talking - waiting calls ring. Written apart from pacelab's kernel and model on purpose:
 * ring and talk ends are drawn as the next event of the whole system (rates add up, exponential
 * times are memoryless), deadlines are kept in a plain FIFO.
 */
export function ratioWithCutoff(
  agents: number,
  level: number,
  personProbability: number,
  meanRing: number,
  meanTalk: number,
  cutoff: number,
  horizonSeconds: number,
  seed: string,
): RatioMarkovResult & { readonly silentPer100Answered: number } {
  const rng = seedrandom(seed);
  const exp = (rate: number) => -Math.log(1 - rng()) / rate;
  const lines = Math.round(level * agents);
  let t = 0;
  let talking = 0;
  const deadlines: number[] = []; // waiting calls' cut-off instants, in order of arrival
  let connected = 0;
  let silent = 0;
  let talkIntegral = 0;
  while (t < horizonSeconds) {
    const ringRate = (lines - talking - deadlines.length) / meanRing;
    const endRate = talking / meanTalk;
    const dt = exp(ringRate + endRate);
    const deadline = deadlines.length > 0 ? deadlines[0] : Number.POSITIVE_INFINITY;
    const next = Math.min(t + dt, deadline, horizonSeconds);
    talkIntegral += talking * (next - t);
    t = next;
    if (t >= horizonSeconds) break;
    if (t === deadline) {
      deadlines.shift();
      silent++;
      continue;
    }
    if (rng() < ringRate / (ringRate + endRate)) {
      if (rng() >= personProbability) continue; // not a person: the line is redialled at once
      if (talking < agents) {
        talking++;
        connected++;
      } else if (cutoff > 0) deadlines.push(t + cutoff);
      else silent++;
    } else if (deadlines.length > 0) {
      deadlines.shift(); // the freed agent takes the longest-waiting call
      connected++;
    } else talking--;
  }
  return {
    silentPer100Connected: (100 * silent) / connected,
    silentPer100Answered: (100 * silent) / (connected + silent),
    talkOccupancy: talkIntegral / horizonSeconds / agents,
    connectedRate: connected / horizonSeconds,
  };
}
