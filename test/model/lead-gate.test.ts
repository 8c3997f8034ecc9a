import { describe, expect, it } from "vitest";
import type { LeadConsent } from "../../src/consent/consent-record.js";
import { LeadGate } from "../../src/model/lead-gate.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

const DAY = 86_400;
const H = 3600;
/** 2026-12-01, the fixture's first day (a Tuesday), in days since 1970. */
const START_DAY = Date.UTC(2026, 11, 1) / 1000 / DAY;

const consented = (day: number): LeadConsent => ({
  consents: [{ purpose: "marketing", channel: "operator", day, source: "web-form" }],
  registeredDay: null,
  sources: ["customer"],
});

/** Leads read from a file: one per consent record (and time zone, when given). */
function fileLeads(consents?: LeadConsent[], timeZones?: string[]): Scenario["leads"] {
  const count = consents?.length ?? timeZones?.length ?? 0;
  const numbers = Array.from({ length: count }, (_, i) => `+39 06 ${1000 + i}`);
  return { kind: "file", path: "leads.csv", numbers, consents, timeZones };
}

/** Italian hours read on each lead's clock; the centre is in Rome. */
function calledPartyHours(timeZones: string[]): Scenario {
  const base = makeScenario();
  return makeScenario({
    calendar: { ...base.calendar, timeZone: "Europe/Rome" },
    rules: { ...IT_GARANTE_2014, callingHoursTimeZone: "calledParty" },
    leads: fileLeads(undefined, timeZones),
  });
}

describe("LeadGate", () => {
  it("counts campaign seconds from the first day's midnight", () => {
    expect(new LeadGate(makeScenario(), 1).epochSeconds).toBe(START_DAY * DAY);
  });

  it("refuses a call outside the centre's calling hours and says when they open", () => {
    const gate = new LeadGate(makeScenario(), 1);
    // Nothing to ask per lead while a window is open: the windows are the calling hours.
    expect(gate.passesWhileOpen).toBe(true);
    expect(gate.refusal(0, 8 * H)).toBe("outsideCallingHours");
    expect(gate.secondsToHours(0, 8 * H)).toBe(H);
    expect(gate.refusal(0, 9 * H)).toBeNull();
    expect(gate.refusal(0, 20 * H - 1)).toBeNull();
    // 20:00 on Tuesday: closed until Wednesday 09:00.
    expect(gate.refusal(0, 20 * H)).toBe("outsideCallingHours");
    expect(gate.secondsToHours(0, 20 * H)).toBe(13 * H);
    // Saturday 5 December 19:00: closed on Sunday, open Monday 09:00.
    expect(gate.refusal(0, 4 * DAY + 19 * H)).toBe("outsideCallingHours");
    expect(gate.secondsToHours(0, 4 * DAY + 19 * H)).toBe(38 * H);
    expect(gate.refusal(0, 4 * DAY + 10 * H)).toBeNull(); // Saturday's 10:00-19:00
  });

  it("reads the hours on the called party's clock, six hours behind Rome in New York", () => {
    const gate = new LeadGate(calledPartyHours(["", "America/New_York"]), 1);
    expect(gate.passesWhileOpen).toBe(false);
    expect(gate.hoursZoneOf?.(1)).toBe("America/New_York");
    // 09:00 in Rome is 03:00 in New York: the New York lead waits until 15:00 Rome time.
    expect(gate.refusal(0, 9 * H)).toBeNull();
    expect(gate.refusal(1, 9 * H)).toBe("outsideCallingHours");
    expect(gate.secondsToHours(1, 9 * H)).toBe(6 * H);
    expect(gate.refusal(1, 15 * H - 1)).toBe("outsideCallingHours");
    expect(gate.refusal(1, 15 * H)).toBeNull();
    // 20:00 in Rome is 14:00 in New York: open there, closed here.
    expect(gate.refusal(0, 20 * H)).toBe("outsideCallingHours");
    expect(gate.refusal(1, 20 * H)).toBeNull();
    expect(gate.refusal(1, DAY + 2 * H - 1)).toBeNull(); // 19:59:59 in New York
    expect(gate.refusal(1, DAY + 2 * H)).toBe("outsideCallingHours");
  });

  it("keeps the centre's clock for the hours unless the rules name the called party's", () => {
    const base = calledPartyHours(["", "America/New_York"]);
    const gate = new LeadGate({ ...base, rules: IT_GARANTE_2014 }, 1);
    expect(gate.timeZoneOf?.(1)).toBe("America/New_York");
    expect(gate.hoursZoneOf).toBeNull();
    expect(gate.refusal(1, 9 * H)).toBeNull();
  });

  it("refuses leads by their consent records, on the day of the call", () => {
    const registered: LeadConsent = { ...consented(START_DAY - 90), registeredDay: START_DAY - 60 };
    const webOnly: LeadConsent = { consents: [], registeredDay: null, sources: ["public-web"] };
    const scenario = makeScenario({
      leads: fileLeads([consented(START_DAY - 1), registered, webOnly, consented(START_DAY + 1)]),
    });
    const gate = new LeadGate(scenario, 1);
    expect(gate.passesWhileOpen).toBe(false);
    expect(gate.refusal(0, 10 * H)).toBeNull();
    expect(gate.refusal(1, 10 * H)).toBe("optedOut");
    expect(gate.refusal(2, 10 * H)).toBe("publicWebOnly");
    // Consent given tomorrow: none today, valid from tomorrow.
    expect(gate.refusal(3, 10 * H)).toBe("noConsent");
    expect(gate.refusal(3, DAY + 10 * H)).toBeNull();
    // Consent is checked before the hours.
    expect(gate.refusal(1, 3 * H)).toBe("optedOut");
  });

  it("draws generated leads' consent records from the seed's own stream", () => {
    const base = makeScenario();
    const mixed = (optedOut: number) =>
      makeScenario({
        leads: {
          kind: "count",
          count: 1000,
          consentMix: { optedOut, noConsent: 0, publicWebOnly: 0 },
        },
        calendar: base.calendar,
      });
    const refusals = (scenario: Scenario, seed: number) => {
      const gate = new LeadGate(scenario, seed);
      return Array.from({ length: 1000 }, (_, lead) => gate.refusal(lead, 10 * H));
    };
    expect(new Set(refusals(mixed(1), 1))).toEqual(new Set(["optedOut"]));
    const half = refusals(mixed(0.5), 1);
    const optedOut = half.filter((r) => r === "optedOut").length;
    expect(optedOut).toBeGreaterThan(430);
    expect(optedOut).toBeLessThan(570);
    expect(half.filter((r) => r !== "optedOut").every((r) => r === null)).toBe(true);
    expect(refusals(mixed(0.5), 1)).toEqual(half);
    expect(refusals(mixed(0.5), 2)).not.toEqual(half);
  });

  it("asks for the centre's zone when leads have zones of their own", () => {
    const scenario = calledPartyHours(["America/New_York"]);
    const withoutZone = { ...scenario, calendar: { ...scenario.calendar, timeZone: undefined } };
    expect(() => new LeadGate(withoutZone, 1)).toThrow(/calendar\.timeZone/);
  });
});
