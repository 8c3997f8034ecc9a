import { describe, expect, it } from "vitest";
import { campaignDays } from "../../../src/calendar/calendar.js";
import { AgentPool, AgentState } from "../../../src/model/agent-pool.js";
import { Call, CallState, OutcomeCode } from "../../../src/model/call.js";
import type { CallLine } from "../../../src/model/call-line.js";
import { CampaignModel, type CampaignOptions } from "../../../src/model/campaign.js";
import { DrawnCallees } from "../../../src/model/drawn-callees.js";
import { InvariantBreach } from "../../../src/model/invariants/invariant-breach.js";
import { InvariantChecker } from "../../../src/model/invariants/invariant-checker.js";
import type { Observation } from "../../../src/pacing/observation.js";
import { ProgressivePacer } from "../../../src/pacing/progressive.js";
import type { DialerView } from "../../../src/pacing/view.js";
import type { Scenario } from "../../../src/scenario/scenario.js";
import { createStreams } from "../../../src/sim/random.js";
import { makeScenario } from "../../support/scenario-fixture.js";

const HOUR = 3600;

/** The fixture's one weekday: 10 agents on duty 09:00-17:00. */
function checkerOf(scenario: Scenario = makeScenario()) {
  const days = campaignDays(
    scenario.calendar.start,
    scenario.calendar.days,
    scenario.calendar.holidays,
    scenario.rules.callingHours,
  );
  const checker = new InvariantChecker(scenario, days);
  const pool = new AgentPool(10, checker.ledger);
  return { checker, pool };
}

function breachOf(action: () => unknown): InvariantBreach {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvariantBreach);
    return error as InvariantBreach;
  }
  throw new Error("expected an invariant breach");
}

describe("the agent laws", () => {
  it("names the law, the time and the agent of an agent logged off inside its shift", () => {
    const { pool } = checkerOf();
    pool.set(3, AgentState.ready, 9 * HOUR);
    const breach = breachOf(() => pool.set(3, AgentState.off, 12 * HOUR));
    expect(breach.law).toBe("agent-on-duty");
    expect(breach.at).toBe(12 * HOUR);
    expect(breach.subject).toBe("agent 3");
    expect(breach.exitCode).toBe(70);
    expect(breach.message).toContain("2026-12-01T12:00:00.000");
    expect(breach.message).toContain("logged off inside its shift");
  });

  it("lets an agent leave at its shift's end, or later after a call", () => {
    const { pool } = checkerOf();
    pool.set(0, AgentState.ready, 9 * HOUR);
    pool.set(0, AgentState.off, 17 * HOUR);
    pool.set(1, AgentState.ready, 9 * HOUR);
    pool.set(1, AgentState.talking, 16.9 * HOUR);
    pool.set(1, AgentState.off, 17.1 * HOUR);
  });

  it("lets an agent past its shift only finish the call it has, once the grace is over", () => {
    const END = 17 * HOUR;
    const GRACE = 28; // the fixture's no-answer timeout (25 s) plus its cut-off (3 s)
    const { pool } = checkerOf();
    // A held call answered after the grace, its talk and wrap-up: finishing work.
    pool.set(0, AgentState.ready, 9 * HOUR);
    pool.set(0, AgentState.reserved, END - 5);
    pool.set(0, AgentState.talking, END + GRACE + 10);
    pool.set(0, AgentState.wrapUp, END + 200);
    pool.set(0, AgentState.off, END + 220);
    // Within the grace an agent may still take a waiting call, or wait for one as leaving.
    pool.set(1, AgentState.ready, 9 * HOUR);
    pool.set(1, AgentState.talking, END - 60);
    pool.set(1, AgentState.wrapUp, END + 5);
    pool.set(1, AgentState.talking, END + GRACE);
    pool.set(1, AgentState.wrapUp, END + 100);
    // Past it, a new call (or idling as leaving) is work the shift no longer covers.
    const breach = breachOf(() => pool.set(1, AgentState.talking, END + 120));
    expect(breach.law).toBe("agent-on-duty");
    expect(breach.subject).toBe("agent 1");
    expect(breach.message).toContain("went from wrapUp to talking 120 s after its shift ended");
    pool.set(2, AgentState.ready, 9 * HOUR);
    pool.set(2, AgentState.talking, END - 60);
    pool.set(2, AgentState.wrapUp, END + 40);
    expect(breachOf(() => pool.set(2, AgentState.leaving, END + 60)).law).toBe("agent-on-duty");
  });

  it("catches an agent made ready before its shift or inside a scheduled break", () => {
    expect(breachOf(() => checkerOf().pool.set(0, AgentState.ready, 8 * HOUR)).law).toBe(
      "agent-on-duty",
    );
    const base = makeScenario();
    const withBreak = makeScenario({
      agents: {
        ...base.agents,
        groups: [
          { ...base.agents.groups[0], breaks: [{ start: 11 * HOUR, durationSeconds: 900 }] },
        ],
      },
    });
    const { pool } = checkerOf(withBreak);
    pool.set(0, AgentState.ready, 9 * HOUR);
    pool.set(0, AgentState.onBreak, 11 * HOUR);
    const breach = breachOf(() => pool.set(0, AgentState.ready, 11 * HOUR + 60));
    expect(breach.message).toContain("inside a scheduled break");
    // Busy when the break began: past the grace it finishes its call, and takes no other.
    pool.set(1, AgentState.ready, 9 * HOUR);
    pool.set(1, AgentState.talking, 11 * HOUR - 60);
    pool.set(1, AgentState.wrapUp, 11 * HOUR + 50);
    const late = breachOf(() => pool.set(1, AgentState.talking, 11 * HOUR + 60));
    expect(late.message).toContain("60 s after its break began, past the 28 s grace");
  });

  it("catches an agent staffed less than its shift, and states written behind the pool's back", () => {
    const short = checkerOf();
    for (let a = 0; a < 10; a++) short.pool.set(a, AgentState.ready, 9 * HOUR);
    short.pool.set(9, AgentState.off, 17 * HOUR);
    // Agent 9 was logged in for its whole shift; agent 0 is then written off without a move.
    short.pool.state[0] = AgentState.off;
    const breach = breachOf(() => short.checker.ledger.finish(24 * HOUR, short.pool));
    expect(breach.law).toBe("agent-state");
    expect(breach.subject).toBe("agent 0");

    const late = checkerOf();
    late.pool.set(4, AgentState.ready, 10 * HOUR); // an hour late; the others never came
    const lateBreach = breachOf(() => late.checker.ledger.finish(24 * HOUR, late.pool));
    expect(lateBreach.law).toBe("agent-time");
    expect(lateBreach.subject).toBe("agent 0");
    expect(lateBreach.message).toContain("less than its shifts less breaks (28800 s)");
  });
});

