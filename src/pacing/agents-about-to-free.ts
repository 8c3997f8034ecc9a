import type { AboutToFreeConfig } from "./config.js";
import type { Pacer } from "./pacer.js";
import { progressiveCalls } from "./progressive.js";
import { callsInFlight, type DialerView } from "./view.js";

/**
 * Elapsed talk time from which a talking agent counts as nearly free:
 * 1 - exp(-(t + tAnswer) / meanTalk) >= q  <=>  t >= -meanTalk x ln(1 - q) - tAnswer.
 * Infinity when q >= 1 (never) or when no mean talk time is known.
 */
export function nearlyFreeFrom(meanTalk: number, tAnswer: number, threshold: number): number {
  if (!(meanTalk > 0) || threshold >= 1) return Number.POSITIVE_INFINITY;
  return -meanTalk * Math.log1p(-threshold) - tAnswer;
}

/**
 * Agents about to free (Issabel style). Progressive until `warmupTalks` conversations have
 * finished. Then, with mean_talk = talkSeconds / talks and t_answer = ringSecondsAnswered /
 * answered (0 before the first answer), a talking agent with elapsed talk time t counts as
 * nearly free when 1 - exp(-(t + t_answer) / mean_talk) >= threshold; place
 * ready + nearly free - calls in flight, at least 0.
 *
 * The test is evaluated in its equivalent form t >= t*, computed once per decision, so a
 * decision is one pass over `talkElapsed` with no exp per agent.
 */
export class AgentsAboutToFreePacer implements Pacer {
  readonly name = "agents-about-to-free";
  readonly cadenceSeconds: number;
  readonly decidesOnAgentReady = true;
  private readonly threshold: number;
  private readonly warmupTalks: number;

  constructor(config: AboutToFreeConfig) {
    this.cadenceSeconds = config.cadenceSeconds;
    this.threshold = config.threshold;
    this.warmupTalks = config.warmupTalks;
  }

  copy(): Pacer {
    return this; // no state of its own
  }

  decide(view: DialerView): number {
    const totals = view.totals;
    if (totals.talks < this.warmupTalks || totals.talks === 0) return progressiveCalls(view);
    const meanTalk = totals.talkSeconds / totals.talks;
    const tAnswer = totals.answered > 0 ? totals.ringSecondsAnswered / totals.answered : 0;
    const from = nearlyFreeFrom(meanTalk, tAnswer, this.threshold);
    const elapsed = view.talkElapsed;
    let nearlyFree = 0;
    for (let i = 0, n = elapsed.length; i < n; i++) {
      if (elapsed[i] >= from) nearlyFree++;
    }
    const n = view.agents.ready + nearlyFree - callsInFlight(view);
    return Math.max(n, 0);
  }
}
