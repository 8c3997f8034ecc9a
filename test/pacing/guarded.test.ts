import { describe, expect, it } from "vitest";
import type { GuardedConfig } from "../../src/pacing/config.js";
import { atRiskAllowance, callsAtRisk, GuardedPacer } from "../../src/pacing/guarded.js";
import type { Pacer } from "../../src/pacing/pacer.js";
import { callsInFlight, type DialerView } from "../../src/pacing/view.js";
import { makeView, randomInt, seededRandom } from "./view-fixture.js";

/** An inner pacer proposing whatever the test says, counting how often it is asked. */
class StubPacer implements Pacer {
  readonly name = "stub";
  readonly decidesOnAgentReady = false;
  calls = 0;
  last = 0;
  constructor(
    public propose: (view: DialerView) => number,
    readonly cadenceSeconds = 2.5,
  ) {}
  copy(): Pacer {
    return new StubPacer(this.propose, this.cadenceSeconds);
  }
  decide(view: DialerView): number {
    this.calls++;
    this.last = this.propose(view);
    return this.last;
  }
}

const guard = (proposal: number, denominator: GuardedConfig["denominator"] = "connected") =>
  new GuardedPacer(new StubPacer(() => proposal), 3, denominator);

describe("GuardedPacer", () => {
  it("takes its cadence from the inner pacer and decides on agent ready", () => {
    const inner = new StubPacer(() => 0, 0.5);
    const pacer = new GuardedPacer(inner, 3, "connected");
    expect(pacer.name).toBe("guarded");
    expect(pacer.inner).toBe(inner);
    expect(pacer.cadenceSeconds).toBe(0.5);
    expect(pacer.decidesOnAgentReady).toBe(true);
  });

  it("never lets the calls at risk exceed the room left under the ceiling", () => {
    // 3% of 100 connected = 3, 1 silent so far: room for 2 calls at risk.
    const view = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 5 },
      totals: { connected: 100, live: 101, dropped: 1 },
    });
    expect(guard(10).decide(view)).toBe(2);
    // Progressive part first: 2 ready agents uncovered, then 2 calls at risk.
    const slack = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 3 },
      totals: { connected: 100, live: 101, dropped: 1 },
    });
    expect(guard(10).decide(slack)).toBe(4);
    // Calls already at risk use up the room.
    const busy = makeView({
      agents: { ready: 2, talking: 20 },
      calls: { ringing: 3 },
      totals: { connected: 100, live: 101, dropped: 1 },
    });
    expect(guard(10).decide(busy)).toBe(1);
  });

  it("counts a live run's calls being cancelled and calls just put through as at risk", () => {
    const at = (ringing: number, cancelling: number, unconfirmed: number, ready: number) =>
      callsAtRisk(makeView({ calls: { ringing, cancelling, unconfirmed } }).calls, ringing, ready);
    expect(at(3, 0, 0, 5)).toBe(0); // the simulator's case: max(0, inFlight - ready)
    expect(at(7, 0, 0, 5)).toBe(2);
    // A call being cancelled is at risk with agents ready, and may take one the others had.
    expect(at(3, 1, 0, 5)).toBe(1);
    expect(at(6, 2, 0, 5)).toBe(3);
    expect(at(3, 3, 0, 1)).toBe(3);
    expect(at(3, 0, 2, 5)).toBe(2);
    // 3% of 100 connected = 3, 1 silent so far: room for 2, and 2 calls being cancelled use it
    // up, though 5 agents are ready for the 3 ringing calls: progressive only.
    const view = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 3, cancelling: 2 },
      totals: { connected: 100, live: 101, dropped: 1 },
    });
    expect(guard(10).decide(view)).toBe(2);
    const simulated = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 3 },
      totals: { connected: 100, live: 101, dropped: 1 },
    });
    expect(guard(10).decide(simulated)).toBe(4);
  });

  it("falls back to progressive when the record leaves no room", () => {
    const view = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 2 },
      totals: { connected: 100, live: 103, dropped: 3 },
    });
    expect(guard(50).decide(view)).toBe(3);
    const over = makeView({
      agents: { ready: 5 },
      calls: { ringing: 2 },
      totals: { connected: 10, live: 20, dropped: 10 },
    });
    expect(guard(50).decide(over)).toBe(3);
    expect(guard(50).decide(makeView({ agents: { ready: 1 }, calls: { ringing: 3 } }))).toBe(0);
  });

  it("passes the inner proposal through when the room is ample", () => {
    const view = makeView({
      agents: { ready: 5, talking: 20 },
      calls: { ringing: 5 },
      totals: { connected: 10_000, live: 10_010, dropped: 10 },
    });
    expect(guard(7).decide(view)).toBe(7);
  });

  it("never places fewer than progressive, whatever the inner pacer says", () => {
    const view = makeView({ agents: { ready: 6 }, calls: { ringing: 1 } });
    expect(guard(0).decide(view)).toBe(5);
  });

  it("asks the inner pacer at every decision", () => {
    const inner = new StubPacer(() => 100);
    const pacer = new GuardedPacer(inner, 3, "connected");
    const full = makeView({ totals: { connected: 10, dropped: 5 }, agents: { ready: 1 } });
    for (let i = 0; i < 5; i++) pacer.decide(full);
    expect(inner.calls).toBe(5);
  });

  it("counts at-risk calls in both numerator and denominator for 'answered'", () => {
    // 100 live answers, 0 silent, nothing waiting: a <= 3 + 0.03 a, so a <= 3.09 -> 3.
    const view = makeView({ agents: { ready: 0, talking: 10 }, totals: { live: 100 } });
    expect(atRiskAllowance("answered", 0.03, view)).toBe(3);
    expect(guard(10, "answered").decide(view)).toBe(3);
    // 200 live: a <= 6 / 0.97 = 6.19 -> 6; "connected" with 100 connected allows 3.
    const more = makeView({ agents: { talking: 10 }, totals: { live: 200, connected: 100 } });
    expect(atRiskAllowance("answered", 0.03, more)).toBe(6);
    expect(atRiskAllowance("connected", 0.03, more)).toBe(3);
  });

  it("computes the 'answered' allowance as the largest a with S + a <= c (D + max(0, a - w))", () => {
    const rng = seededRandom(5);
    for (let i = 0; i < 3000; i++) {
      const c = [0.01, 0.03, 0.05, 0.2, 0.5][randomInt(rng, 0, 4)];
      const live = randomInt(rng, 0, 2000);
      const dropped = randomInt(rng, 0, Math.min(live, 60));
      const waiting = randomInt(rng, 0, 8);
      const view = makeView({ calls: { waiting }, totals: { live, dropped } });
      let expected = -1;
      for (let a = 0; a <= 5000; a++) {
        if (dropped + a <= c * (live + Math.max(0, a - waiting)) + 1e-9) expected = a;
        else break;
      }
      const allowance = atRiskAllowance("answered", c, view);
      if (expected >= 0) expect(allowance).toBe(expected);
      else expect(allowance).toBeLessThan(0);
    }
  });

  it("puts no limit on 'answered' at a 100% ceiling", () => {
    expect(atRiskAllowance("answered", 1, makeView({ totals: { live: 0, dropped: 0 } }))).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  for (const denominator of ["connected", "answered"] as const) {
    it(`keeps the invariant over a random campaign and ends under the ceiling (${denominator})`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const result = randomCampaign(seed, denominator);
        expect(result.violations).toBe(0);
        expect(result.silent).toBeLessThanOrEqual(result.ceilingCount + 1e-9);
        expect(result.clamped).toBeGreaterThan(0);
        // The guard spends the room it has rather than merely dialing progressively.
        expect(result.silent).toBeGreaterThan(0.7 * result.ceilingCount);
      }
    });
  }
});

