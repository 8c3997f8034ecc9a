/** The consent and opt-out gate on hand-built leads whose verdict is known, one per reason. */
import { describe, expect, it } from "vitest";
import { daysFromCivil } from "../../src/calendar/local-time.js";
import {
  ASSUMED_CONSENT,
  type Consent,
  type ConsentChannel,
  channelCovers,
  type LeadConsent,
} from "../../src/consent/consent-record.js";
import { checkCall, consentGate, type GateRules } from "../../src/consent/gate.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";

const IT: GateRules = {
  callingHours: BUILT_IN_RULE_SETS["it-garante-2014"].callingHours,
  holidays: ["2026-12-08"],
};

/** Days since 1970 of `YYYY-MM-DD`. */
const day = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return daysFromCivil(y, m, d);
};
/** Seconds since 1970 on the centre's clock of a local date and time. */
const at = (date: string, time = "10:00") => {
  const [h, m] = time.split(":").map(Number);
  return day(date) * 86_400 + h * 3600 + m * 60;
};
const consent = (channel: ConsentChannel, date: string, extra: Partial<Consent> = {}): Consent => ({
  purpose: "marketing",
  channel,
  day: day(date),
  source: "web-form",
  ...extra,
});
const lead = (l: Partial<LeadConsent>): LeadConsent => ({
  consents: [],
  registeredDay: null,
  sources: ["customer"],
  ...l,
});
const TUESDAY = "2026-12-01";
const verdict = (l: LeadConsent, channel: ConsentChannel = "operator", when = at(TUESDAY)) =>
  checkCall(l, channel, when, IT);
const refused = (reason: string) => ({ ok: false, reason });

describe("consent gate", () => {
  it("lets a lead with a marketing consent for operator calls through in calling hours", () => {
    expect(verdict(lead({ consents: [consent("operator", "2026-11-01")] }))).toEqual({ ok: true });
    expect(verdict(ASSUMED_CONSENT)).toEqual({ ok: true });
  });

  it("refuses numbers whose only source is public web pages", () => {
    const found = lead({ sources: ["public-web"] });
    expect(verdict(found)).toEqual(refused("publicWebOnly"));
    // Publication is not consent: a "consent" taken from the web page changes nothing.
    const scraped = {
      ...found,
      consents: [consent("operator", "2026-11-01", { source: "public-web" })],
    };
    expect(verdict(scraped)).toEqual(refused("publicWebOnly"));
    // A consent collected on the seller's own form is a lawful source of its own.
    expect(verdict({ ...found, consents: [consent("operator", "2026-11-01")] })).toEqual({
      ok: true,
    });
    // Another source next to the web page: not public-web only, but still no consent.
    expect(verdict(lead({ sources: ["public-web", "customer"] }))).toEqual(refused("noConsent"));
  });

  it("refuses numbers on the opt-out register unless a consent was given after registration", () => {
    const registered = day("2026-06-01");
    const before = lead({
      registeredDay: registered,
      consents: [consent("operator", "2026-05-01")],
    });
    expect(verdict(before)).toEqual(refused("optedOut"));
    const sameDay = lead({
      registeredDay: registered,
      consents: [consent("operator", "2026-06-01")],
    });
    expect(verdict(sameDay)).toEqual(refused("optedOut"));
    const after = lead({
      registeredDay: registered,
      consents: [consent("operator", "2026-06-02")],
    });
    expect(verdict(after)).toEqual({ ok: true });
    // Both: the later consent counts.
    const both = lead({
      registeredDay: registered,
      consents: [consent("operator", "2026-05-01"), consent("sms", "2026-09-01")],
    });
    expect(verdict(both)).toEqual({ ok: true });
    // Registered with no consent at all.
    expect(verdict(lead({ registeredDay: registered }))).toEqual(refused("optedOut"));
  });

  it("counts a registration from the day it is made, not before", () => {
    const l = lead({
      registeredDay: day("2026-12-03"),
      consents: [consent("operator", "2026-01-01")],
    });
    expect(verdict(l, "operator", at("2026-12-02"))).toEqual({ ok: true });
    expect(verdict(l, "operator", at("2026-12-03"))).toEqual(refused("optedOut"));
  });

  it("honours the channel hierarchy: automated covers operator and paper, never the reverse", () => {
    for (const given of ["automated", "sms", "email", "fax", "recorded-call"] as const) {
      expect(verdict(lead({ consents: [consent(given, "2026-11-01")] }), "operator")).toEqual({
        ok: true,
      });
      expect(verdict(lead({ consents: [consent(given, "2026-11-01")] }), "paper")).toEqual({
        ok: true,
      });
    }
    const operatorOnly = lead({ consents: [consent("operator", "2026-11-01")] });
    expect(verdict(operatorOnly, "recorded-call")).toEqual(refused("noConsent"));
    expect(verdict(operatorOnly, "sms")).toEqual(refused("noConsent"));
    const paperOnly = lead({ consents: [consent("paper", "2026-11-01")] });
    expect(verdict(paperOnly, "operator")).toEqual(refused("noConsent"));
    // One automated channel does not cover another; the generic one covers them all.
    expect(verdict(lead({ consents: [consent("email", "2026-11-01")] }), "recorded-call")).toEqual(
      refused("noConsent"),
    );
    expect(
      verdict(lead({ consents: [consent("automated", "2026-11-01")] }), "recorded-call"),
    ).toEqual({ ok: true });
    expect(channelCovers("operator", "paper")).toBe(false);
    expect(channelCovers("paper", "paper")).toBe(true);
  });

  it("refuses consents for another purpose or given after the call", () => {
    const profiling = lead({
      consents: [consent("operator", "2026-11-01", { purpose: "profiling" })],
    });
    expect(verdict(profiling)).toEqual(refused("noConsent"));
    const later = lead({ consents: [consent("operator", "2026-12-02")] });
    expect(verdict(later, "operator", at(TUESDAY))).toEqual(refused("noConsent"));
    expect(verdict(later, "operator", at("2026-12-02"))).toEqual({ ok: true });
    expect(verdict(lead({}))).toEqual(refused("noConsent"));
  });

  it("refuses calls outside the rule set's calling hours, by kind of day", () => {
    const ok = lead({ consents: [consent("operator", "2026-01-01")] });
    const gate = consentGate(IT);
    const v = (date: string, time: string) => gate(ok, "operator", at(date, time));
    expect(v(TUESDAY, "09:00")).toEqual({ ok: true });
    expect(v(TUESDAY, "08:59")).toEqual(refused("outsideCallingHours"));
    expect(v(TUESDAY, "19:59")).toEqual({ ok: true });
    expect(v(TUESDAY, "20:00")).toEqual(refused("outsideCallingHours"));
    expect(v("2026-12-05", "10:00")).toEqual({ ok: true }); // Saturday 10:00-19:00
    expect(v("2026-12-05", "19:00")).toEqual(refused("outsideCallingHours"));
    expect(v("2026-12-06", "12:00")).toEqual(refused("outsideCallingHours")); // Sunday
    expect(v("2026-12-07", "19:30")).toEqual(refused("outsideCallingHours")); // day before a holiday
    expect(v("2026-12-08", "12:00")).toEqual(refused("outsideCallingHours")); // holiday
    expect(v("2026-12-09", "19:30")).toEqual({ ok: true });
    // Consent reasons come first.
    expect(gate(lead({}), "operator", at("2026-12-06", "12:00"))).toEqual(refused("noConsent"));
  });
});
