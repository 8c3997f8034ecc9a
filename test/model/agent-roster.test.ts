import { describe, expect, it } from "vitest";
import { AgentPool, AgentState } from "../../src/model/agent-pool.js";
import { AgentRoster } from "../../src/model/agent-roster.js";
import type { AgentGroup } from "../../src/scenario/scenario.js";
import { Simulation } from "../../src/sim/simulation.js";

const DAY = 86_400;
const H = 3600;
/** The fixture's no-answer timeout (25 s) plus the cut-off (3 s). */
const GRACE = 28;
const { off, ready, talking, wrapUp, onBreak, leaving } = AgentState;

/** What the campaign's `agentFree` did with an agent with nothing to do. */
type Freed = { agent: number; at: number; outcome: "left past grace" | "departure due" | "ready" };

/**
 * A roster on a real kernel and pool, with `calls` the paced calls in flight (set by the test)
 * and an `agentFree` that does what the campaign's does when no call waits: leave past the
 * grace, leave (or wait as leaving) when a departure is due, else become ready.
 */
function rosterOf(groups: AgentGroup[]) {
  const sim = new Simulation();
  const pool = new AgentPool(groups.reduce((n, g) => n + g.count, 0));
  const calls = { ringing: 0, detecting: 0, waiting: 0, cancelling: 0, unconfirmed: 0 };
  const freed: Freed[] = [];
  const agentFree = (agent: number): void => {
    const at = sim.now;
    if (roster.leaveIfPastGrace(agent)) freed.push({ agent, at, outcome: "left past grace" });
    else if (roster.leaveIfDue(agent)) freed.push({ agent, at, outcome: "departure due" });
    else {
      pool.set(agent, ready, at);
      freed.push({ agent, at, outcome: "ready" });
    }
  };
  const roster = new AgentRoster(sim, pool, calls, GRACE, agentFree);
  const states = (t: number) => {
    sim.run(t);
    return Array.from(pool.state);
  };
  /** An agent's call (or wrap-up) ends now: it has nothing to do. */
  const callEnds = (agent: number) => {
    pool.set(agent, wrapUp, sim.now);
    agentFree(agent);
  };
  return { sim, pool, calls, roster, freed, states, callEnds };
}

const shift = (count: number, start: number, end: number, breaks: AgentGroup["breaks"] = []) => ({
  count,
  start,
  end,
  breaks,
});

describe("AgentRoster: shifts", () => {
  it("logs a group in at its shift's start and out at its end", () => {
    const { roster, states, freed, pool } = rosterOf([shift(2, 9 * H, 17 * H), shift(1, 0, DAY)]);
    roster.scheduleDay(0, [shift(2, 9 * H, 17 * H), shift(1, 0, DAY)], false);
    expect(states(9 * H - 1)).toEqual([off, off, ready]);
    expect(states(9 * H)).toEqual([ready, ready, ready]);
    expect(freed.map((f) => [f.agent, f.at])).toEqual([
      [2, 0],
      [0, 9 * H],
      [1, 9 * H],
    ]);
    expect(states(17 * H)).toEqual([off, off, ready]);
    expect(states(DAY)).toEqual([off, off, off]);
    expect(pool.loggedIn).toBe(0);
  });

  it("runs a shift ending at 24:00 on into the next working day's 00:00 shift", () => {
    const allDay = [shift(1, 0, DAY)];
    const { roster, states, freed, pool } = rosterOf(allDay);
    roster.scheduleDay(0, allDay, true);
    roster.scheduleDay(1, allDay, false);
    expect(states(DAY)).toEqual([ready]);
    expect(pool.isDeparting(0)).toBe(false);
    expect(freed).toHaveLength(1); // logged in once, never out
    expect(states(2 * DAY - 1)).toEqual([ready]);
    pool.advance(2 * DAY - 1);
    expect(pool.staffedSeconds).toBe(2 * DAY - 1);
    expect(states(2 * DAY)).toEqual([off]); // no working day after
  });

  it("logs the agent out at 24:00 when the next day is not a working day", () => {
    const allDay = [shift(1, 0, DAY)];
    const { roster, states } = rosterOf(allDay);
    roster.scheduleDay(0, allDay, false);
    expect(states(DAY - 1)).toEqual([ready]);
    expect(states(DAY)).toEqual([off]);
  });

  it("keeps an agent still on a call when its next shift begins on duty for that shift", () => {
    const nearlyAllDay = [shift(1, 0, DAY - 60)];
    const { roster, states, pool, sim, callEnds, freed } = rosterOf(nearlyAllDay);
    roster.scheduleDay(0, nearlyAllDay, true);
    roster.scheduleDay(1, nearlyAllDay, false);
    sim.run(DAY - 100);
    pool.set(0, talking, sim.now);
    sim.run(DAY - 60);
    expect(pool.isDeparting(0)).toBe(true); // the shift's end: not paced for
    expect(pool.paced.loggedIn).toBe(0);
    sim.run(DAY);
    expect(pool.isDeparting(0)).toBe(false); // the new shift takes the log-out back
    expect(pool.paced.talking).toBe(1);
    sim.run(DAY + 30);
    callEnds(0);
    expect(freed.at(-1)).toEqual({ agent: 0, at: DAY + 30, outcome: "ready" });
    expect(states(2 * DAY - 61)).toEqual([ready]);
    expect(states(2 * DAY - 60)).toEqual([off]);
  });
});

