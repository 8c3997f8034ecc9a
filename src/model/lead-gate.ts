import { clockShiftSeconds } from "../calendar/local-time.js";
import { parseDay } from "../consent/consent-fields.js";
import { drawConsentKinds, generatedLeadConsents } from "../consent/consent-mix.js";
import { ASSUMED_CONSENT, type LeadConsent } from "../consent/consent-record.js";
import {
  consentGate,
  type Gate,
  type GateRefusalReason,
  nextCallingTime,
} from "../consent/gate.js";
import type { Scenario } from "../scenario/scenario.js";
import { createStreams } from "../sim/random.js";
import { leadTimeZones, type TimeZoneOf } from "./lead-time-zones.js";

const DAY = 86_400;

/**
 * Each lead's consent record: from the leads file or drawn for generated leads; null when every
 * lead's consent is assumed.
 */
function leadConsents(
  scenario: Scenario,
  startDay: number,
  seed: number,
): ((lead: number) => LeadConsent) | null {
  const leads = scenario.leads;
  if (leads.kind === "file") {
    const consents = leads.consents;
    return consents === undefined ? null : (lead) => consents[lead];
  }
  if (leads.consentMix === undefined) return null;
  const records = generatedLeadConsents(startDay);
  const kinds = drawConsentKinds(
    leads.count,
    leads.consentMix,
    createStreams(seed).stream("consent"),
  );
  return (lead) => records[kinds[lead]];
}

/**
 * The consent and opt-out gate as the campaign asks it before every call: each lead's consent
 * record, its time zone, and the calling hours read on the clock the rules name (the centre's
 * or the called party's).
 */
export class LeadGate {
  /** Seconds from 1970-01-01 to the campaign's first midnight, on the centre's clock. */
  readonly epochSeconds: number;
  /** The leads' time zones, or null when every lead is in the centre's. */
  readonly timeZoneOf: TimeZoneOf | null;
  /** The leads' time zones when the calling hours are read on them, else null. */
  readonly hoursZoneOf: TimeZoneOf | null;
  private readonly gate: Gate;
  private readonly consentOf: (lead: number) => LeadConsent;
  private readonly nextCallingTime: (at: number) => number;
  private readonly centreZone: string;
  /**
   * True when every consent is assumed and the hours are read on the centre's clock: then the
   * gate passes every call placed while a window is open (the windows are the calling hours).
   */
  readonly passesWhileOpen: boolean;

  constructor(scenario: Scenario, seed: number) {
    const rules = {
      callingHours: scenario.rules.callingHours,
      holidays: scenario.calendar.holidays,
    };
    this.gate = consentGate(rules);
    this.nextCallingTime = nextCallingTime(rules);
    this.epochSeconds = (parseDay(scenario.calendar.start) ?? 0) * DAY;
    const consentOf = leadConsents(scenario, this.epochSeconds / DAY, seed);
    this.consentOf = consentOf ?? (() => ASSUMED_CONSENT);
    this.timeZoneOf = leadTimeZones(scenario, seed);
    if (this.timeZoneOf !== null && scenario.calendar.timeZone === undefined) {
      throw new RangeError(
        "calendar.timeZone: the call centre's zone is needed: leads have time zones",
      );
    }
    this.centreZone = scenario.calendar.timeZone ?? "";
    this.hoursZoneOf =
      scenario.rules.callingHoursTimeZone === "calledParty" ? this.timeZoneOf : null;
    this.passesWhileOpen = consentOf === null && this.hoursZoneOf === null;
  }

  /** Why `lead` may not be called at campaign second `now`, or null when it may. */
  refusal(lead: number, now: number): GateRefusalReason | null {
    const at = this.epochSeconds + now;
    const verdict = this.gate(this.consentOf(lead), "operator", at, this.hoursAt(lead, at));
    return verdict.ok ? null : verdict.reason;
  }

  /** Seconds from `now` until `lead`'s calling hours open (at least a moment). */
  secondsToHours(lead: number, now: number): number {
    const hoursAt = this.hoursAt(lead, this.epochSeconds + now);
    // A moment's margin so that rounding cannot offer the lead again at the same instant.
    return Math.max(this.nextCallingTime(hoursAt) - hoursAt, 1e-3);
  }

  /** Seconds since the epoch on the clock the calling hours are read on. */
  private hoursAt(lead: number, at: number): number {
    const zone = this.hoursZoneOf === null ? "" : this.hoursZoneOf(lead);
    return zone === "" ? at : at + clockShiftSeconds(this.centreZone, zone, at);
  }
}
