import { describe, expect, it } from "vitest";
import { AgentState } from "../../src/model/agent-pool.js";
import { type Call, CallState, OutcomeCode } from "../../src/model/call.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { callFlowRig } from "../support/call-flow-rig.js";
import { makeScenario } from "../support/scenario-fixture.js";
import type { ScriptedAnswer } from "../support/scripted-line.js";

const { person, machine, busy, noAnswer, invalid } = OutcomeCode;
const { ready, reserved, talking, wrapUp } = AgentState;
/** The fixture's cut-off. */
const CUTOFF = 3;

interface FlowOptions {
  /** Agents ready at 0 (of `agents`). */
  readonly ready?: number;
  readonly agents?: number;
  readonly patience?: number;
  /** AMD on, judging after `detection` s with these error rates. */
  readonly amd?: { detection: number; falsePositiveRate: number; falseNegativeRate: number };
  readonly keepsEndedCalls?: boolean;
  readonly callLog?: Call[];
  /** The line's round trip (see `CallLine.heardAfter`); 0 by default, as in the simulator. */
  readonly heardAfter?: number;
}

/**
 * A call flow on a real kernel, pool, lead book and counters; the line does what `script` says,
 * and the host records what the flow hands back, serving a waiting call or making the agent
 * ready as the campaign does. Talk 60 s, wrap-up 10 s, machine message 15 s.
 */
function flowOf(script: ScriptedAnswer[], options: FlowOptions = {}) {
  const base = makeScenario();
  const amd = options.amd;
  const scenario: Scenario = makeScenario({
    agents: {
      ...base.agents,
      talk: { dist: "fixed", value: 60 },
      wrapUp: { dist: "fixed", value: 10 },
    },
    leads: { kind: "count", count: 10 },
    dialer: {
      ...base.dialer,
      amd:
        amd === undefined
          ? base.dialer.amd
          : { ...base.dialer.amd, ...amd, enabled: true, detection: fixed(amd.detection) },
    },
  });
  const freed: { agent: number; at: number }[] = [];
  let callsEnded = 0;
  const { sim, counters, pool, leads, line, flow } = callFlowRig(script, {
    scenario,
    agents: options.agents ?? 1,
    patience: options.patience ?? Number.POSITIVE_INFINITY,
    keepsEndedCalls: options.keepsEndedCalls ?? false,
    heardAfter: options.heardAfter ?? 0,
    callLog: options.callLog ?? null,
    host: ({ sim, pool, flow }) => ({
      agentFree(agent) {
        freed.push({ agent, at: sim.now });
        const waiting = flow.nextWaitingCall();
        if (waiting !== null) flow.connect(waiting, agent);
        else pool.set(agent, ready, sim.now);
      },
      callEnded() {
        callsEnded++;
      },
    }),
  });
  for (let a = 0; a < (options.ready ?? 1); a++) pool.set(a, ready, 0);
  /** Places the next lead's attempt now (with `reservedAgent` held) and returns its record. */
  const dial = (reservedAgent = -1): Call => {
    const lead = leads.next();
    if (reservedAgent >= 0) pool.set(reservedAgent, reserved, sim.now);
    flow.place(lead, leads.recordAttempt(lead, reservedAgent), reservedAgent);
    return line.dialed[line.dialed.length - 1];
  };
  const runTo = (t: number) => sim.run(t);
  return {
    sim,
    counters,
    pool,
    leads,
    line,
    flow,
    freed,
    dial,
    runTo,
    ended: () => callsEnded,
    /** The ended attempts' results, in order. */
    results: () => line.endings.map((e) => e.result),
  };
}

function fixed(value: number) {
  return { dist: "fixed" as const, value };
}

