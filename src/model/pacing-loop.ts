import type { Observation } from "../pacing/observation.js";
import type { Pacer } from "../pacing/pacer.js";
import type { AgentCounts, CallCounts, DialerCounters, DialerView } from "../pacing/view.js";
import type { Simulation } from "../sim/simulation.js";
import type { AgentPool } from "./agent-pool.js";
import { copyPlainFields } from "./copy-state.js";
import type { DialerTally } from "./dialer-tally.js";

import type { DayWindow } from "./rules.js";

/** What the pacing loop asks of the campaign. */
export interface PacingHost {
  /** True once every lead is finished: no more ticks. */
  readonly finished: boolean;
  /** One tick's work: departures, recontacts with an agent held, and the pacer's calls. */
  tick(): void;
  /** A calling window closed. */
  windowClosed(): void;
  /**
   * Until when ticks place nothing while no event happens, given the pacer's answer at the tick
   * just done: the first time a tick could find work that no event brings (a retry coming due),
   * Infinity if none; now when the next tick has work already (a lead to place, agents leaving).
   */
  quietUntil(decided: number): number;
}

/** How a pacing loop runs, besides its parts. */
export interface PacingLoopOptions {
  /** Fills an observation, when the pacer reads one (`Pacer.observesCalls`). */
  readonly observe?: (into: Observation) => void;
  /**
   * Skip ticks that would place nothing, up to the next event (see `Pacer.ticksFollowCounts`):
   * only where every count moves through the kernel's events, as in the simulator (a live line's
   * moves arrive from outside it).
   */
  readonly skipIdleTicks?: boolean;
}

/**
 * The calling windows and the pacer's clock: it opens and closes each window, ticks at the
 * pacer's cadence while one is open, and is the {@link DialerView} every decision is shown (the
 * agents' and calls' counts and the dialer's counters, read where their owners keep them). In
 * the simulator it leaves out the ticks that would place nothing, which changes no result.
 */
