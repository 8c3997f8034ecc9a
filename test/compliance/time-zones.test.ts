/**
 * Calling hours on the called party's clock: the zone arithmetic of local-time.ts, the consent
 * gate asked with a lead's local time, and the audit reading a row's `time_zone`.
 */
import { describe, expect, it } from "vitest";
import {
  clockShiftSeconds,
  isTimeZone,
  parseLocalTimestamp,
  realSpanUs,
  SECOND_US,
  wallAfterUs,
} from "../../src/calendar/local-time.js";
import { ASSUMED_CONSENT } from "../../src/consent/consent-record.js";
import { consentGate, nextCallingTime } from "../../src/consent/gate.js";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import { auditRecs, auditRun, connected, DAY, HEADER, HOUR, plus, silent } from "./call-records.js";

const US = BUILT_IN_RULE_SETS["us-tcpa"];
const IT = BUILT_IN_RULE_SETS["it-garante-2014"];
const UK = BUILT_IN_RULE_SETS["uk-ofcom-2016"];
/** Seconds since 1970 of a wall-clock time as written. */
const wall = (t: string) => parseLocalTimestamp(t) / SECOND_US;

describe("clock shifts between time zones", () => {
  it("knows IANA zones and nothing else", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    for (const bad of ["", "Mars/Olympus_Mons", " Europe/Rome", "+01:00"]) {
      expect([bad, isTimeZone(bad)]).toEqual([bad, false]);
    }
  });

  it("shifts by the offsets of the day, daylight saving and quarter hours included", () => {
    const at = (t: string, from: string, to: string) => clockShiftSeconds(from, to, wall(t)) / HOUR;
    expect(at("2026-12-01T09:00:00", "America/New_York", "America/Los_Angeles")).toBe(-3);
    expect(at("2026-12-01T09:00:00", "Europe/Rome", "Europe/Rome")).toBe(0);
    // The US is on summer time from 8 March, the UK only from 29 March.
    expect(at("2026-03-10T09:00:00", "Europe/London", "America/New_York")).toBe(-4);
    expect(at("2026-04-10T09:00:00", "Europe/London", "America/New_York")).toBe(-5);
    expect(at("2026-07-10T09:00:00", "Europe/London", "Asia/Kathmandu")).toBe(4.75);
    // Both ways, the same instant.
    const t = wall("2026-11-01T01:30:00"); // New York falls back at 02:00 that night
    const there = clockShiftSeconds("America/New_York", "Europe/Rome", t);
    expect(clockShiftSeconds("Europe/Rome", "America/New_York", t + there)).toBe(-there);
  });
});

describe("real time on a wall clock", () => {
  const us = (t: string) => parseLocalTimestamp(t);
  const H = HOUR * SECOND_US;

  it("counts the hour a daylight-saving change adds or takes away", () => {
    // Rome springs forward on 29 March 2026 and falls back on 25 October.
    const span = (a: string, b: string, zone = "Europe/Rome") => realSpanUs(zone, us(a), us(b)) / H;
    expect(span("2026-03-28T10:00:00", "2026-03-29T10:00:00")).toBe(23);
    expect(span("2026-10-24T10:00:00", "2026-10-25T10:00:00")).toBe(25);
    expect(span("2026-12-01T10:00:00", "2026-12-02T10:00:00")).toBe(24);
    expect(span("2026-03-28T10:00:00", "2026-03-29T10:00:00", "UTC")).toBe(24);
    expect(span("2026-03-29T10:00:00.250", "2026-03-29T10:00:03.500")).toBe(3.25 / HOUR);
  });

  it("finds the wall-clock time a real span after another, the inverse of the span", () => {
    const later = (t: string, hours: number) => wallAfterUs("Europe/Rome", us(t), hours * H);
    expect(later("2026-03-27T10:00:12", 120)).toBe(us("2026-04-01T11:00:12"));
    expect(later("2026-10-23T10:00:12", 120)).toBe(us("2026-10-28T09:00:12"));
    expect(later("2026-12-01T10:00:00", 72)).toBe(us("2026-12-04T10:00:00"));
    const from = us("2026-03-26T18:30:00.125");
    expect(realSpanUs("Europe/Rome", from, wallAfterUs("Europe/Rome", from, 100 * H))).toBe(
      100 * H,
    );
  });
});

