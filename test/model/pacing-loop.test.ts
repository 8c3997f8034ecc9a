import { describe, expect, it } from "vitest";
import { AgentState } from "../../src/model/agent-pool.js";
import { OutcomeCode } from "../../src/model/call.js";
import { type PacingHost, PacingLoop } from "../../src/model/pacing-loop.js";
import type { DayWindow } from "../../src/model/rules.js";
import type { Pacer } from "../../src/pacing/pacer.js";
import { ProgressivePacer } from "../../src/pacing/progressive.js";
import { VicidialRatioPacer } from "../../src/pacing/vicidial-ratio.js";
import type { DialerView } from "../../src/pacing/view.js";
import { callFlowRig } from "../support/call-flow-rig.js";

const { ready, talking } = AgentState;

/** Real pacers that count how often the loop asks them. */
class AskedProgressive extends ProgressivePacer {
  asked = 0;
  override decide(view: DialerView): number {
    this.asked++;
    return super.decide(view);
  }
}
class AskedRatio extends VicidialRatioPacer {
  asked = 0;
  constructor() {
    super({ algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 });
  }
  override decide(view: DialerView): number {
    this.asked++;
    return super.decide(view);
  }
}

/**
 * A pacing loop on a real kernel, pool and call flow (whose line rejects every number as busy
 * after 1 s); the host records each tick and window close and says when the campaign is over.
 */
function loopOf(pacer: Pacer, agents = 1, skipIdleTicks = false) {
  const busy = Array.from({ length: 10 }, () => ({ outcome: OutcomeCode.busy, ring: 1 }));
  const { sim, pool, flow, leads, line } = callFlowRig(busy, { agents });
  const ticks: number[] = [];
  const closed: number[] = [];
  const host: PacingHost & { finished: boolean; finishAfter: number; quiet: number } = {
    finished: false,
    finishAfter: Number.POSITIVE_INFINITY,
    quiet: Number.POSITIVE_INFINITY,
    tick() {
      ticks.push(sim.now);
      if (ticks.length >= host.finishAfter) host.finished = true;
      if (skipIdleTicks) loop.decide(); // as the campaign's tick does
    },
    windowClosed() {
      closed.push(sim.now);
    },
    quietUntil: () => host.quiet,
  };
  const loop = new PacingLoop(sim, pacer, pool, flow.tally, host, { skipIdleTicks });
  const runTo = (t: number) => sim.run(t);
  return { sim, pool, flow, leads, line, loop, host, ticks, closed, runTo };
}

const window = (start: number, end: number): DayWindow => ({ start, end });

