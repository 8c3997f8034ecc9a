import { describe, expect, it } from "vitest";
import { AgentPool, AgentState } from "../../src/model/agent-pool.js";
import type { Call } from "../../src/model/call.js";
import { CampaignModel } from "../../src/model/campaign.js";
import { makeScenario } from "../support/scenario-fixture.js";

describe("agent pool", () => {
  it("leaves agents with a departure due out of what the pacer sees, until they leave", () => {
    const pool = new AgentPool(4);
    for (const a of [0, 1, 2, 3]) pool.set(a, AgentState.ready, 0);
    pool.set(0, AgentState.talking, 10);
    pool.set(1, AgentState.talking, 20);
    pool.set(2, AgentState.wrapUp, 30);
    pool.markDeparting(1, 100);
    pool.markDeparting(2, 100);
    const paced = () => ({ ...pool.paced });
    expect(paced()).toEqual({ loggedIn: 2, ready: 1, talking: 1, wrapUp: 0, reserved: 0 });
    expect([...pool.talkElapsed(40)]).toEqual([30]); // agent 0 only
    expect(pool.loggedIn).toBe(4);
    // Still departing in wrap-up; gone from every count once off.
    pool.set(1, AgentState.wrapUp, 50);
    expect(paced()).toEqual({ loggedIn: 2, ready: 1, talking: 1, wrapUp: 0, reserved: 0 });
    expect(pool.wrapUp).toBe(2);
    expect(pool.mustLeave(1, 99)).toBe(false);
    expect(pool.mustLeave(1, 100)).toBe(true);
    expect(pool.mustLeave(0, 1000)).toBe(false);
    pool.set(1, AgentState.off, 100);
    pool.set(2, AgentState.onBreak, 100);
    expect(paced()).toEqual({ loggedIn: 2, ready: 1, talking: 1, wrapUp: 0, reserved: 0 });
    expect(pool.loggedIn).toBe(2);
    // Back from the break: paced again.
    pool.set(2, AgentState.ready, 400);
    expect(paced()).toEqual({ loggedIn: 3, ready: 2, talking: 1, wrapUp: 0, reserved: 0 });
    expect(pool.mustLeave(2, 1000)).toBe(false);
  });

  it("keeps the earlier deadline when a second departure comes due", () => {
    const pool = new AgentPool(1);
    pool.set(0, AgentState.talking, 0);
    pool.markDeparting(0, 100);
    pool.markDeparting(0, 200);
    expect(pool.mustLeave(0, 150)).toBe(true);
  });
});

describe("agents at the end of their shift, under aggressive RATIO pacing", () => {
  const HOUR = 3600;
  // Two teams whose shifts end while the calling window (09:00-20:00) is still open and the
  // pacer still dials hard, for the other team or (at 15:00) for nobody.
  const scenario = makeScenario({
    agents: {
      groups: [
        { count: 15, start: 9 * HOUR, end: 12 * HOUR, breaks: [] },
        { count: 25, start: 9 * HOUR, end: 15 * HOUR, breaks: [] },
      ],
      talk: { dist: "lognormal", mean: 150, sd: 90 },
      wrapUp: { dist: "fixed", value: 20 },
    },
    leads: { kind: "count", count: 60_000 },
    pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
  });
  const WRAP_UP = 20;
  const GRACE = scenario.dialer.noAnswerTimeoutSeconds + scenario.dialer.cutoffSeconds;
  const shiftEndOf = (agent: number) => (agent < 15 ? 12 : 15) * HOUR;

  function run(seed: number): { offAt: Float64Array; calls: readonly Call[] } {
    const model = new CampaignModel(scenario, { seed, recordCalls: true });
    const pool = model.agentsPool;
    const offAt = new Float64Array(pool.size).fill(Number.NaN);
    const set = pool.set.bind(pool);
    pool.set = (agent, next, now) => {
      if (next === AgentState.off) offAt[agent] = now;
      set(agent, next, now);
    };
    return { offAt, calls: model.run().calls as Call[] };
  }

  for (const seed of [1, 2, 3]) {
    it(`takes no call past the grace and logs each agent off within it or at its last call's end (seed ${seed})`, () => {
      const { offAt, calls } = run(seed);
      const lastCall = new Map<number, Call>();
      for (const c of calls) {
        if (c.agent < 0 || c.connectedAt < 0) continue;
        const grace = shiftEndOf(c.agent) + GRACE;
        expect(c.connectedAt, `call ${c.id} to agent ${c.agent}`).toBeLessThanOrEqual(grace);
        const last = lastCall.get(c.agent);
        if (!last || c.connectedAt > last.connectedAt) lastCall.set(c.agent, c);
      }
      let heldPastShift = 0;
      for (let agent = 0; agent < offAt.length; agent++) {
        const end = shiftEndOf(agent);
        const last = lastCall.get(agent);
        const busyUntil = last ? last.endedAt + WRAP_UP : 0;
        expect(offAt[agent], `agent ${agent}`).toBeGreaterThanOrEqual(end);
        expect(offAt[agent], `agent ${agent}`).toBeLessThanOrEqual(
          Math.max(end + GRACE, busyUntil) + 1e-9,
        );
        if (offAt[agent] > end) heldPastShift++;
      }
      // The pacing is aggressive enough that most agents are busy when their shift ends.
      expect(heldPastShift).toBeGreaterThan(offAt.length / 2);
    });
  }
});
