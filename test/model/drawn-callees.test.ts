import { describe, expect, it } from "vitest";
import { Call, OutcomeCode } from "../../src/model/call.js";
import { DrawnCallees } from "../../src/model/drawn-callees.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { OutcomeProbabilities, Scenario } from "../../src/scenario/scenario.js";
import { createStreams } from "../../src/sim/random.js";
import { makeScenario } from "../support/scenario-fixture.js";

const DAY = 86_400;
const H = 3600;

const only = (outcome: keyof OutcomeProbabilities): OutcomeProbabilities => ({
  person: 0,
  machine: 0,
  busy: 0,
  noAnswer: 0,
  invalid: 0,
  [outcome]: 1,
});

/** An attempt placed at `placedAt`, before the line has said what it does. */
const attempt = (placedAt: number, id = 0) =>
  new Call(id, 0, 1, placedAt, OutcomeCode.noAnswer, -1);

/** Dials one attempt at `placedAt`: what the number does and the ring's seconds. */
function dial(callees: DrawnCallees, placedAt: number): [OutcomeCode, number] {
  const call = attempt(placedAt);
  const ring = callees.dial(call);
  return [call.outcome, ring];
}

/** Fixed ring times, so that a draw's ring says which outcome's distribution it came from. */
function fixedRings(ring: Partial<Record<"person" | "machine" | "busy" | "invalid", number>>) {
  const base = makeScenario().outcomes.ring;
  const fixed = (value: number | undefined, spec: (typeof base)["person"]) =>
    value === undefined ? spec : { dist: "fixed" as const, value };
  return {
    person: fixed(ring.person, base.person),
    machine: fixed(ring.machine, base.machine),
    busy: fixed(ring.busy, base.busy),
    invalid: fixed(ring.invalid, base.invalid),
  };
}

function callees(scenario: Scenario, seed = 1, timeout = 25): DrawnCallees {
  return new DrawnCallees(scenario, createStreams(seed), timeout);
}

describe("DrawnCallees", () => {
  it("draws each attempt's outcome from the table of the hour it is placed in", () => {
    const base = makeScenario();
    const scenario = makeScenario({
      outcomes: {
        ...base.outcomes,
        probabilities: only("busy"),
        byHour: { 10: only("person"), 23: only("invalid") },
        ring: fixedRings({ person: 5, busy: 3, invalid: 2 }),
      },
    });
    const line = callees(scenario);
    // In time order, as the kernel's clock runs: the hour's table is kept until the hour ends.
    expect(dial(line, 10 * H - 0.5)).toEqual([OutcomeCode.busy, 3]);
    expect(dial(line, 10 * H)).toEqual([OutcomeCode.person, 5]);
    expect(dial(line, 11 * H - 1e-3)).toEqual([OutcomeCode.person, 5]);
    expect(dial(line, 11 * H)).toEqual([OutcomeCode.busy, 3]);
    expect(dial(line, 23 * H + 59 * 60)).toEqual([OutcomeCode.invalid, 2]);
    // The next day's hours: the table follows the time of day, not the campaign's hour count.
    expect(dial(line, DAY + 30)).toEqual([OutcomeCode.busy, 3]);
    expect(dial(line, DAY + 10.5 * H)).toEqual([OutcomeCode.person, 5]);
  });

  it("reads a bundled scenario's evening tables: more persons at 19:00 than in the morning", () => {
    const scenario = loadScenario("scenarios/large-team.yaml");
    expect(scenario.outcomes.byHour[19]?.person).toBe(0.38);
    const line = callees(scenario);
    const personShare = (hourStart: number) => {
      let persons = 0;
      let invalid = 0;
      for (let i = 0; i < 20_000; i++) {
        const [outcome] = dial(line, hourStart + (i * H) / 20_000);
        if (outcome === OutcomeCode.invalid) invalid++;
        if (outcome === OutcomeCode.person) persons++;
      }
      return { persons: persons / 20_000, invalid: invalid / 20_000 };
    };
    const morning = personShare(10 * H);
    const evening = personShare(19 * H);
    // Both hours have 10% invalid numbers; persons reach the line less often than drawn,
    // since some ring past the 25 s timeout, but the evening's 0.38 shows against 0.30.
    expect(morning.invalid).toBeCloseTo(0.1, 1);
    expect(evening.invalid).toBeCloseTo(0.1, 1);
    expect(evening.persons - morning.persons).toBeGreaterThan(0.05);
    expect(evening.persons - morning.persons).toBeLessThan(0.11);
  });

  it("caps the ring at the no-answer timeout, where a person or machine becomes a no-answer", () => {
    const base = makeScenario();
    const withRings = (outcome: keyof OutcomeProbabilities, ring: number) =>
      makeScenario({
        outcomes: {
          ...base.outcomes,
          probabilities: only(outcome),
          ring: fixedRings({ person: ring, machine: ring, busy: ring, invalid: ring }),
        },
      });
    // Rung past the timeout: given up on at the timeout.
    expect(dial(callees(withRings("person", 30)), 0)).toEqual([OutcomeCode.noAnswer, 25]);
    expect(dial(callees(withRings("machine", 40)), 0)).toEqual([OutcomeCode.noAnswer, 25]);
    // Answered exactly at the timeout is too late: the timer fired first.
    expect(dial(callees(withRings("person", 25)), 0)).toEqual([OutcomeCode.noAnswer, 25]);
    // Answered a moment before: answered.
    expect(dial(callees(withRings("person", 24.9)), 0)).toEqual([OutcomeCode.person, 24.9]);
    // A busy or invalid signal stays what it is, only cut short.
    expect(dial(callees(withRings("busy", 30)), 0)).toEqual([OutcomeCode.busy, 25]);
    expect(dial(callees(withRings("invalid", 30)), 0)).toEqual([OutcomeCode.invalid, 25]);
    // A number nobody answers rings until the timer, whatever the timeout.
    expect(dial(callees(withRings("noAnswer", 1), 1, 17), 0)).toEqual([OutcomeCode.noAnswer, 17]);
  });

  it("draws the same callees for the same seed, another seed's for another", () => {
    const scenario = makeScenario();
    const draws = (seed: number, askPatienceBetween: boolean) => {
      const line = callees(scenario, seed);
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        out.push(...dial(line, 9 * H + i));
        if (askPatienceBetween) line.patience();
      }
      return out;
    };
    const a = draws(7, false);
    expect(draws(7, false)).toEqual(a);
    expect(draws(8, false)).not.toEqual(a);
    // Common random numbers: patience draws come from their own stream and shift no outcome.
    expect(draws(7, true)).toEqual(a);
    const patience = (seed: number) => {
      const line = callees(scenario, seed);
      return [line.patience(), line.patience(), line.patience()];
    };
    expect(patience(7)).toEqual(patience(7));
    expect(patience(7)).not.toEqual(patience(8));
  });

  it("lets the model reuse the records of ended calls", () => {
    expect(callees(makeScenario()).keepsEndedCalls).toBe(false);
  });
});