describe("PacingLoop: windows and ticks", () => {
  it("ticks at the pacer's cadence while a window is open, and none once it closes", () => {
    const { loop, ticks, closed, runTo } = loopOf(new AskedRatio());
    loop.scheduleDay([window(100, 110), window(200, 205)], 1000);
    runTo(99);
    expect([ticks, loop.open]).toEqual([[], false]);
    runTo(105);
    expect(loop.open).toBe(true);
    runTo(150);
    expect(ticks).toEqual([100, 102.5, 105, 107.5]);
    expect([closed, loop.open]).toEqual([[110], false]);
    runTo(1000);
    expect(ticks).toEqual([100, 102.5, 105, 107.5, 200, 202.5]);
    expect(closed).toEqual([110, 205]);
  });

  it("stops ticking once the campaign is finished", () => {
    const { loop, host, ticks, runTo } = loopOf(new AskedRatio());
    host.finishAfter = 2;
    loop.scheduleDay([window(100, 200)], 1000);
    runTo(1000);
    expect(ticks).toEqual([100, 102.5]);
  });

  it("keeps ticking with no agent logged in for a pacer that reads more than counts", () => {
    const { loop, ticks, runTo, pool } = loopOf(new AskedRatio());
    loop.scheduleDay([window(100, 110)], 1000);
    runTo(1000);
    expect(pool.loggedIn).toBe(0);
    expect(ticks).toEqual([100, 102.5, 105, 107.5]);
  });

  it("suspends a counts-only pacer's ticks with nobody logged in, resuming on their grid", () => {
    const { loop, ticks, runTo, pool, sim } = loopOf(new AskedProgressive());
    loop.scheduleDay([window(100, 200)], 1000);
    runTo(110.5);
    expect(ticks).toEqual([100]);
    pool.set(0, ready, sim.now);
    loop.agentFreed();
    loop.agentFreed(); // a second agent freed at once adds no tick of its own
    runTo(113);
    expect(ticks).toEqual([100, 111, 112, 113]);
    // Logged out again: the next tick finds nobody and suspends until someone comes back.
    pool.set(0, AgentState.off, sim.now);
    runTo(120);
    expect(ticks).toEqual([100, 111, 112, 113, 114]);
    pool.set(0, ready, sim.now);
    loop.agentFreed(); // on a grid point: that tick is now
    runTo(121.5);
    pool.set(0, AgentState.off, sim.now);
    runTo(250);
    expect(ticks).toEqual([100, 111, 112, 113, 114, 120, 121, 122]);
    pool.set(0, ready, sim.now);
    loop.agentFreed(); // the window has closed: nothing to resume
    runTo(1000);
    expect(ticks).toEqual([100, 111, 112, 113, 114, 120, 121, 122]);
  });

  it("skips ticks that would place nothing up to the next event, on their grid", () => {
    const pacer = new AskedRatio();
    const { loop, ticks, sim, runTo } = loopOf(pacer, 1, true);
    loop.scheduleDay([window(100, 130), window(200, 210)], 1000);
    sim.scheduleAt(111.3, () => {}, null); // an event of no consequence
    sim.scheduleAt(120, () => {}, null); // one on a grid point: that tick is still run
    runTo(1000);
    // Nobody logged in: RATIO places nothing, so only the ticks at or after an event run.
    expect(ticks).toEqual([100, 112.5, 120, 200]);
    expect(pacer.asked).toBe(4);
  });

  it("ticks on while the host has work, and skips only up to its quiet time", () => {
    const busy = loopOf(new AskedRatio(), 1, true);
    busy.host.quiet = 0; // e.g. agents waiting to leave
    busy.loop.scheduleDay([window(100, 110)], 1000);
    busy.runTo(1000);
    expect(busy.ticks).toEqual([100, 102.5, 105, 107.5]);
    const due = loopOf(new AskedRatio(), 1, true);
    due.host.quiet = 104; // e.g. a retry coming due
    due.loop.scheduleDay([window(100, 110)], 1000);
    due.runTo(104.9);
    due.host.quiet = Number.POSITIVE_INFINITY;
    due.runTo(1000);
    expect(due.ticks).toEqual([100, 105]);
  });

  it("hands the host the pacer's answer, and skips nothing for a pacer whose ticks may not follow counts", () => {
    const placing = loopOf(new AskedRatio(), 1, true);
    const answers: number[] = [];
    placing.host.quietUntil = (decided) => {
      answers.push(decided);
      return 107; // e.g. no lead now, the next coming due at 107
    };
    placing.pool.set(0, ready, 0);
    placing.loop.scheduleDay([window(100, 110)], 1000);
    placing.runTo(1000);
    expect([placing.ticks, answers]).toEqual([
      [100, 107.5],
      [2, 2],
    ]);
    // A pacer on a timer of its own (no flag): asked at every tick.
    const timed: Pacer = {
      name: "timed",
      cadenceSeconds: 2.5,
      decidesOnAgentReady: false,
      decide: () => 0,
      copy: () => timed,
    };
    const every = loopOf(timed, 1, true);
    every.loop.scheduleDay([window(100, 110)], 1000);
    every.runTo(1000);
    expect(every.ticks).toEqual([100, 102.5, 105, 107.5]);
  });

  it("says how long the window has left, up to the day's last log-out", () => {
    const { loop, runTo } = loopOf(new AskedRatio());
    loop.scheduleDay([window(100, 200)], 150);
    expect(loop.secondsToWindowEnd).toBe(0);
    runTo(120);
    expect(loop.secondsToWindowEnd).toBe(30);
    runTo(160);
    expect(loop.secondsToWindowEnd).toBe(0);
    runTo(250);
    expect(loop.secondsToWindowEnd).toBe(0);
    const late = loopOf(new AskedRatio());
    late.loop.scheduleDay([window(100, 200)], 300);
    late.runTo(120);
    expect(late.loop.secondsToWindowEnd).toBe(80);
  });

  it("starts today's counters over at the day's first window only", () => {
    const { loop, flow, runTo } = loopOf(new AskedRatio());
    loop.scheduleDay([window(100, 110), window(200, 210)], 1000);
    runTo(50);
    flow.place(0, 1, -1);
    runTo(100);
    expect([flow.tally.today.placed, flow.tally.today.ended, flow.tally.totals.placed]).toEqual([
      0, 0, 1,
    ]);
    runTo(150);
    flow.place(1, 1, -1);
    runTo(200);
    expect([flow.tally.today.placed, flow.tally.today.ended, flow.tally.totals.placed]).toEqual([
      1, 1, 2,
    ]);
  });
});

