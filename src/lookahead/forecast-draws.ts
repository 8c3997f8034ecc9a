import { OUTCOMES, type Scenario } from "../scenario/scenario.js";
import { type Sampler, sampler } from "../sim/distributions.js";
import type { RandomStreams, Rng } from "../sim/random.js";
import type { ForecastParameters } from "./forecast-parameters.js";
import { scaled } from "./remaining-time.js";

/** Index of a no-answer in OUTCOMES. */
export const NO_ANSWER = OUTCOMES.indexOf("noAnswer");

/**
 * One simulated future's random draws: outcomes from the estimated table, durations from the
 * scenario's distributions scaled to the estimated means, each kind from its own named stream
 * so that futures of different candidates with the same streams share their numbers.
 */
export class ForecastDraws {
  readonly ring: readonly Sampler[];
  readonly talk: Sampler;
  readonly wrapUp: Sampler;
  readonly machineMessage: Sampler;
  readonly patience: Sampler;
  readonly detection: Sampler | null;
  readonly amd: Rng;
  private readonly outcomeRng: Rng;

  // Every sampler drawn from, unscaled: what restart() resets besides the streams.
  private readonly samplers: Sampler[] = [];

  /**
   * Draws on `streams`; a future starts with {@link restart} once they are at its seed's start
   * (the samplers made here serve every future).
   */
  constructor(
    scenario: Scenario,
    private readonly parameters: ForecastParameters,
    streams: Pick<RandomStreams, "stream">,
    private readonly noAnswerTimeout: number,
  ) {
    const ringRng = streams.stream("ring");
    this.ring = OUTCOMES.map((o) =>
      o === "noAnswer"
        ? () => Number.POSITIVE_INFINITY
        : scaled(
            this.kept(sampler(scenario.outcomes.ring[o], ringRng)),
            isAnswer(o) ? parameters.ringScale : 1,
          ),
    );
    this.talk = scaled(
      this.kept(sampler(scenario.agents.talk, streams.stream("talk"))),
      parameters.talkScale,
    );
    this.wrapUp = scaled(
      this.kept(sampler(scenario.agents.wrapUp, streams.stream("wrap-up"))),
      parameters.wrapUpScale,
    );
    this.machineMessage = this.kept(
      sampler(scenario.callee.machineMessage, streams.stream("machine")),
    );
    this.patience = this.kept(sampler(scenario.callee.patience, streams.stream("patience")));
    this.amd = streams.stream("amd");
    const amd = scenario.dialer.amd;
    this.detection = amd.enabled ? this.kept(sampler(amd.detection, this.amd)) : null;
    this.outcomeRng = streams.stream("outcome");
  }

  /**
   * Starts a future: the samplers forget what earlier futures left in them (a normal's spare
   * value), so that with the streams at a seed's start they draw as new samplers would.
   */
  restart(): void {
    for (const s of this.samplers) {
      if (s.spare !== undefined) s.spare.waiting = false;
    }
    this.lastOutcome = NO_ANSWER;
  }

  /** An outcome index drawn from the estimated table. */
  outcome(): number {
    const table = this.parameters.outcomeTable;
    const u = this.outcomeRng();
    let i = 0;
    while (u >= table[i]) i++;
    return i;
  }

  /** Whether an answered call is a person, at the estimated share. */
  isPerson(): boolean {
    return this.outcomeRng() < this.parameters.personShare;
  }

  /**
   * A call's outcome and full ring time, as the simulator's callees draw them: a ring reaching
   * the no-answer timeout ends there, unanswered. Returns the ring; the outcome is left in
   * `lastOutcome`.
   */
  call(): number {
    let outcome = this.outcome();
    let ring = this.ring[outcome]();
    if (ring >= this.noAnswerTimeout) {
      ring = this.noAnswerTimeout;
      if (outcome < 2) outcome = NO_ANSWER;
    }
    this.lastOutcome = outcome;
    return ring;
  }

  /** The outcome of the last {@link call}. */
  lastOutcome = NO_ANSWER;

  private kept(s: Sampler): Sampler {
    this.samplers.push(s);
    return s;
  }
}

function isAnswer(outcome: string): boolean {
  return outcome === "person" || outcome === "machine";
}
