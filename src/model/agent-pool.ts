import type { AgentCounts } from "../pacing/view.js";
import { copyPlainFields } from "./copy-state.js";

/** What an agent is doing. */
export const AgentState = {
  off: 0,
  ready: 1,
  reserved: 2,
  talking: 3,
  wrapUp: 4,
  onBreak: 5,
  /** Idle with a break or log-out due, held only because a call in flight may still need it. */
  leaving: 6,
} as const;
export type AgentState = (typeof AgentState)[keyof typeof AgentState];

/** Told of every move of an agent, before the pool's counts change (the invariant checker's ledger). */
export interface AgentMoveWatcher {
  moved(agent: number, from: AgentState, to: AgentState, now: number): void;
}

/** The watcher of a pool nobody watches. */
const UNWATCHED: AgentMoveWatcher = { moved() {} };

/**
 * The agents of a campaign, by state, with time integrals for occupancy. Agents are indices;
 * ready and talking agents are kept in dense lists so that taking one or listing talk times is
 * O(1) per agent.
 *
 * An agent with a break or log-out due (`markDeparting`) is no longer paced for: `paced` and
 * `talkElapsed`, what the pacer sees, leave them out, as a real dialer stops pacing for an agent
 * who has asked to pause or log off. They still count in the pool's own totals and integrals
 * until they actually leave, which is at the latest once `departBy` has passed and they are idle.
 */
export class AgentPool {
  readonly state: Uint8Array;
  /** When each talking agent's conversation began. */
  readonly talkStart: Float64Array;
  private readonly readyList: Int32Array;
  private readonly readyPos: Int32Array;
  private readonly leavingList: Int32Array;
  private readonly leavingPos: Int32Array;
  private readonly talkingList: Int32Array;
  private readonly talkingPos: Int32Array;
  private readonly elapsedScratch: Float64Array;
  /** 1 while an agent has a departure due, until the agent is off or on a break. */
  private readonly departing: Uint8Array;
  /** When each departing agent must leave at the latest (campaign seconds). */
  private readonly departBy: Float64Array;
  private readyCount = 0;
  private leavingCount = 0;
  private talkingCount = 0;
  private wrapUpCount = 0;
  private reservedCount = 0;
  private loggedInCount = 0;
  /** Moves of any agent (or into or out of departing) so far: the counts above and the paced counts can have changed only when this grew. */
  moves = 0;
  /** Departing agents by state, left out of what the pacer sees (they are never ready). */
  readonly departingCounts = { loggedIn: 0, talking: 0, wrapUp: 0, reserved: 0 };

  private lastTime = 0;
  /** Agent-seconds logged in and not on a break. */
  staffedSeconds = 0;
  /** Agent-seconds talking. */
  talkSeconds = 0;
  /** Agent-seconds in wrap-up. */
  wrapUpSeconds = 0;

  constructor(
    readonly size: number,
    private readonly watcher: AgentMoveWatcher = UNWATCHED,
  ) {
    this.state = new Uint8Array(size);
    this.talkStart = new Float64Array(size);
    this.readyList = new Int32Array(size);
    this.readyPos = new Int32Array(size).fill(-1);
    this.leavingList = new Int32Array(size);
    this.leavingPos = new Int32Array(size).fill(-1);
    this.talkingList = new Int32Array(size);
    this.talkingPos = new Int32Array(size).fill(-1);
    this.elapsedScratch = new Float64Array(size);
    this.departing = new Uint8Array(size);
    this.departBy = new Float64Array(size);
  }

  // The counts the pacer sees, kept up to date on every move: read at every decision, written
  // far less often.
  private readonly pacedCounts = { loggedIn: 0, ready: 0, talking: 0, wrapUp: 0, reserved: 0 };
  /** The agents the pacer may dial for: logged in and without a departure due. */
  readonly paced: AgentCounts = this.pacedCounts;

  /** Puts this pool (of the same size) in `other`'s state: a copy of the campaign's agents. */
  copyFrom(other: AgentPool): void {
    copyPlainFields(this, other);
    Object.assign(this.departingCounts, other.departingCounts);
    Object.assign(this.pacedCounts, other.pacedCounts);
  }

  /**
   * Stops pacing for a logged-in `agent` who is to leave (break or log-out), and sets the time
   * `by` which it must leave once idle; an earlier deadline already set is kept.
   */
  markDeparting(agent: number, by: number): void {
    if (this.departing[agent] === 1) {
      this.departBy[agent] = Math.min(this.departBy[agent], by);
      return;
    }
    this.departBy[agent] = by;
    this.countDeparting(agent, 1);
  }

  /** Takes back a departure due for `agent` (its next shift began first): it is paced for again. */
  cancelDeparture(agent: number): void {
    if (this.departing[agent] === 1) this.countDeparting(agent, -1);
  }

  /** Whether `agent` has a break or log-out due (and so is not paced for). */
  isDeparting(agent: number): boolean {
    return this.departing[agent] === 1;
  }

  /** Whether `agent` has a departure due whose deadline has passed at `now`. */
  mustLeave(agent: number, now: number): boolean {
    return this.departing[agent] === 1 && now >= this.departBy[agent];
  }