describe("PacingLoop: the dialer's view and decisions", () => {
  it("shows the pacer the pool's paced agents and the flow's calls and counters", () => {
    const { loop, pool, flow, runTo, sim } = loopOf(new ProgressivePacer(), 3);
    expect(loop.agents).toBe(pool.paced);
    expect(loop.calls).toBe(flow.tally.paced);
    expect([loop.totals, loop.today]).toEqual([flow.tally.totals, flow.tally.today]);
    expect(loop.totals).toBe(flow.tally.totals);
    runTo(42);
    pool.set(0, talking, 40);
    pool.set(1, talking, sim.now);
    expect(loop.now).toBe(42);
    expect(Array.from(loop.talkElapsed).sort()).toEqual([0, 2]);
    expect(loop.decidesOnAgentReady).toBe(true);
    expect(loopOf(new AskedRatio()).loop.decidesOnAgentReady).toBe(false);
  });

  it("asks a counts-only pacer again only when a count has moved", () => {
    const pacer = new AskedProgressive();
    const { loop, pool, flow, sim } = loopOf(pacer, 2);
    pool.set(0, ready, 0);
    pool.set(1, ready, 0);
    expect([loop.decide(), loop.decide(), pacer.asked]).toEqual([2, 2, 1]);
    flow.place(0, 1, -1); // one call in flight now covers an agent
    expect([loop.decide(), pacer.asked]).toEqual([1, 2]);
    sim.run(1); // it ends busy
    expect([loop.decide(), pacer.asked]).toEqual([2, 3]);
    pool.set(1, talking, sim.now);
    expect([loop.decide(), loop.decide(), pacer.asked]).toEqual([1, 1, 4]);
  });

  it("asks a counts-only pacer again when a live line's CANCEL goes out", () => {
    const pacer = new AskedProgressive();
    const { loop, pool, flow, line } = loopOf(pacer, 2);
    pool.set(0, ready, 0);
    flow.place(0, 1, -1);
    expect([loop.decide(), pacer.asked]).toEqual([0, 1]);
    // No placement, answer, end or agent move: the loop must still see the view change.
    flow.cancelSent(line.dialed[0]);
    expect([loop.decide(), pacer.asked]).toEqual([0, 2]);
  });

  it("asks a pacer that reads more than counts at every decision", () => {
    const pacer = new AskedRatio();
    const { loop, pool } = loopOf(pacer, 1);
    pool.set(0, ready, 0);
    // RATIO 2 with one agent: two calls, then none before its own next due time.
    expect([loop.decide(), loop.decide(), pacer.asked]).toEqual([2, 0, 2]);
  });
});