describe("CallFlow: answered calls", () => {
  it("puts a person through to a ready agent at the answer and frees it after talk and wrap-up", () => {
    const { flow, line, pool, counters, freed, dial, runTo, ended } = flowOf([
      { outcome: person, ring: 5 },
    ]);
    runTo(100);
    const call = dial();
    expect(flow.tally.paced).toEqual({
      ringing: 1,
      detecting: 0,
      waiting: 0,
      cancelling: 0,
      unconfirmed: 0,
    });
    runTo(105);
    expect([call.state, call.agent, call.answeredAt, call.connectedAt]).toEqual([
      CallState.talking,
      0,
      105,
      105,
    ]);
    expect(flow.tally.paced.ringing).toBe(0);
    expect(line.connectedAt).toEqual([{ id: call.id, at: 105 }]);
    runTo(165);
    expect(line.endings).toEqual([{ id: call.id, result: "connected", locked: false }]);
    expect([pool.state[0], ended(), flow.tally.lastCallEndedAt]).toEqual([wrapUp, 1, 165]);
    runTo(175);
    expect(freed).toEqual([{ agent: 0, at: 175 }]);
    expect(flow.idle).toBe(true);
    const t = flow.tally.totals;
    expect([t.placed, t.answered, t.live, t.connected, t.ended, t.talks]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect([t.ringSecondsAnswered, t.talkSeconds]).toEqual([5, 60]);
    expect([counters.connected, counters.connectedHoldSeconds, counters.silent]).toEqual([1, 0, 0]);
    expect(flow.tally.callsInFlightSeconds(200)).toBe(5); // ringing from 100 to 105
  });

  it("ends busy, unanswered and invalid attempts when their ring ends", () => {
    const { counters, dial, runTo, results, line } = flowOf([
      { outcome: busy, ring: 3 },
      { outcome: noAnswer, ring: 25 },
      { outcome: invalid, ring: 2 },
    ]);
    const calls = [dial(), dial(), dial()];
    runTo(30);
    expect(results()).toEqual(["invalid", "busy", "no-answer"]);
    expect(calls.map((c) => c.endedAt)).toEqual([3, 25, 2]);
    expect(line.connectedAt).toEqual([]);
    expect([counters.outcomeBusy, counters.outcomeNoAnswer, counters.outcomeInvalid]).toEqual([
      1, 1, 1,
    ]);
    expect(counters.leadsExhausted).toBe(1); // the invalid number
  });

  it("holds a person with no agent free and drops them exactly at answer + cut-off", () => {
    const { flow, counters, leads, dial, runTo, line } = flowOf([{ outcome: person, ring: 5 }], {
      ready: 0,
    });
    const call = dial();
    runTo(5);
    expect(call.state).toBe(CallState.waiting);
    expect(flow.tally.paced).toEqual({
      ringing: 0,
      detecting: 0,
      waiting: 1,
      cancelling: 0,
      unconfirmed: 0,
    });
    runTo(5 + CUTOFF - 1e-9);
    expect(call.state).toBe(CallState.waiting);
    runTo(5 + CUTOFF);
    expect(line.endings).toEqual([{ id: call.id, result: "silent-no-agent", locked: true }]);
    expect(call.endedAt).toBe(5 + CUTOFF);
    expect(flow.tally.paced.waiting).toBe(0);
    expect([counters.silent, counters.silentNoAgent, counters.maxSilentHoldSeconds]).toEqual([
      1,
      1,
      CUTOFF,
    ]);
    expect([flow.tally.totals.live, flow.tally.totals.dropped]).toEqual([1, 1]);
    // Its lock-out started at the drop: a call now would break it.
    leads.recordAttempt(call.lead, -1);
    expect(counters.recontactViolations).toBe(1);
  });

  it("drops a held person earlier, as hung up, when their patience is shorter than the cut-off", () => {
    const { counters, dial, runTo, results } = flowOf([{ outcome: person, ring: 5 }], {
      ready: 0,
      patience: 1.5,
    });
    const call = dial();
    runTo(100);
    expect(results()).toEqual(["silent-callee-hung-up"]);
    expect(call.endedAt).toBe(6.5);
    expect([counters.silentCalleeHungUp, counters.silentNoAgent]).toEqual([1, 0]);
    expect(counters.maxSilentHoldSeconds).toBe(1.5);
  });

  it("puts a held person through to an agent freed within the cut-off", () => {
    const { flow, pool, counters, dial, runTo, results, sim } = flowOf(
      [{ outcome: person, ring: 5 }],
      { ready: 0, patience: 2.5 },
    );
    const call = dial();
    runTo(7);
    pool.set(0, wrapUp, sim.now);
    flow.connect(flow.nextWaitingCall() as Call, 0); // as the host does when an agent is free
    expect([call.state, call.connectedAt]).toEqual([CallState.talking, 7]);
    runTo(8); // neither the patience (7.5) nor the cut-off (8) drops it now
    expect(results()).toEqual([]);
    runTo(67);
    expect(results()).toEqual(["connected"]);
    expect([counters.connected, counters.connectedHoldSeconds, counters.silent]).toEqual([1, 2, 0]);
    expect(pool.state[0]).toBe(wrapUp);
  });

  it("connects a call with an agent held to that agent, even with another ready", () => {
    const { flow, pool, counters, dial, runTo, freed } = flowOf(
      [
        { outcome: person, ring: 5 },
        { outcome: busy, ring: 3 },
      ],
      { agents: 3, ready: 3 },
    );
    const answered = dial(2);
    const rejected = dial(1);
    expect(flow.tally.paced.ringing).toBe(0); // not the pacer's: counted apart
    expect(flow.idle).toBe(false);
    expect(counters.guaranteedCalls).toBe(2);
    runTo(3);
    // The busy call's held agent is handed back at once.
    expect(freed).toEqual([{ agent: 1, at: 3 }]);
    expect(rejected.result).toBe("busy");
    runTo(5);
    expect([answered.agent, pool.state[2], pool.state[0]]).toEqual([2, talking, ready]);
  });
});

describe("CallFlow: answering-machine detection", () => {
  it("ends a person AMD takes for a machine as silent-amd-false-positive, locking the lead", () => {
    const { flow, counters, leads, dial, runTo, line, pool } = flowOf(
      [{ outcome: person, ring: 5 }],
      { amd: { detection: 1, falsePositiveRate: 1, falseNegativeRate: 0 } },
    );
    const call = dial();
    runTo(5);
    expect([call.state, flow.tally.paced.detecting]).toEqual([CallState.detecting, 1]);
    runTo(6);
    expect(line.endings).toEqual([
      { id: call.id, result: "silent-amd-false-positive", locked: true },
    ]);
    expect([call.amdVerdict, call.endedAt, flow.tally.paced.detecting]).toEqual(["machine", 6, 0]);
    expect([counters.silentAmdFalsePositive, counters.amdMachineHangups]).toEqual([1, 1]);
    expect([
      counters.maxSilentHoldSeconds,
      flow.tally.totals.machines,
      flow.tally.totals.live,
    ]).toEqual([1, 1, 0]);
    expect(pool.state[0]).toBe(ready); // no agent was ever taken
    leads.recordAttempt(call.lead, 0); // inside the lock-out it started
    expect(counters.recontactViolations).toBe(1);
  });

  it("drops a call whose detection outlasts the cut-off at the cut-off", () => {
    const { counters, dial, runTo, results } = flowOf([{ outcome: person, ring: 5 }], {
      amd: { detection: 4, falsePositiveRate: 0, falseNegativeRate: 0 },
    });
    const call = dial();
    runTo(100);
    expect(results()).toEqual(["silent-amd-too-slow"]);
    expect([call.endedAt, counters.silentAmdTooSlow]).toEqual([5 + CUTOFF, 1]);
  });

  it("hangs up on a machine AMD recognises, and puts one it misses through to an agent", () => {
    const recognised = flowOf([{ outcome: machine, ring: 5 }], {
      amd: { detection: 1, falsePositiveRate: 0, falseNegativeRate: 0 },
    });
    recognised.dial();
    recognised.runTo(100);
    expect(recognised.results()).toEqual(["machine-hangup"]);
    expect(recognised.counters.silent).toBe(0);

    const missed = flowOf([{ outcome: machine, ring: 5 }], {
      amd: { detection: 1, falsePositiveRate: 0, falseNegativeRate: 1 },
    });
    const call = missed.dial();
    missed.runTo(100);
    // The agent hears the machine's message (15 s) and the dialer retries it as a machine.
    expect(missed.results()).toEqual(["machine-message"]);
    expect([call.connectedAt, call.endedAt]).toEqual([6, 21]);
    expect([missed.counters.amdFalseNegatives, missed.counters.machinesConnected]).toEqual([1, 1]);
    expect(missed.flow.tally.totals.machinesAtAgent).toBe(1);
  });
});

describe("CallFlow: a line that reports the ring's end itself", () => {
  /** A live-style attempt (ring -1: the line reports it), answered by a person at `at`. */
  function lateAnswer(ready: number, at: number) {
    const flow = flowOf([{ outcome: noAnswer, ring: -1 }], { ready });
    const call = flow.dial();
    flow.runTo(at);
    flow.flow.cancelSent(call);
    call.outcome = person;
    flow.flow.ringEnded(call);
    return { ...flow, call };
  }

  it("connects an answer that crossed the dialer's CANCEL when an agent is free", () => {
    const { call, results, counters } = lateAnswer(1, 30);
    expect([call.state, call.agent, call.connectedAt]).toEqual([CallState.talking, 0, 30]);
    expect(results()).toEqual([]);
    expect(counters.connected).toBe(1);
  });

  it("drops an answer that crossed the CANCEL at once when no agent is free, cut-off or not", () => {
    const { call, line, counters, flow } = lateAnswer(0, 30);
    expect(line.endings).toEqual([
      { id: call.id, result: "silent-answer-after-cancel", locked: true },
    ]);
    expect(call.endedAt).toBe(30);
    expect([counters.silentAnswerAfterCancel, counters.silentNoAgent]).toEqual([1, 0]);
    expect([flow.tally.totals.live, flow.tally.totals.dropped, flow.tally.paced.waiting]).toEqual([
      1, 1, 0,
    ]);
  });

  it("ends a call the far end hung up on, whatever the dialer was doing with it", () => {
    const waiting = flowOf([{ outcome: person, ring: 5 }], { ready: 0 });
    const held = waiting.dial();
    waiting.runTo(6);
    waiting.flow.endedByFarEnd(held, true);
    expect([held.result, held.endedAt, waiting.flow.tally.paced.waiting]).toEqual([
      "silent-callee-hung-up",
      6,
      0,
    ]);

    const broken = flowOf([{ outcome: person, ring: 5 }], { ready: 0 });
    const lost = broken.dial();
    broken.runTo(6);
    broken.flow.endedByFarEnd(lost, false); // a broken dialog: the cut-off, brought forward
    expect([lost.result, lost.endedAt]).toEqual(["silent-no-agent", 6]);
    broken.runTo(100);
    expect(broken.counters.silent).toBe(1); // the cancelled cut-off does not drop it again

    const talk = flowOf([{ outcome: person, ring: 5 }]);
    const call = talk.dial();
    talk.runTo(25);
    talk.flow.endedByFarEnd(call, true);
    expect([call.result, call.endedAt, talk.flow.tally.totals.talkSeconds]).toEqual([
      "connected",
      25,
      20,
    ]);
    talk.runTo(35);
    expect(talk.freed).toEqual([{ agent: 0, at: 35 }]); // after its wrap-up
  });

  it("counts a call being cancelled as ringing and cancelling until its final response", () => {
    const { flow, dial, runTo, results } = flowOf([{ outcome: noAnswer, ring: -1 }]);
    const call = dial();
    runTo(10);
    flow.cancelSent(call);
    flow.cancelSent(call); // once only, whatever the line repeats
    expect([flow.tally.paced.ringing, flow.tally.paced.cancelling, flow.tally.liveMoves]).toEqual([
      1, 1, 1,
    ]);
    flow.ringEnded(call); // its 487
    expect([flow.tally.paced.ringing, flow.tally.paced.cancelling]).toEqual([0, 0]);
    expect(results()).toEqual(["no-answer"]);
  });
});

describe("CallFlow: a callee who hangs up before the agent's audio reaches them", () => {
  /** A person answering at 5 s to a ready agent on a line with a 0.5 s round trip. */
  function putThrough() {
    const f = flowOf([{ outcome: person, ring: 5 }], { heardAfter: 0.5 });
    const call = f.dial();
    f.runTo(5.2);
    return { ...f, call };
  }

  it("counts the call connected only once the agent can have been heard", () => {
    const { flow, counters, call, runTo } = putThrough();
    expect([call.state, flow.tally.paced.unconfirmed, flow.tally.totals.connected]).toEqual([
      CallState.talking,
      1,
      0,
    ]);
    expect(counters.connected).toBe(0);
    runTo(5.6);
    expect([flow.tally.paced.unconfirmed, flow.tally.totals.connected, counters.connected]).toEqual(
      [0, 1, 1],
    );
    expect(flow.tally.liveMoves).toBe(1);
  });

  it("counts a hang-up within the round trip silent, locks the number and wraps the agent up", () => {
    const { flow, counters, call, line, pool, runTo } = putThrough();
    flow.endedByFarEnd(call, true);
    expect(line.endings).toEqual([{ id: call.id, result: "silent-callee-hung-up", locked: true }]);
    expect([counters.connected, counters.silent, counters.silentCalleeHungUp]).toEqual([0, 1, 1]);
    expect([
      flow.tally.totals.connected,
      flow.tally.totals.dropped,
      flow.tally.paced.unconfirmed,
    ]).toEqual([0, 1, 0]);
    expect([pool.state[0], flow.tally.totals.talks]).toEqual([wrapUp, 0]);
    runTo(100);
    expect(counters.connected).toBe(0); // the cancelled confirmation never counts it
  });

  it("keeps the agent on a talk shorter than the round trip until the agent can have been heard", () => {
    // A time-scaled live run: a 60 s talk on a 90 s round trip. The dialer that hung up at 60 s
    // would book the call connected with the callee's hang-up at 80 s still on its way.
    const f = flowOf([{ outcome: person, ring: 5 }], { heardAfter: 90 });
    const call = f.dial();
    f.runTo(85);
    expect(call.state).toBe(CallState.talking);
    f.flow.endedByFarEnd(call, true);
    expect(f.results()).toEqual(["silent-callee-hung-up"]);
    const heard = flowOf([{ outcome: person, ring: 5 }], { heardAfter: 90 });
    heard.dial();
    heard.runTo(94.9);
    expect(heard.results()).toEqual([]);
    heard.runTo(95);
    expect([heard.results(), heard.counters.connected]).toEqual([["connected"], 1]);
  });

  it("gives an answer that crossed the CANCEL, put through but unheard, its own cause", () => {
    const f = flowOf([{ outcome: noAnswer, ring: -1 }], { heardAfter: 0.5 });
    const call = f.dial();
    f.runTo(30);
    f.flow.cancelSent(call);
    call.outcome = person;
    f.flow.ringEnded(call);
    expect(call.state).toBe(CallState.talking);
    f.runTo(30.1);
    f.flow.endedByFarEnd(call, true);
    expect(f.results()).toEqual(["silent-answer-after-cancel"]);
    expect(f.counters.silentAnswerAfterCancel).toBe(1);
  });

  it("takes a call the dialer ends within the round trip as heard", () => {
    const { flow, counters, call, results } = putThrough();
    flow.endedByFarEnd(call, false); // a broken dialog, or the run's drain
    expect(results()).toEqual(["connected"]);
    expect([counters.connected, flow.tally.paced.unconfirmed]).toEqual([1, 0]);
  });
});

describe("CallFlow: records and counters", () => {
  const twoInTurn: ScriptedAnswer[] = [
    { outcome: busy, ring: 3 },
    { outcome: busy, ring: 3 },
  ];

  it("reuses an ended attempt's record only when neither a log nor the line keeps it", () => {
    const dialTwo = (options: FlowOptions) => {
      const f = flowOf(twoInTurn, options);
      const first = f.dial();
      f.runTo(3);
      const second = f.dial();
      return { first, second };
    };
    const reused = dialTwo({});
    expect(reused.second).toBe(reused.first);
    expect(reused.second.id).toBe(1);
    const log: Call[] = [];
    const logged = dialTwo({ callLog: log });
    expect(logged.second).not.toBe(logged.first);
    expect(log).toEqual([logged.first, logged.second]);
    const kept = dialTwo({ keepsEndedCalls: true });
    expect(kept.second).not.toBe(kept.first);
    expect(kept.first.result).toBe("busy");
  });

  it("starts today's counters over with the day, keeping the totals", () => {
    const { flow, dial, runTo } = flowOf(twoInTurn);
    dial();
    runTo(3);
    flow.tally.startDay();
    dial();
    expect([
      flow.tally.today.placed,
      flow.tally.today.ended,
      flow.tally.totals.placed,
      flow.tally.totals.ended,
    ]).toEqual([1, 0, 2, 1]);
  });
});
