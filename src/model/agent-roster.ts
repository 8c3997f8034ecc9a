import { type CallCounts, pacedInFlight } from "../pacing/view.js";
import type { AgentGroup } from "../scenario/scenario.js";
import type { Simulation } from "../sim/simulation.js";
import { type AgentPool, AgentState } from "./agent-pool.js";
import { copyPlainFields } from "./copy-state.js";

const DAY = 86_400;

/** A pending departure of an agent, taken as soon as it does not strand a call in flight. */
const Departure = { none: 0, onBreak: 1, logOut: 2 } as const;
type Departure = (typeof Departure)[keyof typeof Departure];

/** Agents `from` to `to` (exclusive): one group's shift. */
interface ShiftRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Seconds an agent with a break or log-out due stays available to the calls in flight: a call
 * placed just before may ring until the no-answer timeout, then wait the cut-off for an agent.
 * Past it, an agent only finishes the call it has.
 */
export function departureGraceSeconds(dialer: {
  readonly noAnswerTimeoutSeconds: number;
  readonly cutoffSeconds: number;
}): number {
  return dialer.noAnswerTimeoutSeconds + dialer.cutoffSeconds;
}

/**
 * The agents' working time: shifts, breaks and departures, on the campaign's clock. It owns
 * when agents come and go; what an agent does between (calls, wrap-up) is the call flow's, and
 * an agent with nothing to do is handed to `agentFree`, the campaign's, which serves a waiting
 * call or makes it ready.
 *
 * A departure (log-out or break) never strands a call the dialer placed counting on an agent:
 * the agent stops being paced for at once, and leaves only when the other idle agents cover
 * every paced call in flight, or after the grace ({@link departureGraceSeconds}), the longest
 * such a call can still need one.
 */
export class AgentRoster {
  private readonly departure: Uint8Array;
  private readonly breakSeconds: Float64Array;
  /** The pending end of each agent's break (-1: none), cancelled if the shift ends first. */
  private readonly breakEnd: Float64Array;

  /**
   * @param pool the agents' states, which the roster moves through its methods like the call flow
   * @param calls the paced calls in flight, which idle agents must cover before one leaves
   * @param graceSeconds see {@link departureGraceSeconds}
   * @param agentFree the campaign's handling of an agent with nothing to do
   */
  constructor(
    private readonly sim: Simulation,
    private readonly pool: AgentPool,
    private readonly calls: CallCounts,
    private readonly graceSeconds: number,
    private readonly agentFree: (agent: number) => void,
  ) {
    this.departure = new Uint8Array(pool.size);
    this.breakSeconds = new Float64Array(pool.size);
    this.breakEnd = new Float64Array(pool.size).fill(-1);
  }

  /**
   * Schedules one working day's log-ins, shift ends and breaks (`nextIsWorkday`: whether the
   * centre opens the day after, for a shift ending at midnight).
   */
  scheduleDay(dayIndex: number, groups: readonly AgentGroup[], nextIsWorkday: boolean): void {
    const sim = this.sim;
    const base = dayIndex * DAY;
    let firstAgent = 0;
    for (const group of groups) {
      const range = { from: firstAgent, to: firstAgent + group.count };
      // A break that begins with the shift is taken at log-in, before any call is placed.
      const first = group.breaks[0];
      const breakAtStart = first?.start === group.start ? first.durationSeconds : 0;
      sim.scheduleAt(base + group.start, this.onLogIn, { ...range, breakAtStart }, -2);
      // A shift ending at midnight that the next day's begins at midnight goes straight on.
      const goesOn = group.end === DAY && group.start === 0 && nextIsWorkday;
      if (!goesOn) sim.scheduleAt(base + group.end, this.onShiftEnd, range, -1);
      for (const b of group.breaks) {
        if (b.start === group.start) continue;
        sim.scheduleAt(base + b.start, this.onBreakDue, { ...range, seconds: b.durationSeconds });
      }
      firstAgent += group.count;
    }
  }

  /** Puts this roster in `other`'s state (pending departures and breaks). */
  copyFrom(other: AgentRoster): void {
    copyPlainFields(this, other);
  }

  /** Lets leaving agents go as far as the calls in flight allow. */
  releaseDepartures(): void {
    const pool = this.pool;
    while (pool.leaving > 0 && this.canSpareIdleAgent()) this.depart(pool.anyLeaving());
  }

  /** Whether one idle agent fewer still covers every paced call in flight. */
  canSpareIdleAgent(): boolean {
    const pool = this.pool;
    return pool.ready + pool.leaving - 1 >= pacedInFlight(this.calls);
  }

  /** An agent past its departure's grace takes no more calls: it leaves now (true) if so. */
  leaveIfPastGrace(agent: number): boolean {
    if (!this.pool.mustLeave(agent, this.sim.now)) return false;
    this.depart(agent);
    return true;
  }

