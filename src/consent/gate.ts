/**
 * The consent and opt-out gate: asked before every call, in simulation and live, whether a lead
 * may be called now. Pure: the answer depends only on the lead's consent record, the channel,
 * the instant and the rules (calling hours and holidays).
 */
import { type DayWindow, dayKind } from "../calendar/calendar.js";
import { formatDay } from "../calendar/local-time.js";
import type { RuleSet } from "../rules/rule-set.js";
import {
  type ConsentChannel,
  channelCovers,
  type LeadConsent,
  PUBLIC_WEB_SOURCE,
} from "./consent-record.js";

/**
 * Why the gate refused a call, in the order it checks them:
 * - `publicWebOnly`: the number's only source is public web pages (publication is not consent);
 * - `optedOut`: the number is on the opt-out register and no consent was given after it was;
 * - `noConsent`: no marketing consent, given by the time of the call, that covers the channel;
 * - `outsideCallingHours`: the instant is outside the rule set's calling hours.
 */
export const GATE_REFUSAL_REASONS = [
  "publicWebOnly",
  "optedOut",
  "noConsent",
  "outsideCallingHours",
] as const;
export type GateRefusalReason = (typeof GATE_REFUSAL_REASONS)[number];

/** The gate's answer. */
export type GateVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: GateRefusalReason };

/** What the gate reads besides the lead: the calling hours and the holidays they depend on. */
export interface GateRules {
  readonly callingHours: RuleSet["callingHours"];
  /** Holidays, `YYYY-MM-DD`. */
  readonly holidays: readonly string[];
}

const DAY = 86_400;
const OK: GateVerdict = { ok: true };
const refusals = Object.fromEntries(
  GATE_REFUSAL_REASONS.map((reason) => [reason, { ok: false, reason }]),
) as Record<GateRefusalReason, GateVerdict>;

/**
 * A check of one call: `at` is seconds since 1970-01-01T00:00 on the call centre's clock (the
 * consent dates' calendar); `hoursAt` is the same instant on the clock the calling hours are
 * read on (the called party's, when the rule set says so), by default `at`.
 */
export type Gate = (
  lead: LeadConsent,
  channel: ConsentChannel,
  at: number,
  hoursAt?: number,
) => GateVerdict;

/** The calling windows of each day (days since 1970), memoised: a few comparisons a call. */
function callingWindows(rules: GateRules): (day: number) => readonly DayWindow[] {
  const holidays = new Set(rules.holidays);
  const hoursByDay = new Map<number, readonly DayWindow[]>();
  return (day) => {
    let windows = hoursByDay.get(day);
    if (windows === undefined) {
      windows = rules.callingHours[dayKind(formatDay(day), holidays)];
      hoursByDay.set(day, windows);
    }
    return windows;
  };
}

/** Builds the gate for a set of rules. */
export function consentGate(rules: GateRules): Gate {
  const windowsOf = callingWindows(rules);
  return (lead, channel, at, hoursAt = at) => {
    const reason = consentRefusal(lead, channel, Math.floor(at / DAY));
    if (reason !== null) return refusals[reason];
    const day = Math.floor(hoursAt / DAY);
    const t = hoursAt - day * DAY;
    for (const w of windowsOf(day)) if (t >= w.start && t < w.end) return OK;
    return refusals.outsideCallingHours;
  };
}

/** Days ahead {@link nextCallingTime} looks for an open window. */
const LOOK_AHEAD_DAYS = 14;

/**
 * For a set of rules, the first instant at or after `at` (seconds since 1970 on the clock the
 * hours are read on) inside the calling hours; Infinity when none opens within two weeks.
 */
export function nextCallingTime(rules: GateRules): (at: number) => number {
  const windowsOf = callingWindows(rules);
  return (at) => {
    const first = Math.floor(at / DAY);
    for (let day = first; day <= first + LOOK_AHEAD_DAYS; day++) {
      for (const w of windowsOf(day)) {
        const end = day * DAY + w.end;
        if (end > at) return Math.max(at, day * DAY + w.start);
      }
    }
    return Number.POSITIVE_INFINITY;
  };
}

/** {@link consentGate} for a single question. */
export function checkCall(
  lead: LeadConsent,
  channel: ConsentChannel,
  at: number,
  rules: GateRules,
): GateVerdict {
  return consentGate(rules)(lead, channel, at);
}

/** The consent part of the gate on day `day`: a refusal reason, or null when the lead may be called. */
function consentRefusal(
  lead: LeadConsent,
  channel: ConsentChannel,
  day: number,
): Exclude<GateRefusalReason, "outsideCallingHours"> | null {
  const { consents, sources } = lead;
  // Publication is not consent: a consent "collected" from public pages counts for nothing.
  const lawfulSource = (s: string) => s !== PUBLIC_WEB_SOURCE;
  if (
    sources.length > 0 &&
    !sources.some(lawfulSource) &&
    !consents.some((c) => lawfulSource(c.source))
  ) {
    return "publicWebOnly";
  }
  // The latest valid consent: marketing, covering the channel, given by the day of the call.
  let latest = Number.NaN;
  for (const c of consents) {
    if (
      c.purpose === "marketing" &&
      c.day <= day &&
      lawfulSource(c.source) &&
      channelCovers(c.channel, channel) &&
      !(c.day <= latest)
    ) {
      latest = c.day;
    }
  }
  const registered = lead.registeredDay;
  // A consent the same day as the registration cannot be shown to come after it.
  if (registered !== null && registered <= day && !(latest > registered)) return "optedOut";
  if (Number.isNaN(latest)) return "noConsent";
  return null;
}
