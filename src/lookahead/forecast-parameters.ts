import type { RecentOutcomes } from "../pacing/forecaster.js";
import { OUTCOMES, type Scenario } from "../scenario/scenario.js";
import { distributionMean } from "../sim/distributions.js";

const DAY = 86_400;

/**
 * How many observations the scenario's value counts as, per estimate: the campaign's own
 * outcomes outweigh the prior once the window holds a few times these.
 */
export const PRIOR_WEIGHT = { ringsEnded: 100, answered: 50, talks: 20 } as const;

/** The near future's parameters: the scenario's, moved toward the campaign's recent outcomes. */
export interface ForecastParameters {
  /** Cumulative outcome probabilities of a placed call, in OUTCOMES' order. */
  readonly outcomeTable: Float64Array;
  /** Factor on the scenario's ring times of answered calls. */
  readonly ringScale: number;
  /** Factor on the scenario's talk times. */
  readonly talkScale: number;
  /** Factor on the scenario's wrap-up times. */
  readonly wrapUpScale: number;
  /** Share of persons among answered calls. */
  readonly personShare: number;
}

/** (prior x weight + sum) / (weight + count): a mean pulled toward the prior by `weight`. */
function blend(prior: number, weight: number, sum: number, count: number): number {
  return (prior * weight + sum) / (weight + count);
}

/**
 * Estimates from the recent window with the scenario's values for the current hour as the prior
 * (each counting as PRIOR_WEIGHT observations): the answer rate (answers per ring ended), the
 * share of persons among answers (persons found by agents, with the dropped calls split in the
 * same proportion), and the mean ring, talk (of persons) and wrap-up times (wrap-up by Little's law: agents
 * in wrap-up over the window divided by the conversations ended). The ring, talk and wrap-up
 * distributions keep the scenario's shapes, scaled to the estimated means; the non-answers keep
 * the scenario's proportions.
 */
export function estimateParameters(
  scenario: Scenario,
  now: number,
  recent: RecentOutcomes,
): ForecastParameters {
  const hour = Math.floor((now % DAY) / 3600);
  const prior = scenario.outcomes.byHour[hour] ?? scenario.outcomes.probabilities;
  const c = recent.counters;
  const priorAnswer = prior.person + prior.machine;
  const answerRate = blend(priorAnswer, PRIOR_WEIGHT.ringsEnded, c.answered, recent.ringsEnded);
  const priorShare = priorAnswer > 0 ? prior.person / priorAnswer : 0;
  const atAgent = c.connected + c.machinesAtAgent;
  const persons = c.connected + (atAgent > 0 ? (c.dropped * c.connected) / atAgent : 0);
  const personShare = Math.min(1, blend(priorShare, PRIOR_WEIGHT.answered, persons, c.answered));
  const weights = [
    answerRate * personShare,
    answerRate * (1 - personShare),
    ...nonAnswerShares(prior).map((share) => (1 - answerRate) * share),
  ];
  const outcomeTable = new Float64Array(OUTCOMES.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    outcomeTable[i] = sum;
  });
  outcomeTable[OUTCOMES.length - 1] = 1;
  return {
    outcomeTable,
    personShare,
    ringScale: scaleToward(
      priorRing(scenario, priorShare),
      PRIOR_WEIGHT.answered,
      c.ringSecondsAnswered,
      c.answered,
    ),
    talkScale: personTalkScale(scenario, c),
    wrapUpScale: scaleToward(
      distributionMean(scenario.agents.wrapUp),
      PRIOR_WEIGHT.talks,
      recent.wrapUpAgentSeconds,
      c.talks,
    ),
  };
}

/** The blended mean over the prior mean (1 when the prior mean is 0). */
function scaleToward(priorMean: number, weight: number, sum: number, count: number): number {
  return priorMean > 0 ? blend(priorMean, weight, sum, count) / priorMean : 1;
}

/**
 * The factor on the scenario's talk times: the dialer's conversations include the agents' time
 * on machines AMD let through, at the scenario's machine-message mean each, which would
 * otherwise pass for short talks with persons (a third of them in the small-team study,
 * shortening the forecast's talks by 30%).
 */
function personTalkScale(scenario: Scenario, c: RecentOutcomes["counters"]): number {
  const machines = Math.min(c.machinesAtAgent, c.talks);
  const machineSeconds = machines * distributionMean(scenario.callee.machineMessage);
  return scaleToward(
    distributionMean(scenario.agents.talk),
    PRIOR_WEIGHT.talks,
    Math.max(0, c.talkSeconds - machineSeconds),
    c.talks - machines,
  );
}

/** Busy, no-answer and invalid as shares of the non-answers (equal when the prior has none). */
function nonAnswerShares(p: Scenario["outcomes"]["probabilities"]): number[] {
  const rest = p.busy + p.noAnswer + p.invalid;
  return rest > 0 ? [p.busy / rest, p.noAnswer / rest, p.invalid / rest] : [0, 1, 0];
}

/** The scenario's mean ring time of an answered call. */
function priorRing(scenario: Scenario, personShare: number): number {
  const ring = scenario.outcomes.ring;
  return (
    personShare * distributionMean(ring.person) + (1 - personShare) * distributionMean(ring.machine)
  );
}
