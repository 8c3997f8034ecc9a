import { dayKind } from "../../calendar/calendar.js";
import { clockShiftSeconds } from "../../calendar/local-time.js";
import type { Scenario } from "../../scenario/scenario.js";
import type { Call } from "../call.js";
import type { TimeZoneOf } from "../lead-time-zones.js";
import type { Breach } from "./agent-ledger.js";

const DAY = 86_400;
/** Timers fire at computed instants: allow for rounding, never for a real overrun. */
const EPSILON = 1e-6;

/** Where the rule laws read the calling hours: the centre's clock, or each lead's own. */
export interface HoursClock {
  /** Seconds from 1970-01-01 to the campaign's first midnight, on the centre's clock. */
  readonly epochSeconds: number;
  /** Each lead's zone ("" for the centre's), or null when hours are read on the centre's clock. */
  readonly hoursZoneOf: TimeZoneOf | null;
}

/**
 * The rules, call by call: no call outside the calling hours on the clock they are read on, no
 * hold past the dialer's cut-off, no call inside a lock-out (but with an agent reserved where
 * the rules allow it), and the first call after a lock-out with an agent reserved where the
 * rules want one. Calls must be in the order placed.
 */
export function checkRules(
  scenario: Scenario,
  clock: HoursClock,
  calls: readonly Call[],
  breach: Breach,
): void {
  const rules = scenario.rules;
  const holidays = new Set(scenario.calendar.holidays);
  const centreZone = scenario.calendar.timeZone ?? "";
  const cutoff = scenario.dialer.cutoffSeconds;
  const lockAfterHangup = scenario.dialer.amd.lockAfterHangup;
  /** Each lead's last silent call's end, while its lock-out still governs the next call. */
  const silentAt = new Map<number, number>();
  for (const call of calls) {
    const who = `call ${call.id} (lead ${call.lead})`;
    const at = call.placedAt;
    const wall = clock.epochSeconds + at;
    const zone = clock.hoursZoneOf?.(call.lead) ?? "";
    const local = zone === "" ? wall : wall + clockShiftSeconds(centreZone, zone, wall);
    const day = Math.floor(local / DAY);
    const date = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    const t = local - day * DAY;
    if (!rules.callingHours[dayKind(date, holidays)].some((w) => t >= w.start && t < w.end)) {
      breach(
        "calling-hours",
        at,
        who,
        `placed at ${date} ${clockTime(t)} on the callee's clock, outside the calling hours`,
      );
    }
    const since = silentAt.get(call.lead);
    if (since !== undefined) {
      const inside = at < since + rules.lockoutSeconds; // as the model's retry comes due
      const reserved = call.reservedAgent >= 0;
      if (inside && !(rules.lockoutAllowsGuaranteedCall && reserved)) {
        breach(
          "lockout",
          at,
          who,
          `called ${at - since} s after a silent call, inside the ${rules.lockoutSeconds} s lock-out`,
        );
      }
      if (!inside && rules.guaranteeAgentAfterSilent && !reserved) {
        breach("lockout", at, who, "the first call after the lock-out had no agent reserved");
      }
      if (!(inside && rules.lockoutAllowsGuaranteedCall)) silentAt.delete(call.lead);
    }
    if (call.answeredAt >= 0) {
      const heldUntil = call.connectedAt >= 0 ? call.connectedAt : call.endedAt;
      if (heldUntil >= 0 && heldUntil - call.answeredAt > cutoff + EPSILON) {
        breach(
          "cutoff",
          heldUntil,
          who,
          `held ${heldUntil - call.answeredAt} s after the answer, past the dialer's cut-off of ${cutoff} s`,
        );
      }
    }
    // A person AMD hung up on looks like a machine to the dialer: it can lock the number only
    // if it locks after every AMD hang-up (else the recontact is counted as a violation).
    const dialerKnows = call.result !== "silent-amd-false-positive" || lockAfterHangup;
    if (call.result.startsWith("silent-") && dialerKnows) silentAt.set(call.lead, call.endedAt);
  }
}

function clockTime(secondsOfDay: number): string {
  return new Date(secondsOfDay * 1000).toISOString().slice(11, 19);
}