export class PacingLoop implements DialerView {
  readonly agents: AgentCounts;
  readonly calls: CallCounts;
  readonly totals: DialerCounters;
  readonly today: DialerCounters;
  readonly observe?: (into: Observation) => void;
  /** Whether a calling window is open. */
  private isOpen = false;
  private windowEnd = 0;
  private dayLogoutAt = 0;
  /**
   * When the next tick is due while ticks are suspended, else NaN. A pacer that reads counts
   * only places nothing with no agent logged in, so its ticks wait for the first agent.
   */
  private suspendedTickAt = Number.NaN;
  private readonly readsCountsOnly: boolean;
  /** Whether ticks that would place nothing are skipped up to the next event. */
  private readonly skipsIdleTicks: boolean;
  /**
   * The pacer's last answer; for a pacer that reads counts only, also the {@link viewStamp} of
   * the view it was given (-1: none).
   */
  private decidedCalls = 0;
  private decidedStamp = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly pacer: Pacer,
    private readonly pool: AgentPool,
    private readonly tally: DialerTally,
    private readonly host: PacingHost,
    options: PacingLoopOptions = {},
  ) {
    this.agents = pool.paced;
    this.calls = tally.paced;
    this.totals = tally.totals;
    this.today = tally.today;
    this.observe = options.observe;
    this.readsCountsOnly = pacer.readsCountsOnly === true;
    this.skipsIdleTicks =
      options.skipIdleTicks === true && (this.readsCountsOnly || pacer.ticksFollowCounts === true);
  }

  /** Puts this loop in `other`'s state (its pacer is a copy of `other`'s already). */
  copyFrom(other: PacingLoop): void {
    copyPlainFields(this, other);
  }

  /** An independent copy of the pacer, in its state now. */
  copyPacer(): Pacer {
    return this.pacer.copy();
  }

  get now(): number {
    return this.sim.now;
  }

  get secondsToWindowEnd(): number {
    return this.isOpen ? Math.max(0, Math.min(this.windowEnd, this.dayLogoutAt) - this.sim.now) : 0;
  }

  get talkElapsed(): ArrayLike<number> {
    return this.pool.talkElapsed(this.sim.now);
  }

  /**
   * Whether a calling window is open now. Its end is excluded: an agent logging in at that
   * instant (log-ins run before the window's closing event) finds it closed.
   */
  get open(): boolean {
    return this.isOpen && this.sim.now < this.windowEnd;
  }

  /** Whether the pacer wants asking again as soon as an agent becomes ready. */
  get decidesOnAgentReady(): boolean {
    return this.pacer.decidesOnAgentReady === true;
  }

  /** Schedules one day's calling windows (`logout`: when the day's last shift ends). */
  scheduleDay(windows: readonly DayWindow[], logout: number): void {
    windows.forEach((w, i) => {
      const event = { end: w.end, logout, firstOfDay: i === 0 };
      this.sim.scheduleAt(w.start, this.onWindowOpen, event, -1);
      this.sim.scheduleAt(w.end, this.onWindowClose, w, -1);
    });
  }

  /** How many calls the pacer places now; from a pacer that reads counts only, its last answer while none moved. */
  decide(): number {
    if (!this.readsCountsOnly) {
      this.decidedCalls = this.pacer.decide(this);
      return this.decidedCalls;
    }
    const stamp = this.viewStamp();
    if (stamp !== this.decidedStamp) {
      this.decidedCalls = this.pacer.decide(this);
      this.decidedStamp = stamp;
    }
    return this.decidedCalls;
  }

  /** An agent is free: restarts suspended ticks, if they are. */
  agentFreed(): void {
    if (!Number.isNaN(this.suspendedTickAt)) this.resumeTicks(); // apart: rarely suspended
  }

  /** Restarts suspended ticks on their grid (the same sums as uninterrupted ticks give). */
  private resumeTicks(): void {
    let next = this.suspendedTickAt;
    this.suspendedTickAt = Number.NaN;
    const cadence = this.pacer.cadenceSeconds;
    while (next < this.sim.now) next += cadence;
    if (this.isOpen && next < this.windowEnd) {
      this.sim.scheduleAt(next, this.onTick, null);
    }
  }

  private readonly onWindowOpen = (w: {
    end: number;
    logout: number;
    firstOfDay: boolean;
  }): void => {
    if (w.firstOfDay) {
      this.tally.startDay();
      this.decidedStamp = -1; // today's counts moved without a stamp
    }
    this.isOpen = true;
    this.suspendedTickAt = Number.NaN; // this window's ticks start now
    this.windowEnd = w.end;
    this.dayLogoutAt = w.logout;
    this.onTick(null);
  };

  private readonly onWindowClose = (): void => {
    this.isOpen = false;
    this.host.windowClosed();
  };

  private readonly onTick = (_: null): void => {
    if (!this.isOpen || this.host.finished) return;
    this.host.tick();
    let next = this.sim.now + this.pacer.cadenceSeconds;
    if (this.skipsIdleTicks) next = this.firstTickWithWork(next);
    if (next >= this.windowEnd) return;
    if (this.readsCountsOnly && this.pool.loggedIn === 0) this.suspendedTickAt = next;
    else this.sim.scheduleAt(next, this.onTick, null);
  };

  /**
   * The first tick from `next` on (on the same grid) that could place anything: no count moves
   * before the next event, so the pacer answers as it just did (the host's tick always asks),
   * and the host says until when nothing else can give a tick work.
   */
  private firstTickWithWork(next: number): number {
    const quiet = this.host.quietUntil(this.decidedCalls);
    if (quiet <= next) return next;
    const until = Math.min(this.sim.peek(), quiet, this.windowEnd);
    const cadence = this.pacer.cadenceSeconds;
    let tick = next;
    while (tick < until) tick += cadence;
    return tick;
  }

  /**
   * Grows whenever a count of the view may have changed (but for `today`'s daily reset): an agent
   * moved, or a call was placed, ended, answered, judged live or judged a machine. Every other
   * count moves only together with one of these: ringing with placed and answered or ended,
   * detecting with answered and live, machines or ended, waiting with live and an agent's move
   * or ended, connected and the talk sums with an agent's move, dropped with ended. A live
   * line's own moves (a CANCEL out, a callee who can have heard the agent) are counted apart.
   */
  private viewStamp(): number {
    const t = this.totals;
    const moves = this.pool.moves + this.tally.liveMoves;
    return moves + t.placed + t.ended + t.answered + t.live + t.machines;
  }
}
