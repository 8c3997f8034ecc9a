import type { Scenario } from "../scenario/scenario.js";
import { OUTCOMES } from "../scenario/scenario.js";
import { copySamplerState, type Sampler, sampler } from "../sim/distributions.js";
import type { RandomStreams, Rng } from "../sim/random.js";
import { type Call, OutcomeCode } from "./call.js";
import type { CallLine } from "./call-line.js";

const DAY = 86_400;

/** Outcome probabilities as cumulative tables, one per hour of day. */
function cumulativeByHour(scenario: Scenario): Float64Array[] {
  const tables: Float64Array[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const p = scenario.outcomes.byHour[hour] ?? scenario.outcomes.probabilities;
    const table = new Float64Array(OUTCOMES.length);
    let sum = 0;
    OUTCOMES.forEach((outcome, i) => {
      sum += p[outcome];
      table[i] = sum;
    });
    table[OUTCOMES.length - 1] = 1; // guard against rounding: every draw lands somewhere
    tables.push(table);
  }
  return tables;
}

/**
 * The simulator's callees: each attempt's outcome drawn from the scenario's table for the
 * hour, its ring time from the outcome's distribution (cut short by the dialer's no-answer
 * timer), and a person's patience while held. One named stream per kind of draw, so that every
 * pacing sees the same callees (common random numbers).
 */
export class DrawnCallees implements CallLine {
  readonly keepsEndedCalls = false;
  /** No network: the callee hears the agent the instant the agent takes the call. */
  readonly heardAfter = 0;
  private readonly outcomeRng: Rng;
  private readonly outcomeTables: Float64Array[];
  // The table of the hour of the last draw, kept until a microsecond before that hour ends
  // (campaign seconds): most draws fall in the same hour as the previous one.
  private hourTable: Float64Array = new Float64Array(0);
  private hourEndsAt = -1;
  private readonly ring: Sampler[];
  private readonly patienceSampler: Sampler;

  constructor(
    scenario: Scenario,
    streams: RandomStreams,
    private readonly noAnswerTimeout: number,
  ) {
    this.outcomeRng = streams.stream("outcome");
    this.outcomeTables = cumulativeByHour(scenario);
    const ringRng = streams.stream("ring");
    const ringSpecs = scenario.outcomes.ring;
    this.ring = OUTCOMES.map((o) =>
      o === "noAnswer" ? () => Number.POSITIVE_INFINITY : sampler(ringSpecs[o], ringRng),
    );
    this.patienceSampler = sampler(scenario.callee.patience, streams.stream("patience"));
  }

  /** Puts these callees (on copies of `other`'s streams) in `other`'s state. */
  copyFrom(other: DrawnCallees): void {
    this.ring.forEach((draw, i) => {
      copySamplerState(draw, other.ring[i]);
    });
    copySamplerState(this.patienceSampler, other.patienceSampler);
  }

  dial(call: Call): number {
    const outcome = this.drawOutcome(call.placedAt);
    let ring = this.ring[outcome]();
    let effective: OutcomeCode = outcome;
    if (ring >= this.noAnswerTimeout) {
      ring = this.noAnswerTimeout;
      if (outcome === OutcomeCode.person || outcome === OutcomeCode.machine) {
        effective = OutcomeCode.noAnswer;
      }
    }
    call.outcome = effective;
    return ring;
  }

  patience(): number {
    return this.patienceSampler();
  }

  connected(_call: Call): void {}

  ended(): void {}

  private drawOutcome(now: number): OutcomeCode {
    if (now >= this.hourEndsAt) this.enterHour(now);
    const table = this.hourTable;
    const u = this.outcomeRng();
    let i = 0;
    while (u >= table[i]) i++;
    return i as OutcomeCode;
  }

  /** Takes the table of `now`'s hour, once an hour (apart: draws inline the check only). */
  private enterHour(now: number): void {
    const sinceMidnight = now % DAY;
    const hour = Math.floor(sinceMidnight / 3600);
    this.hourTable = this.outcomeTables[hour];
    // The margin keeps rounding at the hour's end out of the cached span.
    this.hourEndsAt = now - sinceMidnight + (hour + 1) * 3600 - 1e-6;
  }
}
