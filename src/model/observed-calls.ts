import type { CampaignDay } from "../calendar/calendar.js";
import type { Observation } from "../pacing/observation.js";
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

  constructor(
    private readonly line: CallLine,
    agents: number,
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

  /** Fills `into` with the elapsed times of the paced calls in flight and the paced agents'. */
  fill(into: Observation, pool: AgentPool, now: number): void {
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
