/**
 * The pure core of `pacelab fit`: from a {@link CallSample} and the base scenario, the outcome
 * probabilities by hour and every distribution the records can support, each with why it was
 * fitted or kept.
 */
import { median } from "simple-statistics";
import { Outcome } from "../compliance/call-row.js";
import type {
  Outcome as OutcomeName,
  OutcomeProbabilities,
  Scenario,
} from "../scenario/scenario.js";
import { OUTCOMES } from "../scenario/scenario.js";
import type { DistributionSpec } from "../sim/distribution-spec.js";
import type { CallSample } from "./call-sample.js";
import { type DistributionFit, fitDistribution, type Observations } from "./fit-distribution.js";
import { probabilityBelow } from "./spec-cdf.js";

/** Fewest exact values for fitting a distribution. */
export const MIN_SAMPLE = 30;
/** Fewest callee hang-ups for estimating patience. */
export const MIN_PATIENCE_EVENTS = 10;
/** Fewest attempts in an hour for that hour to get its own outcome probabilities. */
export const MIN_ATTEMPTS_PER_HOUR = 100;
/** Decimals of the written probabilities. */
const PROBABILITY_DECIMALS = 6;

/** A scenario key `pacelab fit` fits, as written in the scenario file. */
export type FittedKey =
  | "outcomes.person.ring"
  | "outcomes.machine.ring"
  | "outcomes.busy.ring"
  | "outcomes.invalid.ring"
  | "agents.talk"
  | "agents.wrapUp"
  | "callee.patience"
  | "callee.machineMessage";

export interface QuantityFit {
  readonly key: FittedKey;
  /** The fit, or undefined when the base scenario's value is kept. */
  readonly fit?: DistributionFit;
  /** Why the base's value is kept, or what to know about the fit. */
  readonly note: string;
}

export interface OutcomeFit {
  readonly attempts: number;
  readonly probabilities: OutcomeProbabilities;
  /** Hours with at least {@link MIN_ATTEMPTS_PER_HOUR} attempts. */
  readonly byHour: Readonly<
    Record<number, { attempts: number; probabilities: OutcomeProbabilities }>
  >;
  /** Hours with attempts, too few for their own probabilities. */
  readonly pooledHours: readonly number[];
  /** The dialer's no-answer timeout the fit assumed, and where it came from. */
  readonly timeoutSeconds: number;
  readonly timeoutSource: "records" | "base";
  /** P(ring >= timeout) of persons and machines: answers the records show as no-answers. */
  readonly lostToTimeout: { readonly person: number; readonly machine: number };
}

export interface ScenarioFit {
  readonly outcomes: OutcomeFit;
  readonly quantities: readonly QuantityFit[];
}

/**
 * The dialer's no-answer timeout as the records show it: the median ring of unanswered calls
 * (the base scenario's timeout when none is recorded), raised past the longest answered ring,
 * since a dialer whose records show answers after its nominal timeout was not cutting there.
 */
export function fittedNoAnswerTimeout(
  noAnswerRings: readonly number[],
  answeredRings: readonly number[],
  base: Scenario,
): number {
  let timeout =
    noAnswerRings.length > 0
      ? median(noAnswerRings as number[])
      : base.dialer.noAnswerTimeoutSeconds;
  // A loop, not Math.max(...rings): a spread of a million arguments overflows the stack.
  for (const ring of answeredRings) timeout = Math.max(timeout, ring + 1e-3);
  return timeout;
}

/**
 * Fits what the records support. Person and machine ring times are truncated at the timeout
 * (an answer after it is logged as a no-answer), so their probabilities are the observed shares
 * divided by P(ring < timeout) and the no-answer share loses what they gain; busy and invalid
 * rings still going at the timeout are censored there.
 *
 * @throws RangeError if the sample holds no attempt.
 */