/**
 * A toy dialer driven by random events, with an inner pacer proposing up to 30 calls. Agents
 * leave the ready pool only to take calls, or when the remaining ones still cover the calls in
 * flight. Checks the guard's invariant after every event, then lets the calls in flight finish.
 */
function randomCampaign(seed: number, denominator: GuardedConfig["denominator"]) {
  const rng = seededRandom(seed);
  const c = 0.03;
  const p = 0.2 + 0.5 * rng();
  const inner = new StubPacer(() => randomInt(rng, 0, 30));
  const pacer = new GuardedPacer(inner, c * 100, denominator);
  let ready = 10;
  let talking = 0;
  let ringing = 0;
  let waiting = 0;
  const totals = {
    placed: 0,
    ended: 0,
    live: 0,
    connected: 0,
    machinesAtAgent: 0,
    dropped: 0,
    talks: 0,
  };
  const denominatorCount = () =>
    denominator === "connected" ? totals.connected : totals.live - totals.machinesAtAgent;
  /** An agent takes a live call: 1 in 10 turns out to be an undetected machine. */
  const putThrough = () => {
    talking++;
    if (rng() < 0.1) totals.machinesAtAgent++;
    else totals.connected++;
  };
  let now = 0;
  let violations = 0;
  let clamped = 0;
  const view = () =>
    makeView({ now, agents: { ready, talking }, calls: { ringing, waiting }, totals });
  const check = () => {
    const v = view();
    const atRisk = Math.max(0, callsInFlight(v) - ready);
    const d = denominatorCount();
    const right = denominator === "connected" ? c * d : c * (d + Math.max(0, atRisk - waiting));
    if (totals.dropped + atRisk > right + 1e-9) violations++;
  };
  const connectOrWait = () => {
    if (ready > 0) {
      ready--;
      putThrough();
    } else {
      waiting++;
    }
  };
  const agentFree = () => {
    if (waiting > 0) {
      waiting--;
      putThrough();
    } else {
      ready++;
    }
  };
  const step = (decisions: boolean) => {
    const u = rng();
    if (decisions && u < 0.2) {
      const n = pacer.decide(view());
      if (n < inner.last) clamped++;
      ringing += n;
      totals.placed += n;
    } else if (u < 0.65) {
      if (ringing > 0) {
        ringing--;
        if (rng() < p) {
          totals.live++;
          connectOrWait();
        } else {
          totals.ended++;
        }
      }
    } else if (u < 0.85) {
      if (waiting > 0) {
        waiting--;
        totals.dropped++;
        totals.ended++;
      }
    } else if (u < 0.95) {
      if (talking > 0) {
        talking--;
        totals.talks++;
        totals.ended++;
        agentFree();
      }
    } else if (u < 0.975) {
      // An agent leaves, the others covering the calls in flight.
      if (ready + talking > 4 && ready - 1 >= ringing + waiting) ready--;
    } else {
      if (ready + talking < 12) agentFree(); // an agent logs in
    }
    now += 0.1;
    check();
  };
  for (let i = 0; i < 20_000; i++) step(true);
  while (ringing + waiting > 0) step(false);
  return { violations, silent: totals.dropped, ceilingCount: c * denominatorCount(), clamped };
}
