import type { CampaignDay } from "../../calendar/calendar.js";
import type { Scenario } from "../../scenario/scenario.js";

const DAY = 86_400;

/** A stretch of campaign seconds, start included, end excluded. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** When one agent is scheduled: its shifts (touching ones joined) and its breaks as written. */
export interface DutyPlan {
  readonly shifts: readonly Span[];
  readonly breaks: readonly Span[];
}

/**
 * Each agent's schedule over the campaign, read from the scenario alone (not from the model),
 * so that the invariant checker can hold the model to it. Agents of a group share one plan.
 */
export function dutyPlans(scenario: Scenario, days: readonly CampaignDay[]): DutyPlan[] {
  const plans: DutyPlan[] = [];
  for (const group of scenario.agents.groups) {
    const shifts: Span[] = [];
    const breaks: Span[] = [];
    for (const day of days) {
      if (day.windows.length === 0) continue; // the centre is closed
      const base = day.index * DAY;
      const last = shifts.at(-1);
      if (last !== undefined && last.end === base + group.start) {
        shifts[shifts.length - 1] = { start: last.start, end: base + group.end };
      } else {
        shifts.push({ start: base + group.start, end: base + group.end });
      }
      for (const b of group.breaks) {
        breaks.push({ start: base + b.start, end: base + b.start + b.durationSeconds });
      }
    }
    const plan = { shifts, breaks };
    for (let i = 0; i < group.count; i++) plans.push(plan);
  }
  return plans;
}

/**
 * Where `t` falls among `spans` (sorted, not overlapping): the index of the span it lies in,
 * or, when it lies in none, -(i + 1) for the index i of the first span after it.
 */
export function spanSearch(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < spans[mid].start) hi = mid - 1;
    else if (t >= spans[mid].end) lo = mid + 1;
    else return mid;
  }
  return -(lo + 1); // every span before lo ended by t, every one from lo starts after it
}

/**
 * When the agent's time off duty that an instant t lies in began: the start of the scheduled
 * break it is in, the end of the last shift before it (-Infinity before the first), or NaN
 * when t is on duty. `shift` is `spanSearch(plan.shifts, t)` and `rest`, when t is on a
 * shift, `spanSearch(plan.breaks, t)`: the caller has made both searches already.
 */
export function offDutySince(plan: DutyPlan, shift: number, rest: number): number {
  if (shift >= 0) return rest >= 0 ? plan.breaks[rest].start : Number.NaN;
  const before = -shift - 2; // the last shift that ended by t
  return before >= 0 ? plan.shifts[before].end : Number.NEGATIVE_INFINITY;
}