describe("the pacer's view", () => {
  function callsInFlight(): Call[] {
    const ringing = new Call(0, 0, 1, 0, OutcomeCode.busy, -1);
    const waiting = new Call(1, 1, 1, 0, OutcomeCode.person, -1);
    waiting.state = CallState.waiting;
    const held = new Call(2, 2, 1, 0, OutcomeCode.person, 5); // an agent held: not the pacer's
    return [ringing, waiting, held];
  }

  function viewOf(pool: AgentPool, calls: { ringing: number; detecting: number; waiting: number }) {
    return {
      now: 10 * HOUR,
      secondsToWindowEnd: 0,
      agents: pool.paced,
      calls: { ...calls, cancelling: 0, unconfirmed: 0 },
      talkElapsed: pool.talkElapsed(10 * HOUR),
      totals: { placed: 3 },
      today: {},
    } as unknown as DialerView;
  }

  it("passes a view that matches the agents' states and the calls in flight", () => {
    const { checker, pool } = checkerOf();
    for (let a = 0; a < 6; a++) pool.set(a, AgentState.ready, 9 * HOUR);
    pool.set(5, AgentState.reserved, 9.5 * HOUR);
    pool.set(4, AgentState.talking, 9.6 * HOUR);
    const pacer = checker.watchPacer(new ProgressivePacer(), pool, callsInFlight());
    expect(pacer.decide(viewOf(pool, { ringing: 1, detecting: 0, waiting: 1 }))).toBe(2); // 4 ready less 2 calls in flight
  });

  it("names every count that differs from the model's own state", () => {
    const { checker, pool } = checkerOf();
    pool.set(0, AgentState.ready, 9 * HOUR);
    const pacer = checker.watchPacer(new ProgressivePacer(), pool, callsInFlight());
    const breach = breachOf(() =>
      pacer.decide(viewOf(pool, { ringing: 2, detecting: 0, waiting: 0 })),
    );
    expect(breach.law).toBe("pacer-view");
    expect(breach.message).toContain("calls.ringing 2, derived 1");
    expect(breach.message).toContain("calls.waiting 0, derived 1");
  });

  it("counts a recontact put through and not yet heard as unconfirmed, as the view does", () => {
    // Its callee can still hang up on the silence, a silent call the pacer must budget for,
    // although the call, placed with its agent held, is not the pacer's.
    const { checker, pool } = checkerOf();
    for (let a = 0; a < 6; a++) pool.set(a, AgentState.ready, 9 * HOUR);
    pool.set(4, AgentState.talking, 9.99 * HOUR);
    const recontact = new Call(3, 3, 2, 9.98 * HOUR, OutcomeCode.person, 4);
    recontact.state = CallState.talking;
    recontact.agent = 4;
    recontact.heardTimer = 7; // pending: the agent's audio may not have reached the callee
    const pacer = checker.watchPacer(new ProgressivePacer(), pool, [...callsInFlight(), recontact]);
    const view = viewOf(pool, { ringing: 1, detecting: 0, waiting: 1 });
    const shown = {
      ...view,
      calls: { ...view.calls, unconfirmed: 1 },
      totals: { ...view.totals, placed: 4 },
    };
    expect(pacer.decide(shown)).toBe(3); // 5 ready less 2 calls in flight
  });

  /**
   * Agent 4 talking since 9.6 h, agent 3 in wrap-up since 9.9 h; the ringing call placed at
   * 9.95 h, the waiting one answered at 9.99 h: a view that observes them, with `fill` told
   * what to put in the observation.
   */
  function observedCase(fill: (into: Observation, now: number) => void) {
    const { checker, pool } = checkerOf();
    for (let a = 0; a < 6; a++) pool.set(a, AgentState.ready, 9 * HOUR);
    pool.set(4, AgentState.talking, 9.6 * HOUR);
    pool.set(3, AgentState.talking, 9.7 * HOUR);
    pool.set(3, AgentState.wrapUp, 9.9 * HOUR);
    const calls = callsInFlight();
    calls[0].placedAt = 9.95 * HOUR;
    calls[1].answeredAt = 9.99 * HOUR;
    const pacer = checker.watchPacer(new ProgressivePacer(), pool, calls);
    const view = viewOf(pool, { ringing: 1, detecting: 0, waiting: 1 });
    const observed: DialerView = {
      ...view,
      observe: (into) => {
        into.callingSecondsLeft = 7 * HOUR;
        fill(into, view.now);
      },
    };
    return () => pacer.decide(observed);
  }

  const truth = (into: Observation, now: number) => {
    into.ringing.push(now - 9.95 * HOUR);
    into.waiting.push(now - 9.99 * HOUR);
    into.talking.push(now - 9.6 * HOUR);
    into.wrapUp.push(now - 9.9 * HOUR);
  };

  it("passes an observation that agrees with the calls' and agents' own times", () => {
    expect(observedCase(truth)()).toBe(2); // 4 ready less 2 calls in flight
  });

  it("names each observed list that differs from the counts or the derived elapsed times", () => {
    const breach = breachOf(
      observedCase((into, now) => {
        into.ringing.push(now - 9.95 * HOUR);
        into.waiting.push(now - 9.99 * HOUR + 1); // a second off
        into.talking.push(now - 9.6 * HOUR);
        // wrap-up left out
        into.detecting.push(2); // one that does not exist
        into.leadsLeft = -1;
      }),
    );
    expect(breach.law).toBe("pacer-view");
    expect(breach.message).toContain("observed waiting elapsed [37], derived [36]");
    expect(breach.message).toContain("observed wrapUp has 0 entries, the view counts 1");
    expect(breach.message).toContain("observed detecting has 1 entries, the view counts 0");
    expect(breach.message).toContain("observed leadsLeft -1");
    expect(breach.message).not.toContain("observed ringing");
    expect(breach.message).not.toContain("observed talking");
  });
});

