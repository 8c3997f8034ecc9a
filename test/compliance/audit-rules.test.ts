/**
 * The audit on hand-built call records whose verdict is known, for each built-in rule set:
 * the ceiling exactly reached and one over, the cut-off's boundary millisecond, the last hour
 * of a lock-out, the UK same-day rule, calling hours, the minimum ring, and windows and scopes.
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import type { RuleSet } from "../../src/rules/rule-set.js";
import {
  amdHangup,
  auditRecs,
  connected,
  DAY,
  HOUR,
  plus,
  type Rec,
  silent,
  times,
  unanswered,
} from "./call-records.js";

const IT = BUILT_IN_RULE_SETS["it-garante-2014"];
const UK = BUILT_IN_RULE_SETS["uk-ofcom-2016"];
const US = BUILT_IN_RULE_SETS["us-tcpa"];

// 2026-12-02 is a Wednesday; a call every minute from 10:00 stays inside every rule set's hours.
const WED = "2026-12-02T10:00:00.000";
const minute = (i: number, from = WED) => plus(from, 60 * i);

const connectedCalls = (n: number, from = WED) => times(n, (i) => connected(minute(i, from)));
const silentCalls = (n: number, from = plus(WED, 4 * HOUR)) =>
  times(n, (i) => silent(minute(i, from)));

describe("the ceiling", () => {
  it("IT: 3 silent per 100 connected is within, 4 is over", async () => {
    const at = await auditRecs(IT, [...connectedCalls(100), ...silentCalls(3)]);
    expect(at.windows).toHaveLength(1);
    expect(at.windows[0]).toMatchObject({ silent: 3, connected: 100, per100: 3, within: true });
    expect(at.problems).toBe(0);
    const over = await auditRecs(IT, [...connectedCalls(100), ...silentCalls(4)]);
    expect(over.windows[0]).toMatchObject({ silent: 4, per100: 4, within: false });
    expect(over.windowsOver).toBe(1);
  });

  it("IT: both readings of the denominator, connected (strict) and answered", async () => {
    const recs = [...connectedCalls(97), ...silentCalls(3)];
    const strict = await auditRecs(IT, recs);
    expect(strict.windows[0].denominator).toBe(97);
    expect(strict.windows[0].within).toBe(false); // 3 / 97 > 3%
    const answered = await auditRecs({ ...IT, denominator: "answered" }, recs);
    expect(answered.windows[0]).toMatchObject({ denominator: 100, per100: 3, within: true });
  });

  it("UK and US: live answers are the denominator; at the ceiling within, one over not", async () => {
    for (const rules of [UK, US]) {
      const at = await auditRecs(rules, [...connectedCalls(97), ...silentCalls(3)]);
      expect(at.windows[0]).toMatchObject({ liveAnswers: 100, per100: 3, within: true });
      const over = await auditRecs(rules, [...connectedCalls(96), ...silentCalls(4)]);
      expect(over.windows[0]).toMatchObject({ per100: 4, within: false });
    }
  });

  it("counts an AMD false positive as silent when the rule set says so", async () => {
    const recs = [...connectedCalls(100), silent(plus(WED, 5 * HOUR), { amd: "machine", held: 2 })];
    expect((await auditRecs(IT, recs)).totals.silent).toBe(1);
    const notCounted: RuleSet = { ...IT, numerator: { ...IT.numerator, amdFalsePositives: false } };
    expect((await auditRecs(notCounted, recs)).totals.silent).toBe(0);
  });

  it("UK: adds the estimate of AMD false positives among AMD hang-ups of unknown truth", async () => {
    const recs = [
      ...connectedCalls(97),
      ...silentCalls(2),
      ...times(4, (i) => amdHangup(minute(i, plus(WED, 6 * HOUR)))),
    ];
    const plain = await auditRecs(UK, recs);
    expect(plain.windows[0]).toMatchObject({
      numerator: 2,
      denominator: 99,
      amdHangups: 4,
      within: true,
    });
    const estimated: RuleSet = {
      ...UK,
      numerator: { ...UK.numerator, amdFalsePositiveEstimatePercent: 50 },
    };
    const w = (await auditRecs(estimated, recs)).windows[0];
    expect(w).toMatchObject({ numerator: 4, denominator: 101, within: false });
  });

  it("UK: one window per calendar day; US: every 30 days; successive blocks when asked", async () => {
    const day2 = plus(WED, DAY);
    const uk = await auditRecs(UK, [
      ...connectedCalls(97),
      ...silentCalls(3),
      ...connectedCalls(10, day2),
      silent(plus(day2, HOUR)),
    ]);
    expect(uk.windows.map((w) => [w.from, w.within])).toEqual([
      ["2026-12-02", true],
      ["2026-12-03", false],
    ]);

    const dec1 = "2026-12-01T10:00:00.000";
    const dec25 = "2026-12-25T10:00:00.000";
    const jan3 = "2027-01-03T10:00:00.000";
    const recs: Rec[] = [
      ...connectedCalls(97, dec1),
      ...silentCalls(3, plus(dec1, HOUR * 4)),
      silent(dec25),
      ...connectedCalls(97, jan3),
      ...silentCalls(3, plus(jan3, HOUR * 4)),
    ];
    const rolling = await auditRecs(US, recs);
    expect(rolling.windows.map((w) => [w.from, w.to, w.within])).toEqual([
      ["2026-12-01", "2026-12-01", true],
      ["2026-12-01", "2026-12-25", false], // 4 / 101
      ["2026-12-05", "2027-01-03", false], // the Dec 25 call and Jan 3: 4 / 101
    ]);
    const blocks = await auditRecs({ ...US, window: "successive30Days" }, recs);
    expect(blocks.windows.map((w) => [w.from, w.to, w.within])).toEqual([
      ["2026-12-01", "2026-12-30", false],
      ["2026-12-31", "2027-01-29", true],
    ]);
  });

  it("counts per campaign or per call centre as the scope says", async () => {
    const recs = [
      ...connectedCalls(100).map((r) => ({ ...r, campaign: "a" })),
      ...silentCalls(2).map((r) => ({ ...r, campaign: "a" })),
      ...connectedCalls(50, plus(WED, 2 * HOUR)).map((r) => ({ ...r, campaign: "b" })),
      ...silentCalls(2, plus(WED, 5 * HOUR)).map((r) => ({ ...r, campaign: "b" })),
    ];
    const byCampaign = await auditRecs(IT, recs);
    expect(byCampaign.windows.map((w) => [w.scope, w.within])).toEqual([
      ["a", true],
      ["b", false],
    ]);
    const centre = await auditRecs({ ...IT, scope: "callCentre" }, recs);
    expect(centre.windows).toHaveLength(1);
    expect(centre.windows[0]).toMatchObject({ silent: 4, connected: 150, within: true });
  });
});

describe("the cut-off", () => {
  const cases: [string, RuleSet, number][] = [
    ["IT", IT, 3],
    ["UK", UK, 2],
    ["US", US, 2],
  ];
  for (const [name, rules, cutoff] of cases) {
    it(`${name}: a silent call held exactly ${cutoff}.000 s is within, ${cutoff}.001 s is over`, async () => {
      const within = await auditRecs(rules, [silent(WED, { held: cutoff })]);
      expect(within.violations.heldPastCutoff.count).toBe(0);
      const over = await auditRecs(rules, [silent(WED, { held: cutoff + 0.001 })]);
      expect(over.violations.heldPastCutoff.count).toBe(1);
      expect(over.violations.heldPastCutoff.listed[0]).toMatchObject({ line: 2 });
      expect(over.violations.heldPastCutoff.listed[0].detail).toContain(`${cutoff + 0.001}`);
    });
  }

  it("a call connected past the cut-off breaks it and counts as silent unless notConnected", async () => {
    const late = [...connectedCalls(99), connected(plus(WED, 5 * HOUR), { hold: 3.001 })];
    const strict = await auditRecs(IT, late);
    expect(strict.violations.heldPastCutoff.count).toBe(1);
    expect(strict.windows[0]).toMatchObject({ connected: 100, silent: 1 });
    const literal: RuleSet = { ...IT, numerator: { ...IT.numerator, counts: "notConnected" } };
    const lenient = await auditRecs(literal, late);
    expect(lenient.violations.heldPastCutoff.count).toBe(1);
    expect(lenient.windows[0].silent).toBe(0);
    const onTime = await auditRecs(IT, [connected(WED, { hold: 3 })]);
    expect(onTime.problems).toBe(0);
  });
});

describe("lock-outs", () => {
  const number = "+393331234567";
  const first = silent(WED, { number, held: 2 }); // ends 10:00:12 on Wednesday
  /** Calls that broke a rule (a lone silent call also puts its window over the ceiling). */
  const broken = (r: { problems: number; windowsOver: number }) => r.problems - r.windowsOver;
  const recall = (seconds: number, reserved: "" | "true" | "false", hold = 0.2) =>
    connected(plus(first.end, seconds), { number, reserved, hold });

  it("IT: a call 4 days 23 hours after a silent call is a violation, even with an agent", async () => {
    const r = await auditRecs(IT, [first, recall(4 * DAY + 23 * HOUR, "true")]);
    expect(r.violations.recontactInsideLockout.count).toBe(1);
    expect(r.violations.recontactInsideLockout.listed[0]).toMatchObject({
      line: 3,
      relatedLine: 2,
    });
  });

  it("IT: 5 days later it is allowed, but only with an agent guaranteed", async () => {
    const ok = await auditRecs(IT, [first, recall(5 * DAY, "true")]);
    expect(broken(ok)).toBe(0);
    const noAgent = await auditRecs(IT, [first, recall(5 * DAY, "false")]);
    expect(noAgent.violations.recontactWithoutAgent.count).toBe(1);
    // Only the first call after the lock-out needs the agent.
    const third = connected(plus(first.end, 6 * DAY), { number, reserved: "false" });
    const later = await auditRecs(IT, [first, recall(5 * DAY, "true"), third]);
    expect(broken(later)).toBe(0);
  });

  it("IT: without reservation records, an agent taking the call within 1 s counts as guaranteed", async () => {
    expect(broken(await auditRecs(IT, [first, recall(5 * DAY, "", 0.999)]))).toBe(0);
    const held = await auditRecs(IT, [first, recall(5 * DAY, "", 1)]);
    expect(held.violations.recontactWithoutAgent.count).toBe(1);
    // An unanswered recontact cannot show an agent was held for it.
    const rang = unanswered(plus(first.end, 5 * DAY), { number });
    expect((await auditRecs(IT, [first, rang])).violations.recontactWithoutAgent.count).toBe(1);
  });

  it("UK: within 71 hours only with an agent guaranteed; from 72 hours freely", async () => {
    const without = await auditRecs(UK, [first, recall(71 * HOUR, "false")]);
    expect(without.violations.recontactWithoutAgent.count).toBe(1);
    const withAgent = await auditRecs(UK, [first, recall(71 * HOUR, "true")]);
    expect(broken(withAgent)).toBe(0);
    const later = await auditRecs(UK, [first, recall(72 * HOUR, "false")]);
    expect(broken(later)).toBe(0);
  });

  it("UK: no same-day call after an AMD hang-up without an agent; the next day is free", async () => {
    const hangup = amdHangup(WED, { number });
    const sameDay = connected(plus(WED, 4 * HOUR), { number, reserved: "false" });
    const r = await auditRecs(UK, [hangup, sameDay]);
    expect(r.violations.sameDayAfterAmdHangup.count).toBe(1);
    expect(r.violations.sameDayAfterAmdHangup.listed[0].relatedLine).toBe(2);
    const guaranteed = connected(plus(WED, 4 * HOUR), { number, reserved: "true" });
    expect(broken(await auditRecs(UK, [hangup, guaranteed]))).toBe(0);
    const nextDay = connected(plus(WED, DAY), { number, reserved: "false" });
    expect(broken(await auditRecs(UK, [hangup, nextDay]))).toBe(0);
    // Italy has no such rule.
    expect(broken(await auditRecs(IT, [hangup, sameDay]))).toBe(0);
  });

  it("US: no lock-out at all", async () => {
    expect(broken(await auditRecs(US, [first, recall(60, "false")]))).toBe(0);
  });
});