describe("lock-outs across a daylight-saving change", () => {
  const number = "+393331234567";

  it("IT: a call 5 days later by the clocks but 4 days 23.5 hours in real time is inside", async () => {
    // Silent call ends Friday 27 March 10:00:13; Rome's clocks go forward on the Sunday.
    const first = silent("2026-03-27T10:00:00.000", { number, held: 3 });
    const recall = connected(plus(first.end, 5 * DAY + 30 * 60), { number, reserved: "true" });
    const rome = await auditRecs(IT, [first, recall], { timeZone: "Europe/Rome" });
    expect(rome.violations.recontactInsideLockout.count).toBe(1);
    expect(rome.violations.recontactInsideLockout.listed[0].detail).toBe(
      "119.50 h after a silent call, inside the 120.00 h lock-out",
    );
    // Read as written (no zone), the clocks' 120.5 h are past the lock-out.
    const asWritten = await auditRecs(IT, [first, recall]);
    expect(asWritten.violations.recontactInsideLockout.count).toBe(0);
  });

  it("UK: a call 71.5 hours later by the clocks but 72.5 in real time needs no agent", async () => {
    // London's clocks go back on Sunday 25 October 2026.
    const first = silent("2026-10-23T10:00:00.000", { number, held: 2 });
    const recall = connected(plus(first.end, 71.5 * HOUR), { number, reserved: "false" });
    const london = await auditRecs(UK, [first, recall], { timeZone: "Europe/London" });
    expect(london.violations.recontactWithoutAgent.count).toBe(0);
    const asWritten = await auditRecs(UK, [first, recall]);
    expect(asWritten.violations.recontactWithoutAgent.count).toBe(1);
    expect(asWritten.violations.recontactWithoutAgent.listed[0].detail).toContain("71.50 h after");
  });
});

describe("the gate on the called party's clock", () => {
  const rules = { callingHours: US.callingHours, holidays: [] };
  const gate = consentGate(rules);
  const centre = wall("2026-12-01T10:59:59");
  const la = (t: number) => t + clockShiftSeconds("America/New_York", "America/Los_Angeles", t);

  it("refuses a lead outside its own hours and lets it through inside them", () => {
    // 10:59:59 in New York is 07:59:59 in Los Angeles; a second later it is 08:00:00.
    expect(gate(ASSUMED_CONSENT, "operator", centre)).toEqual({ ok: true });
    expect(gate(ASSUMED_CONSENT, "operator", centre, la(centre))).toEqual({
      ok: false,
      reason: "outsideCallingHours",
    });
    expect(gate(ASSUMED_CONSENT, "operator", centre + 1, la(centre + 1))).toEqual({ ok: true });
  });

  it("finds when the hours open next, on the same clock", () => {
    const next = nextCallingTime(rules);
    expect(next(la(centre))).toBe(wall("2026-12-01T08:00:00"));
    expect(next(wall("2026-12-01T12:00:00"))).toBe(wall("2026-12-01T12:00:00"));
    expect(next(wall("2026-12-01T21:00:00"))).toBe(wall("2026-12-02T08:00:00"));
    const closed = nextCallingTime({
      callingHours: { ...US.callingHours, weekday: [], saturday: [], sunday: [] },
      holidays: [],
    });
    expect(closed(centre)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("the audit on the called party's clock", () => {
  // A call placed at 10:30 in New York: 07:30 in Los Angeles, 09:30 in Chicago.
  const row = (zone: string, start = "2026-12-01T10:30:00.000") =>
    `test,+15550001,${start},,,${plus(start, 25)},no-answer,,false,${zone}`;
  const csv = (...rows: string[]) => [`${HEADER},time_zone`, ...rows].join("\n");
  const NEW_YORK = { timeZone: "America/New_York" };

  it("flags a call outside the called party's hours, not one inside them", async () => {
    const run = await auditRun(
      US,
      csv(row("America/Los_Angeles"), row("America/Chicago"), row("")),
      NEW_YORK,
    );
    const v = run.result.violations.outsideCallingHours;
    expect(v.count).toBe(1);
    expect(v.listed[0]).toMatchObject({ line: 2 });
    expect(v.listed[0].detail).toBe(
      "placed outside the calling hours of a weekday (08:00-21:00): 2026-12-01T07:30:00.000 in America/Los_Angeles",
    );
    // The last second before 08:00 in Los Angeles, and 08:00 itself.
    const edge = await auditRun(
      US,
      csv(
        row("America/Los_Angeles", "2026-12-01T10:59:59.000"),
        row("America/Los_Angeles", "2026-12-01T11:00:00.000"),
      ),
      NEW_YORK,
    );
    expect(edge.result.violations.outsideCallingHours.listed.map((x) => x.line)).toEqual([2]);
  });

  it("reads times as written under a rule set on the centre's clock", async () => {
    const uk = BUILT_IN_RULE_SETS["uk-ofcom-2016"];
    const run = await auditRun(uk, csv(row("America/Los_Angeles")), NEW_YORK);
    expect(run.result.violations.outsideCallingHours.count).toBe(0);
  });

  it("rejects a zone it does not know, and a zone without the records' own", async () => {
    const bad = await auditRun(US, csv(row("Mars/Base")), NEW_YORK).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ScenarioError);
    expect((bad as ScenarioError).message).toBe(
      'calls.csv:2: time_zone: expected an IANA time zone such as Europe/Rome or America/New_York, or an empty field, got "Mars/Base"',
    );
    const blind = await auditRun(US, csv(row("America/Chicago"))).catch((e: unknown) => e);
    expect(blind).toBeInstanceOf(ScenarioError);
    expect((blind as ScenarioError).message).toContain(
      "calls.csv:2: time_zone: expected an empty field, unless the audit is told the time zone the records are written in (--time-zone)",
    );
  });
});