/**
 * The campaign model with one law broken on purpose: a connected call is counted twice (by a
 * line that draws as the simulator's does, then books the first person put through again).
 */
function doubleCounting(options: CampaignOptions): CampaignModel {
  const scenario = makeScenario();
  const drawn = new DrawnCallees(
    scenario,
    createStreams(options.seed),
    scenario.dialer.noAnswerTimeoutSeconds,
  );
  let doubled = false;
  const line: CallLine = {
    keepsEndedCalls: false,
    heardAfter: 0,
    dial: (call) => drawn.dial(call),
    patience: () => drawn.patience(),
    connected: (call) => {
      if (call.isPerson && !doubled) {
        doubled = true;
        model.counters.connected++;
      }
    },
    ended: () => {},
  };
  const model = new CampaignModel(scenario, { ...options, line });
  return model;
}

describe("a campaign with a law broken on purpose", () => {
  const options: CampaignOptions = { seed: 1, checkInvariants: true };

  it("runs clean as it is", () => {
    expect(() => new CampaignModel(makeScenario(), options).run()).not.toThrow();
  });

  it("stops on the first breach with the law that caught it", () => {
    const breach = breachOf(() => doubleCounting(options).run());
    expect(breach.law).toBe("calls");
    expect(breach.message).toMatch(/person answers, \d+ connected/);
  });

  it("checks nothing unless asked", () => {
    expect(() => doubleCounting({ seed: 1 }).run()).not.toThrow();
  });
});
