/**
 * Rows the records get wrong about themselves: an exact duplicate row is reported and counted
 * once (a duplicated silent call must not raise the silent count), and a call to a number placed
 * while an earlier call to it was still going on is reported, not passed over as a recontact.
 */
import { describe, expect, it } from "vitest";
import { numberKey } from "../../src/compliance/repeated-calls.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import {
  auditRecs,
  auditRun,
  connected,
  HOUR,
  plus,
  type Rec,
  silent,
  times,
  toCsv,
  unanswered,
} from "./call-records.js";

const IT = BUILT_IN_RULE_SETS["it-garante-2014"];
const WED = "2026-12-02T10:00:00.000";
const minute = (i: number, from = WED) => plus(from, 60 * i);
const NUMBER = "+393331234567";

/** 100 connected calls, then 3 silent ones from 14:00 (on lines 102 to 104). */
function atTheCeiling(): Rec[] {
  return [
    ...times(100, (i) => connected(minute(i))),
    ...times(3, (i) => silent(minute(i, plus(WED, 4 * HOUR)), { number: `${NUMBER}${i}` })),
  ];
}

describe("duplicate rows", () => {
  it("counts a duplicated silent call once and reports the duplicate with the line it repeats", async () => {
    const recs = atTheCeiling();
    const r = await auditRecs(IT, [...recs.slice(0, 102), recs[101], ...recs.slice(102)]);
    // Counted twice, 4 silent per 100 connected would be over the ceiling of 3.
    expect(r.totals).toMatchObject({ attempts: 103, connected: 100, silent: 3 });
    expect(r.rows).toBe(103);
    expect(r.windows[0]).toMatchObject({ per100: 3, within: true });
    expect(r.findings.duplicateRow.count).toBe(1);
    expect(r.findings.duplicateRow.listed[0]).toMatchObject({
      kind: "duplicateRow",
      line: 104,
      relatedLine: 103,
      number: `${NUMBER}1`,
    });
    expect(r.findings.overlappingCall.count).toBe(0);
    expect(r.problems).toBe(0);
  });

  it("finds a duplicate anywhere within the day the rows may run back (a day's export appended twice)", async () => {
    const day = times(30, (i) => unanswered(minute(i), { number: `${NUMBER}${i}` }));
    const r = await auditRecs(IT, [...day, ...day]);
    expect(r.rows).toBe(30);
    expect(r.findings.duplicateRow.count).toBe(30);
    expect(r.findings.duplicateRow.listed.map((f) => [f.line, f.relatedLine])[0]).toEqual([32, 2]);
  });

  it("does not take two calls to one number at different times, or in different campaigns, for duplicates", async () => {
    const a = unanswered(WED, { number: NUMBER });
    const r = await auditRecs(IT, [
      a,
      unanswered(plus(WED, HOUR), { number: NUMBER }),
      { ...a, campaign: "other" },
    ]);
    expect(r.findings.duplicateRow.count).toBe(0);
    // The same time in another campaign is the same number called twice at once.
    expect(r.findings.overlappingCall.count).toBe(1);
    expect(r.campaigns).toBe(2);
  });
});

describe("overlapping calls to one number", () => {
  it("flags a second call placed while a silent call to the number was going on", async () => {
    // The silent call rings 10 s, is held 3 s: 10:00:00 to 10:00:13. The second call starts at 10:00:05.
    const r = await auditRecs(IT, [
      silent(WED, { number: NUMBER }),
      connected(plus(WED, 5), { number: NUMBER }),
      connected(plus(WED, HOUR), { number: "+39333999" }),
    ]);
    expect(r.findings.overlappingCall.count).toBe(1);
    const f = r.findings.overlappingCall.listed[0];
    expect(f).toMatchObject({ line: 3, relatedLine: 2, number: NUMBER });
    expect(f.detail).toContain("2026-12-02T10:00:00.000 to 2026-12-02T10:00:13.000");
    // Audited as written: both calls count.
    expect(r.totals).toMatchObject({ attempts: 3, silent: 1, connected: 2 });
    expect(r.findings.duplicateRow.count).toBe(0);
  });

  it("does not flag calls one after the other, even back to back", async () => {
    const first = unanswered(WED, { number: NUMBER, ring: 25 });
    const r = await auditRecs(IT, [first, unanswered(first.end, { number: NUMBER })]);
    expect(r.findings.overlappingCall.count).toBe(0);
  });

  it("finds the overlap in a file sorted by end time too", async () => {
    // A long call to the number, then (by end time) a short call to another number placed
    // after the first ended, then the overlapping call, which ends last.
    const long = connected(WED, { number: NUMBER }); // 10:00:00 to 10:02:10.5
    const other = unanswered(plus(WED, 140), { number: "+39333999", ring: 5 });
    const overlapping = connected(plus(WED, 100), { number: NUMBER });
    const r = await auditRecs(IT, [long, other, overlapping]);
    expect(r.findings.overlappingCall.listed.map((f) => [f.line, f.relatedLine])).toEqual([[4, 2]]);
  });
});

describe("the verdict says what it judged", () => {
  it("counts the calls and campaigns audited, a duplicate not among them", async () => {
    const recs = [
      connected(WED, { campaign: "a" }),
      connected(plus(WED, 60), { campaign: "b" }),
      connected(plus(WED, 120), { campaign: "b" }),
    ];
    const text = toCsv(recs);
    const duplicated = `${text}${text.split("\n")[3]}\n`;
    const run = await auditRun(IT, duplicated);
    expect(run.result).toMatchObject({ rows: 3, campaigns: 2 });
    expect(run.result.findings.duplicateRow.count).toBe(1);
  });
});

describe("keeping memory bounded", () => {
  it("tells every phone number apart in its compact key", () => {
    const texts = ["39", "+39", "039", "0039", "+039", "390", "3", "+3", "0", "+0", "00"];
    const keys = texts.map(numberKey);
    expect(new Set(keys).size).toBe(texts.length);
    expect(numberKey("+393331234567")).toBeTypeOf("number");
    // Not E.164: kept as written.
    expect(numberKey("+39 333 1234567")).toBe("+39 333 1234567");
    expect(numberKey("1234567890123456")).toBe("1234567890123456");
    expect(numberKey("")).toBe("");
  });

  it("still finds repeats after the ring has grown and forgotten numbers were swept", async () => {
    // 70,000 calls over two days (more than a sweep's period), then a repeat of the last ones.
    const n = 70_000;
    const from = "2026-12-02T09:00:00.000";
    const recs = times(n, (i) => unanswered(plus(from, i * 2), { number: `+3933${i}` }));
    const r = await auditRecs(IT, [
      ...recs,
      recs[n - 1],
      unanswered(recs[n - 2].start, { number: recs[n - 2].number, ring: 40 }),
    ]);
    expect(r.rows).toBe(n + 1);
    expect(r.findings.duplicateRow.listed.map((f) => [f.line, f.relatedLine])).toEqual([
      [n + 2, n + 1],
    ]);
    expect(r.findings.overlappingCall.listed.map((f) => [f.line, f.relatedLine])).toEqual([
      [n + 3, n],
    ]);
  });
});