export function fitScenario(sample: CallSample, base: Scenario): ScenarioFit {
  if (sample.attempts === 0) throw new RangeError("fitScenario: no call attempts");
  const noAnswers = sample.ring[Outcome.noAnswer];
  const answeredRings = [...sample.ring[Outcome.person], ...sample.ring[Outcome.machine]];
  const fromRecords = noAnswers.length > 0;
  const timeout = fittedNoAnswerTimeout(noAnswers, answeredRings, base);

  const quantities: QuantityFit[] = [];
  const ringNote =
    sample.ringUnmeasured > 0
      ? `${sample.ringUnmeasured} attempts without a measured ring (the format does not record when the call was placed)`
      : "";
  const ringOf = (key: FittedKey, outcome: number, truncated: boolean) => {
    const rings = sample.ring[outcome];
    const obs: Observations = truncated
      ? { values: rings, censored: [], truncatedAbove: timeout }
      : {
          values: rings.filter((x) => x < timeout - 1e-3),
          censored: rings.filter((x) => x >= timeout - 1e-3).map(() => timeout),
          truncatedAbove: Number.POSITIVE_INFINITY,
        };
    const note = truncated
      ? `truncated at the ${round(timeout)} s timeout (later answers are logged as no-answers)`
      : `censored at the ${round(timeout)} s timeout`;
    quantities.push(fitOrKeep(key, obs, MIN_SAMPLE, note, ringNote));
  };
  ringOf("outcomes.person.ring", Outcome.person, true);
  ringOf("outcomes.machine.ring", Outcome.machine, true);
  ringOf("outcomes.busy.ring", Outcome.busy, false);
  ringOf("outcomes.invalid.ring", Outcome.invalid, false);

  const exact = (values: readonly number[]): Observations => ({
    values,
    censored: [],
    truncatedAbove: Number.POSITIVE_INFINITY,
  });
  quantities.push(
    fitOrKeep(
      "agents.talk",
      exact(sample.talk),
      MIN_SAMPLE,
      "agent connection to hang-up of persons put through",
      "",
    ),
  );
  quantities.push({
    key: "agents.wrapUp",
    note: "kept from the base: the call records do not show an agent's after-call work (it cannot be told from waiting for the next call)",
  });
  quantities.push(patienceFit(sample, base));
  quantities.push(
    fitOrKeep(
      "callee.machineMessage",
      exact(sample.machineMessage),
      MIN_SAMPLE,
      "agent connection to hang-up of machines put through",
      "",
    ),
  );

  const specOf = (key: FittedKey, fallback: DistributionSpec) =>
    quantities.find((q) => q.key === key)?.fit?.spec ?? fallback;
  const lostToTimeout = {
    person:
      1 - probabilityBelow(specOf("outcomes.person.ring", base.outcomes.ring.person), timeout),
    machine:
      1 - probabilityBelow(specOf("outcomes.machine.ring", base.outcomes.ring.machine), timeout),
  };
  const untruncate = (counts: readonly number[]) => outcomeProbabilities(counts, lostToTimeout);

  const total = [0, 0, 0, 0, 0];
  const byHour: Record<number, { attempts: number; probabilities: OutcomeProbabilities }> = {};
  const pooledHours: number[] = [];
  sample.byHour.forEach((counts, hour) => {
    const n = counts.reduce((a, b) => a + b, 0);
    counts.forEach((c, i) => {
      total[i] += c;
    });
    if (n >= MIN_ATTEMPTS_PER_HOUR)
      byHour[hour] = { attempts: n, probabilities: untruncate(counts) };
    else if (n > 0) pooledHours.push(hour);
  });
  return {
    outcomes: {
      attempts: sample.attempts,
      probabilities: untruncate(total),
      byHour,
      pooledHours,
      timeoutSeconds: timeout,
      timeoutSource: fromRecords ? "records" : "base",
      lostToTimeout,
    },
    quantities,
  };
}

/**
 * Outcome probabilities from counts by outcome code, undoing the timeout: a person (machine)
 * answers at all with probability share / (1 - lost), and the no-answer share gives back what
 * they gain. Rounded to 6 decimals and summing to 1 (to float precision) as the scenario requires.
 */
export function outcomeProbabilities(
  counts: readonly number[],
  lost: { readonly person: number; readonly machine: number },
): OutcomeProbabilities {
  const n = counts.reduce((a, b) => a + b, 0);
  const q = counts.map((c) => c / n);
  const p = [...q];
  p[Outcome.person] = q[Outcome.person] / (1 - lost.person);
  p[Outcome.machine] = q[Outcome.machine] / (1 - lost.machine);
  p[Outcome.noAnswer] =
    q[Outcome.noAnswer] -
    (p[Outcome.person] - q[Outcome.person]) -
    (p[Outcome.machine] - q[Outcome.machine]);
  if (p[Outcome.noAnswer] < 0) {
    // Fewer no-answers than the ring fits imply: the records' own shares are the best estimate.
    p.splice(0, 5, ...q);
  }
  const scale = 10 ** PROBABILITY_DECIMALS;
  const rounded = p.map((x) => Math.round(x * scale) / scale);
  // Put the rounding's remainder on the largest share so the five sum to 1.
  let largest = 0;
  for (let i = 1; i < 5; i++) if (rounded[i] > rounded[largest]) largest = i;
  rounded[largest] =
    Math.round((1 - rounded.reduce((a, b, i) => (i === largest ? a : a + b), 0)) * scale) / scale;
  return Object.fromEntries(OUTCOMES.map((o, i) => [o, rounded[i]])) as Record<OutcomeName, number>;
}

function fitOrKeep(
  key: FittedKey,
  obs: Observations,
  min: number,
  what: string,
  unmeasured: string,
): QuantityFit {
  const n = obs.values.length;
  if (n < min) {
    const why =
      unmeasured !== "" && n === 0
        ? unmeasured
        : `only ${n} values in the records (at least ${min} needed)`;
    return { key, note: `kept from the base: ${why}` };
  }
  return { key, fit: fitDistribution(obs), note: what };
}

/**
 * The callee's patience is seen only below the cut-off: a hang-up while held is an event, any
 * other end of the wait (an agent, the cut-off, AMD) a right-censored value. Beyond the cut-off
 * nothing is seen, so only the hazard of the first seconds is identified and a shape cannot be
 * told: the exponential (constant hazard) is fitted, by its closed form.
 */
function patienceFit(sample: CallSample, base: Scenario): QuantityFit {
  const key = "callee.patience";
  if (sample.holdUnmeasured > 0) {
    return {
      key,
      note: `kept from the base: ${sample.holdUnmeasured} answered calls without a measured wait for an agent (the format does not record the agent's connection)`,
    };
  }
  const events = sample.patienceEvents.length;
  if (events < MIN_PATIENCE_EVENTS) {
    return {
      key,
      note: `kept from the base: only ${events} callers hung up while waiting (at least ${MIN_PATIENCE_EVENTS} needed)`,
    };
  }
  const fit = fitDistribution(
    {
      values: sample.patienceEvents,
      censored: sample.patienceCensored,
      truncatedAbove: Number.POSITIVE_INFINITY,
    },
    { families: ["exponential"] },
  );
  return {
    key,
    fit,
    note: `exponential only: waits are seen up to the ${round(base.dialer.cutoffSeconds)} s cut-off, so only the early hang-up rate is identified; ${fit.censored} waits ended otherwise (censored)`,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