describe("calling hours and the minimum ring", () => {
  const at = (t: string) => unanswered(t, { ring: 25 });

  it("IT: weekdays 09:00-20:00, Saturdays 10:00-19:00, never Sundays or holidays", async () => {
    const recs = [
      at("2026-12-02T08:59:59.999"), // Wednesday, early: out
      at("2026-12-02T09:00:00.000"), // in
      at("2026-12-02T19:59:59.999"), // in
      at("2026-12-02T20:00:00.000"), // out
      at("2026-12-05T09:30:00.000"), // Saturday, early: out
      at("2026-12-05T10:00:00.000"), // in
      at("2026-12-06T12:00:00.000"), // Sunday: out
      at("2026-12-07T19:30:00.000"), // Monday before the 8 December holiday: out
      at("2026-12-08T12:00:00.000"), // holiday: out
    ];
    const r = await auditRecs(IT, recs, { holidays: ["2026-12-08"] });
    expect(r.violations.outsideCallingHours.listed.map((v) => v.line)).toEqual([2, 5, 6, 8, 9, 10]);
    // Without the holiday list, 7 and 8 December are ordinary weekdays.
    const plain = await auditRecs(IT, recs);
    expect(plain.violations.outsideCallingHours.count).toBe(4);
  });

  it("US: 08:00-21:00 every day, Sundays included", async () => {
    const r = await auditRecs(US, [
      at("2026-12-06T08:00:00.000"),
      at("2026-12-06T20:59:59.999"),
      at("2026-12-06T21:00:00.000"),
      at("2026-12-06T07:59:59.000"),
    ]);
    expect(r.violations.outsideCallingHours.listed.map((v) => v.line)).toEqual([4, 5]);
  });

  it("UK and US: an unanswered call given up before 15 s is a violation; Italy sets no minimum", async () => {
    for (const rules of [UK, US]) {
      const r = await auditRecs(rules, [
        unanswered(WED, { ring: 14.999 }),
        unanswered(plus(WED, 60), { ring: 15 }),
      ]);
      expect(r.violations.shortRing.listed.map((v) => v.line)).toEqual([2]);
    }
    expect((await auditRecs(IT, [unanswered(WED, { ring: 2 })])).problems).toBe(0);
  });
});