  private countDeparting(agent: number, sign: 1 | -1): void {
    // The paced counts change: a counts-only pacer must be asked again.
    this.moves++;
    this.departing[agent] = sign === 1 ? 1 : 0;
    const state = this.state[agent] as AgentState;
    const counts = this.departingCounts;
    if (isLoggedIn(state)) counts.loggedIn += sign;
    if (state === AgentState.talking) counts.talking += sign;
    else if (state === AgentState.wrapUp) counts.wrapUp += sign;
    else if (state === AgentState.reserved) counts.reserved += sign;
    this.updatePaced();
  }

  /** The pool's counts less the departing agents'. */
  private updatePaced(): void {
    const paced = this.pacedCounts;
    const departing = this.departingCounts;
    paced.loggedIn = this.loggedInCount - departing.loggedIn;
    paced.ready = this.readyCount;
    paced.talking = this.talkingCount - departing.talking;
    paced.wrapUp = this.wrapUpCount - departing.wrapUp;
    paced.reserved = this.reservedCount - departing.reserved;
  }

  get ready(): number {
    return this.readyCount;
  }
  /** Idle agents about to leave: not offered to the pacer, used when no ready agent is left. */
  get leaving(): number {
    return this.leavingCount;
  }
  get talking(): number {
    return this.talkingCount;
  }
  get wrapUp(): number {
    return this.wrapUpCount;
  }
  get reserved(): number {
    return this.reservedCount;
  }
  get loggedIn(): number {
    return this.loggedInCount;
  }

  /** Adds the time since the last change to the integrals. */
  advance(now: number): void {
    const dt = now - this.lastTime;
    if (dt > 0) {
      this.staffedSeconds += dt * this.loggedInCount;
      this.talkSeconds += dt * this.talkingCount;
      this.wrapUpSeconds += dt * this.wrapUpCount;
      this.lastTime = now;
    }
  }

  /** Any ready agent, or -1. */
  anyReady(): number {
    return this.readyCount > 0 ? this.readyList[this.readyCount - 1] : -1;
  }

  /** Any leaving agent, or -1. */
  anyLeaving(): number {
    return this.leavingCount > 0 ? this.leavingList[this.leavingCount - 1] : -1;
  }

  /** An agent who can take a live call now: a ready one, else a leaving one; -1 if none. */
  anyIdle(): number {
    return this.readyCount > 0 ? this.anyReady() : this.anyLeaving();
  }

  /** Moves `agent` to `next` at time `now`, keeping lists, counts and integrals right. */
  set(agent: number, next: AgentState, now: number): void {
    this.advance(now);
    const previous = this.state[agent] as AgentState;
    if (previous === next) return;
    this.watcher.moved(agent, previous, next, now);
    this.moves++;
    const departing = this.departing[agent] === 1;
    if (departing) this.countDeparting(agent, -1);
    this.leave(agent, previous);
    this.state[agent] = next;
    this.enter(agent, next);
    if (next === AgentState.talking) this.talkStart[agent] = now;
    if (!isLoggedIn(previous) && isLoggedIn(next)) this.loggedInCount++;
    if (isLoggedIn(previous) && !isLoggedIn(next)) this.loggedInCount--;
    // Leaving (off or on a break) ends the departure; otherwise it carries over to the new state.
    if (departing && isLoggedIn(next)) this.countDeparting(agent, 1);
    else this.updatePaced();
  }

  /**
   * Elapsed talk time of each talking agent the pacer sees (`paced.talking` of them; a view on
   * scratch memory: read it at once).
   */
  talkElapsed(now: number): Float64Array {
    const n = this.talkingCount;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const agent = this.talkingList[i];
      if (this.departing[agent] === 0) this.elapsedScratch[k++] = now - this.talkStart[agent];
    }
    return this.elapsedScratch.subarray(0, k);
  }

  // `set`'s halves, apart so that `set` stays small enough for V8 to inline where it is hot.
  private enter(agent: number, state: AgentState): void {
    switch (state) {
      case AgentState.ready:
        this.readyPos[agent] = this.readyCount;
        this.readyList[this.readyCount++] = agent;
        break;
      case AgentState.leaving:
        this.leavingPos[agent] = this.leavingCount;
        this.leavingList[this.leavingCount++] = agent;
        break;
      case AgentState.talking:
        this.talkingPos[agent] = this.talkingCount;
        this.talkingList[this.talkingCount++] = agent;
        break;
      case AgentState.wrapUp:
        this.wrapUpCount++;
        break;
      case AgentState.reserved:
        this.reservedCount++;
        break;
    }
  }

  private leave(agent: number, state: AgentState): void {
    switch (state) {
      case AgentState.ready:
        removeDense(this.readyList, this.readyPos, agent, --this.readyCount);
        break;
      case AgentState.leaving:
        removeDense(this.leavingList, this.leavingPos, agent, --this.leavingCount);
        break;
      case AgentState.talking:
        removeDense(this.talkingList, this.talkingPos, agent, --this.talkingCount);
        break;
      case AgentState.wrapUp:
        this.wrapUpCount--;
        break;
      case AgentState.reserved:
        this.reservedCount--;
        break;
    }
  }
}

/** Whether an agent in `state` is on duty: neither off nor on a break. */
export function isLoggedIn(state: AgentState): boolean {
  return state !== AgentState.off && state !== AgentState.onBreak;
}

// Swap-remove `item` from a dense list whose new length is `last`.
function removeDense(list: Int32Array, pos: Int32Array, item: number, last: number): void {
  const at = pos[item];
  const moved = list[last];
  list[at] = moved;
  pos[moved] = at;
  pos[item] = -1;
}