  /**
   * An idle agent with a departure due leaves now, or waits as `leaving` while the calls in
   * flight may need it (true either way); false when no departure is due.
   */
  leaveIfDue(agent: number): boolean {
    if (this.departure[agent] === Departure.none) return false;
    this.leaveOnceFree(agent); // apart: every freed agent asks, few leave
    return true;
  }

  /** {@link leaveWhenSpared} for an agent just freed, not yet counted idle. */
  private leaveOnceFree(agent: number): void {
    const pool = this.pool;
    if (pool.ready + pool.leaving >= pacedInFlight(this.calls)) this.depart(agent);
    else pool.set(agent, AgentState.leaving, this.sim.now);
  }

  /**
   * The shift begins. An agent still busy with a call from its last shift stays on duty: the
   * log-out that shift's end left pending is taken back, or the agent would leave once the call
   * ended and miss this whole shift.
   */
  private readonly onLogIn = (shift: ShiftRange & { breakAtStart: number }): void => {
    const pool = this.pool;
    for (let a = shift.from; a < shift.to; a++) {
      const state = pool.state[a];
      if (state === AgentState.off) {
        if (shift.breakAtStart > 0) this.startBreak(a, shift.breakAtStart);
        else this.agentFree(a);
        continue;
      }
      if (this.departure[a] === Departure.logOut) {
        this.departure[a] = Departure.none;
        pool.cancelDeparture(a);
      }
      if (shift.breakAtStart > 0) this.breakDue(a, shift.breakAtStart);
      else if (state === AgentState.leaving) this.agentFree(a);
    }
  };

  private readonly onShiftEnd = (range: ShiftRange): void => {
    for (let a = range.from; a < range.to; a++) {
      const state = this.pool.state[a];
      if (state === AgentState.off) continue;
      if (state === AgentState.onBreak) {
        // The break's end must not bring the agent back after its shift.
        this.sim.cancel(this.breakEnd[a]);
        this.departure[a] = Departure.none;
        this.pool.set(a, AgentState.off, this.sim.now);
        continue;
      }
      this.requestDeparture(a, Departure.logOut);
    }
  };

  private readonly onBreakDue = (b: ShiftRange & { seconds: number }): void => {
    for (let a = b.from; a < b.to; a++) this.breakDue(a, b.seconds);
  };

  /** A break of `seconds` is due for `agent`: taken once it is idle, or after the one it is on. */
  private breakDue(agent: number, seconds: number): void {
    const state = this.pool.state[agent];
    if (state === AgentState.off) return;
    this.breakSeconds[agent] = seconds;
    // On a break already (one begun late, or one that ends as this one begins): this one
    // follows it.
    if (state === AgentState.onBreak) this.departure[agent] = Departure.onBreak;
    else this.requestDeparture(agent, Departure.onBreak);
  }

  /** From now on the agent is not paced for, and leaves once idle and spared, or at the grace's end. */
  private requestDeparture(agent: number, kind: Departure): void {
    if (kind > this.departure[agent]) this.departure[agent] = kind;
    const grace = this.graceSeconds;
    this.pool.markDeparting(agent, this.sim.now + grace);
    this.sim.schedule(grace, this.onDepartureGraceOver, agent);
    if (this.pool.state[agent] === AgentState.ready) this.leaveWhenSpared(agent);
  }

  /**
   * An idle agent with a departure due leaves at once if the other idle agents still cover
   * every call in flight; otherwise it waits as `leaving`, which takes a call only if no ready
   * agent can, and is not offered to the pacer (so no new call is placed on its account). The
   * guarded pacer relies on this: a call placed in the expectation of an agent finds one.
   */
  private leaveWhenSpared(agent: number): void {
    if (this.canSpareIdleAgent()) this.depart(agent);
    else this.pool.set(agent, AgentState.leaving, this.sim.now);
  }

  private depart(agent: number): void {
    const kind = this.departure[agent];
    this.departure[agent] = Departure.none;
    if (kind === Departure.logOut) {
      this.pool.set(agent, AgentState.off, this.sim.now);
    } else {
      this.startBreak(agent, this.breakSeconds[agent]);
    }
  }

  private startBreak(agent: number, seconds: number): void {
    this.pool.set(agent, AgentState.onBreak, this.sim.now);
    this.breakEnd[agent] = this.sim.schedule(seconds, this.onBreakEnd, agent);
  }

  private readonly onDepartureGraceOver = (agent: number): void => {
    const pool = this.pool;
    if (pool.state[agent] === AgentState.leaving && pool.mustLeave(agent, this.sim.now)) {
      this.depart(agent);
    }
  };

  private readonly onBreakEnd = (agent: number): void => {
    this.breakEnd[agent] = -1;
    if (this.departure[agent] === Departure.onBreak) {
      this.departure[agent] = Departure.none;
      this.breakEnd[agent] = this.sim.schedule(this.breakSeconds[agent], this.onBreakEnd, agent);
      return;
    }
    this.agentFree(agent);
  };
}
