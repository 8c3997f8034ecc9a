import { describe, expect, it } from "vitest";
import { AgentPool } from "../../src/model/agent-pool.js";
import { Call, OutcomeCode } from "../../src/model/call.js";
import { DialerTally } from "../../src/model/dialer-tally.js";
import { Simulation } from "../../src/sim/simulation.js";

/** A tally on a kernel stepped by hand, and a call that rings from `placedAt`. */
function rig() {
  const sim = new Simulation();
  const tally = new DialerTally(sim, new AgentPool(2));
  const at = (t: number) => sim.run(t);
  const call = (placedAt: number, reservedAgent = -1) =>
    new Call(1, 0, 1, placedAt, OutcomeCode.person, reservedAgent);
  return { tally, at, call };
}

describe("DialerTally", () => {
  it("counts a paced call in flight by state, and a recontact with its agent apart", () => {
    const { tally, at, call } = rig();
    const paced = call(0);
    const held = call(0, 1);
    tally.placed(paced);
    tally.placed(held);
    expect([tally.paced.ringing, tally.guaranteedInFlight, tally.totals.placed]).toEqual([1, 1, 2]);
    tally.cancelling(paced);
    tally.cancelling(held); // not the pacer's: nothing to count
    expect([tally.paced.cancelling, tally.liveMoves]).toEqual([1, 1]);
    at(4);
    paced.cancelSent = true;
    tally.ringEnded(paced);
    tally.answered(paced);
    expect([tally.paced.ringing, tally.paced.cancelling, tally.pacedInFlight]).toEqual([0, 0, 0]);
    expect([tally.totals.answered, tally.totals.ringSecondsAnswered]).toEqual([1, 4]);
    at(10);
    tally.ended(held);
    expect([tally.guaranteedInFlight, tally.lastCallEndedAt, tally.totals.ended]).toEqual([
      0, 10, 1,
    ]);
  });

  it("starts today's counts over but keeps the campaign's, and copies all", () => {
    const { tally, call } = rig();
    tally.placed(call(0));
    tally.dropped();
    tally.startDay();
    expect([tally.today.placed, tally.today.dropped]).toEqual([0, 0]);
    expect([tally.totals.placed, tally.totals.dropped]).toEqual([1, 1]);
    const copy = rig().tally;
    copy.copyFrom(tally);
    expect([copy.paced, copy.totals, copy.today]).toEqual([tally.paced, tally.totals, tally.today]);
    expect(copy.paced).not.toBe(tally.paced);
  });

  it("integrates the calls in flight over time, placed to talking or ended", () => {
    const { tally, at, call } = rig();
    tally.placed(call(0)); // one in flight from 0
    at(5);
    tally.placed(call(5)); // two from 5
    at(8);
    expect(tally.callsInFlightSeconds(8)).toBe(5 + 2 * 3);
  });
});