describe("AgentRoster: breaks and departures", () => {
  it("sends idle agents on their break at once when no call is in flight, and back after it", () => {
    const groups = [shift(2, 9 * H, 17 * H, [{ start: 12 * H, durationSeconds: 900 }])];
    const { roster, states, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    expect(states(12 * H)).toEqual([onBreak, onBreak]);
    expect(states(12 * H + 900 - 1e-3)).toEqual([onBreak, onBreak]);
    expect(states(12 * H + 900)).toEqual([ready, ready]);
    expect(freed.filter((f) => f.at === 12 * H + 900)).toHaveLength(2);
  });

  it("holds a break while the idle agents must cover the paced calls in flight", () => {
    const groups = [shift(2, 9 * H, 17 * H, [{ start: 12 * H, durationSeconds: 900 }])];
    const { roster, states, sim, calls, pool, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    sim.run(11 * H);
    calls.ringing = 2; // two calls placed counting on both agents
    expect(roster.canSpareIdleAgent()).toBe(false);
    expect(states(12 * H)).toEqual([leaving, leaving]);
    // Not offered to the pacer: no call may be placed on their account.
    expect([pool.paced.loggedIn, pool.paced.ready]).toEqual([0, 0]);
    sim.run(12 * H + 5);
    calls.ringing = 1; // one call ended unanswered: one agent may go
    roster.releaseDepartures();
    expect(Array.from(pool.state).sort()).toEqual([leaving, onBreak].sort());
    // The other waits out the grace (the no-answer timeout plus the cut-off) at the most.
    expect(states(12 * H + GRACE - 1e-3)).toContain(leaving);
    expect(states(12 * H + GRACE)).toEqual([onBreak, onBreak]);
    sim.run(12 * H + GRACE + 900);
    expect(freed.filter((f) => f.at > 12 * H).map((f) => f.at)).toEqual([
      12 * H + 5 + 900,
      12 * H + GRACE + 900,
    ]);
  });

  it("lets an agent on a call take its break when the call ends, unpaced meanwhile", () => {
    const groups = [shift(2, 9 * H, 17 * H, [{ start: 12 * H, durationSeconds: 900 }])];
    const { roster, states, sim, pool, callEnds, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    sim.run(11 * H + 59 * 60);
    pool.set(0, talking, sim.now);
    expect(states(12 * H)).toEqual([talking, onBreak]);
    expect([pool.paced.loggedIn, pool.paced.talking, pool.talking]).toEqual([0, 0, 1]);
    sim.run(12 * H + 15);
    callEnds(0);
    expect(freed.at(-1)).toEqual({ agent: 0, at: 12 * H + 15, outcome: "departure due" });
    expect(pool.state[0]).toBe(onBreak);
    expect(states(12 * H + 15 + 900)[0]).toBe(ready);
  });

  it("waits as leaving when freed inside the grace with calls in flight, leaves past it regardless", () => {
    const groups = [shift(2, 9 * H, 17 * H, [{ start: 12 * H, durationSeconds: 900 }])];
    const { roster, sim, pool, calls, callEnds, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    sim.run(11 * H);
    pool.set(0, talking, sim.now);
    pool.set(1, talking, sim.now);
    sim.run(12 * H + 20);
    calls.ringing = 1;
    callEnds(0); // inside the grace, and the ringing call may need it
    expect(freed.at(-1)?.outcome).toBe("departure due");
    expect(pool.state[0]).toBe(leaving);
    sim.run(12 * H + 60);
    expect(pool.state[0]).toBe(onBreak); // its grace ended at 12:00:28
    calls.waiting = 1; // a person held for an agent
    callEnds(1); // past the grace: no more calls for it
    expect(freed.at(-1)).toEqual({ agent: 1, at: 12 * H + 60, outcome: "left past grace" });
    expect(pool.state[1]).toBe(onBreak);
  });

  it("takes a break that begins with the shift at log-in", () => {
    const groups = [shift(1, 9 * H, 17 * H, [{ start: 9 * H, durationSeconds: 600 }])];
    const { roster, states, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    expect(states(9 * H)).toEqual([onBreak]);
    expect(freed).toEqual([]);
    expect(states(9 * H + 600)).toEqual([ready]);
    expect(freed).toEqual([{ agent: 0, at: 9 * H + 600, outcome: "ready" }]);
  });

  it("follows a break with the one due during it", () => {
    const breaks = [
      { start: 12 * H, durationSeconds: 900 },
      { start: 12 * H + 600, durationSeconds: 600 },
    ];
    const groups = [shift(1, 9 * H, 17 * H, breaks)];
    const { roster, states } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    expect(states(12 * H + 900)).toEqual([onBreak]);
    expect(states(12 * H + 1500 - 1e-3)).toEqual([onBreak]);
    expect(states(12 * H + 1500)).toEqual([ready]);
  });

  it("ends a break at the shift's end for good", () => {
    const groups = [shift(1, 9 * H, 17 * H, [{ start: 16 * H + 50 * 60, durationSeconds: 1200 }])];
    const { roster, states, freed } = rosterOf(groups);
    roster.scheduleDay(0, groups, false);
    expect(states(17 * H - 1)).toEqual([onBreak]);
    expect(states(17 * H)).toEqual([off]);
    expect(states(DAY)).toEqual([off]);
    expect(freed.filter((f) => f.at > 9 * H)).toEqual([]);
  });
});
