import type { CampaignDay } from "../calendar/calendar.js";
import type { Observation } from "../pacing/observation.js";
import type { Pacer } from "../pacing/pacer.js";
import type { Scenario } from "../scenario/scenario.js";
import { type AgentPool, AgentState } from "./agent-pool.js";
import { type Call, type CallResult, CallState } from "./call.js";
import type { CallLine } from "./call-line.js";

const DAY = 86_400;

/**
 * A campaign's line with its calls kept observable, for a pacer that reads each call's elapsed
 * time (`Pacer.observesCalls`): it passes everything through to the line it wraps, and keeps
 * the attempts between dial and end and when each agent's after-call work began. A campaign
 * whose pacer does not observe calls never builds one, so other pacers pay nothing.
 */
export class ObservedLine implements CallLine {
  private readonly open = new Set<Call>();
  /** When each agent's last after-call work began (campaign seconds). */
  private readonly wrapUpStart: Float64Array;

  /**
   * @param days the campaign's calendar, and `logoutAfter` each day's last log-out (seconds
   *   after its midnight): the calling time left runs to the earlier of a window's end and it
   */
  constructor(
    private readonly line: CallLine,
    agents: number,
    private readonly days: readonly CampaignDay[],
    private readonly logoutAfter: number,
  ) {
    this.wrapUpStart = new Float64Array(agents);
  }

  get keepsEndedCalls(): boolean {
    return this.line.keepsEndedCalls;
  }

  get heardAfter(): number {
    return this.line.heardAfter;
  }

  dial(call: Call): number {
    this.open.add(call);
    return this.line.dial(call);
  }

  patience(): number {
    return this.line.patience();
  }

  connected(call: Call): void {
    this.line.connected(call);
  }

  ended(call: Call, result: CallResult, locked: boolean): void {
    this.open.delete(call);
    // A conversation's end is its agent's wrap-up's start.
    if (call.connectedAt >= 0 && call.agent >= 0) this.wrapUpStart[call.agent] = call.endedAt;
    this.line.ended(call, result, locked);
  }

  /**
   * Fills `into` with the elapsed times of the paced calls in flight and the paced agents', the
   * leads left and the calling time left.
   */
  fill(into: Observation, pool: AgentPool, leadsLeft: number, now: number): void {
    into.leadsLeft = leadsLeft;
    into.callingSecondsLeft = callingSecondsLeft(this.days, this.logoutAfter, now);
    for (const call of this.open) {
      if (call.reservedAgent >= 0) continue; // a recontact with its agent held: not paced
      switch (call.state) {
        case CallState.ringing:
          into.ringing.push(now - call.placedAt);
          break;
        case CallState.detecting:
          into.detecting.push(now - call.answeredAt);
          break;
        case CallState.waiting:
          into.waiting.push(now - call.answeredAt);
          break;
      }
    }
    const talking = pool.talkElapsed(now);
    for (let i = 0; i < talking.length; i++) into.talking.push(talking[i]);
    for (let agent = 0; agent < pool.size; agent++) {
      if (pool.state[agent] === AgentState.wrapUp && !pool.isDeparting(agent)) {
        into.wrapUp.push(now - this.wrapUpStart[agent]);
      }
    }
  }
}

/**
 * `line` kept observable for `pacer` if it reads each call (lookahead), else null: a campaign
 * whose pacer does not observe calls pays nothing.
 */
export function observedLineFor(
  pacer: Pacer,
  line: CallLine,
  scenario: Scenario,
  days: readonly CampaignDay[],
): ObservedLine | null {
  if (pacer.observesCalls !== true) return null;
  const groups = scenario.agents.groups;
  const agents = groups.reduce((n, g) => n + g.count, 0);
  return new ObservedLine(line, agents, days, Math.max(...groups.map((g) => g.end)));
}

/**
 * Seconds of calling time left from `now`: the rest of every calling window, each cut at its
 * day's last log-out (`logoutAfter` seconds after the day's midnight).
 */
export function callingSecondsLeft(
  days: readonly CampaignDay[],
  logoutAfter: number,
  now: number,
): number {
  let left = 0;
  for (const day of days) {
    const logout = day.index * DAY + logoutAfter;
    for (const w of day.windows)
      left += Math.max(0, Math.min(w.end, logout) - Math.max(w.start, now));
  }
  return left;
}
