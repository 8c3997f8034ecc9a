import { OUTCOMES, type Scenario } from "../scenario/scenario.js";
import { type Sampler, sampler } from "../sim/distributions.js";
import type { Rng } from "../sim/random.js";
import type { ForecastParameters } from "./forecast-parameters.js";
import { scaled } from "./remaining-time.js";
import { ReplayedSampler } from "./replayed-sampler.js";
import type { RewindableStreams } from "./rewindable-streams.js";

/** Index of a no-answer in OUTCOMES. */
export const NO_ANSWER = OUTCOMES.indexOf("noAnswer");

/**
 * One simulated future's random draws: outcomes from the estimated table, durations from the
 * scenario's distributions scaled to the estimated means, each kind from its own named stream
 * so that futures of different candidates with the same streams share their numbers.
 *
 * The futures of one seed ask each kind for the same sequence (the k-th talk is the k-th talk
 * drawn, whoever it goes to; outcomes and rings follow the calls in the order placed), so the
 * first future of a seed computes them and the next ones replay them ({@link ReplayedSampler}).
 * AMD's draws are the exception: detection times and verdicts share one stream in an order that
 * follows each future's own timing, so each future draws them anew from the seed's start.
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

  // Every sampler drawn from, unscaled: their normals' spare values start each seed anew.
  private readonly samplers: Sampler[] = [];
  private readonly replayed: ReplayedSampler[] = [];
  private seed: string | null = null;

  /**
   * Draws on `streams`; each future starts with {@link startFuture} (the samplers made here
   * serve every future).
   */
  constructor(
    scenario: Scenario,
    private readonly parameters: ForecastParameters,
    private readonly streams: RewindableStreams,
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
    this.detection = amd.enabled ? sampler(amd.detection, this.amd) : null;
    if (this.detection !== null) this.samplers.push(this.detection);
    this.outcomeRng = this.kept(streams.stream("outcome"));
  }

  /**
   * Starts a future on the streams of `seed`, drawing as new samplers on freshly seeded
   * streams would: a new seed's draws from its start, the same seed's replayed (and drawn on
   * past what earlier futures used), AMD's from its stream's start.
   */
  startFuture(seed: string): void {
    if (seed !== this.seed) {
      this.seed = seed;
      this.streams.restart(seed);
      for (const r of this.replayed) r.clear();
      for (const s of this.samplers) forgetSpare(s);
    } else {
      this.streams.restartStream("amd");
      for (const r of this.replayed) r.rewind();
      if (this.detection !== null) forgetSpare(this.detection);
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

  /** `s`, its values kept for the seed's next futures. */
  private kept(s: Sampler): Sampler {
    this.samplers.push(s);
    const replayed = new ReplayedSampler(s);
    this.replayed.push(replayed);
    return replayed.draw;
  }
}

/** A normal sampler forgets the spare value it holds, as a new one would have none. */
function forgetSpare(s: Sampler): void {
  if (s.spare !== undefined) s.spare.waiting = false;
}

function isAnswer(outcome: string): boolean {
  return outcome === "person" || outcome === "machine";
}
