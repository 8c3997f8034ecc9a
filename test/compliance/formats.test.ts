/**
 * The three call-record formats on small hand-written samples, and bad input: every bad row is
 * rejected with its line number and column, never skipped.
 */
import { describe, expect, it } from "vitest";
import { parseLocalTimestamp } from "../../src/calendar/local-time.js";
import { Audit } from "../../src/compliance/audit.js";
import {
  auditChunks,
  auditText,
  MAX_LINE_LENGTH,
  MAX_PROBLEM_ROWS,
} from "../../src/compliance/audit-file.js";
import { CALL_FORMATS, type CallFormatName } from "../../src/compliance/formats/call-formats.js";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import { connected, HEADER, toCsv } from "./call-records.js";

const IT = BUILT_IN_RULE_SETS["it-garante-2014"];

function audit(text: string, format: CallFormatName = "pacelab", rules = IT) {
  return auditText(text, "calls.csv", new Audit(rules), CALL_FORMATS[format]);
}

async function errorOf(text: string, format: CallFormatName = "pacelab"): Promise<ScenarioError> {
  try {
    await audit(text, format);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error("expected a ScenarioError");
}

describe("reading lines and fields", () => {
  it("reports a line too long to be a call record instead of holding it in memory", async () => {
    const long = "x".repeat(MAX_LINE_LENGTH + 1);
    const pieces = Array.from({ length: 14 }, (_, i) => long.slice(i * 5000, (i + 1) * 5000));
    for (const parts of [[`${HEADER}\n${long}\n${long}`], [`${HEADER}\n`, ...pieces]]) {
      const audit = new Audit(IT);
      const e = await auditChunks("calls.csv", parts, audit, CALL_FORMATS.pacelab).catch((x) => x);
      expect(e).toBeInstanceOf(ScenarioError);
      expect(e.message).toBe(
        `calls.csv:2: expected a line of at most ${MAX_LINE_LENGTH} characters, got a longer one (is this a call-record CSV?)\ncalls.csv: stopped reading at line 2`,
      );
    }
  });

  it("parses local timestamps exactly, to the microsecond, and nothing else", () => {
    const t = parseLocalTimestamp("2026-12-01T09:00:03.250");
    expect(t - parseLocalTimestamp("2026-12-01 09:00:00")).toBe(3_250_000);
    expect(parseLocalTimestamp("2026-12-01T09:00:03.000001") - t).toBe(-249_999);
    expect(parseLocalTimestamp("2024-02-29T00:00:00")).toBe(Date.UTC(2024, 1, 29) * 1000);
    for (const bad of [
      "2026-02-29T00:00:00", // not a leap year
      "2026-12-01T24:00:00",
      "2026-12-01T09:60:00",
      "2026-12-01T09:00:00Z", // a time zone
      "2026-12-01T09:00:00+01:00",
      "2026-12-01T09:00:00.1234567",
      "2026-12-01T09:00:00.",
      "2026-13-01T09:00:00",
      "1969-12-31T23:59:59",
      "2026-12-01",
      "",
      "x026-12-01T09:00:00",
    ]) {
      expect(Number.isNaN(parseLocalTimestamp(bad)), bad).toBe(true);
    }
  });
});

describe("pacelab format", () => {
  it("reads the documented columns and ignores others, in any order", async () => {
    const text = [
      "extra,amd_verdict,outcome,end,agent_connect,answer,start,number,campaign",
      "x,,person,2026-12-02T10:02:00.000,2026-12-02T10:00:11.000,2026-12-02T10:00:10.000,2026-12-02T10:00:00.000,+39333,c1",
      "y,,no-answer,2026-12-02T10:00:25.000,,,2026-12-02T10:00:00.000,+39334,c1",
    ].join("\n");
    const run = await audit(text);
    expect(run.result.rows).toBe(2);
    expect(run.result.totals).toMatchObject({ attempts: 2, liveAnswers: 1, connected: 1 });
  });

  it("counts a live run's late answer hung up with no agent as silent, whatever its result name", async () => {
    // calls.csv of a live run: the 200 crossed the CANCEL and no agent was free.
    const text = [
      "campaign,call_id,number,attempt,start,answer,agent_connect,end,outcome,amd_verdict,result",
      "c1,7,+39333,1,2026-12-02T10:00:00.000,2026-12-02T10:00:10.000,,2026-12-02T10:00:10.020,person,,silent-answer-after-cancel",
    ].join("\n");
    const run = await audit(text);
    expect(run.result.totals).toMatchObject({
      attempts: 1,
      liveAnswers: 1,
      connected: 0,
      silent: 1,
    });
  });

  it("rejects bad rows with their line and column, whatever else is right", async () => {
    const good = toCsv([connected("2026-12-02T10:00:00.000")]).split("\n")[1];
    const rows = [
      HEADER, // 1
      good, // 2
      good.replace("2026-12-02T10:00:00.000", "2026-12-02 25:00"), // 3: start
      "", // 4: blank, reported as not audited
      good.replace(",person,", ",human,"), // 5: outcome
      toCsv([
        { start: "2026-12-02T10:00:00.000", end: "2026-12-02T10:01:00.000", outcome: "person" },
      ]).split("\n")[1], // 6: no answer
      "a,b,c", // 7: field count
      `${good.slice(0, -1)}"maybe`, // 8: quoting
    ];
    // The first bad row in full, the others counted.
    const e = await errorOf(rows.join("\n"));
    expect(e.message).toBe(
      [
        'calls.csv:3: start: expected a local timestamp YYYY-MM-DDTHH:MM:SS with optional fraction (up to 6 digits), no time zone, got "2026-12-02 25:00"',
        "calls.csv: and 4 more rows with problems (lines 5 to 8)",
      ].join("\n"),
    );
    // Each on its own, with its line and column.
    const alone = async (bad: string) =>
      (await errorOf([HEADER, good, bad].join("\n"))).issues.map((i) => [i.line, i.keyPath]);
    expect(await alone(rows[4])).toEqual([[3, "outcome"]]);
    expect(await alone(rows[5])).toEqual([[3, "answer"]]);
    expect(await alone(rows[6])).toEqual([[3, ""]]);
    expect(await alone(rows[7])).toEqual([[3, ""]]);
    expect((await errorOf([HEADER, rows[4]].join("\n"))).message).toBe(
      'calls.csv:2: outcome: expected one of person, machine, busy, no-answer, invalid, got "human"',
    );
    expect((await errorOf([HEADER, good, rows[6], good].join("\n"))).message).toBe(
      "calls.csv:3: expected 9 fields as in the header, got 3",
    );
  });

  it("rejects events out of order and answers that the outcome denies", async () => {
    const base = connected("2026-12-02T10:00:00.000");
    const cases: [Record<string, string>, string][] = [
      [{ connect: "2026-12-02T10:00:09.000" }, "agent_connect"], // before the answer
      [{ end: "2026-12-02T09:59:00.000" }, "end"],
      [{ answer: "2026-12-02T09:59:59.000" }, "answer"], // before the start
      [{ outcome: "busy" }, "answer"], // a busy call with an answer
      [{ reserved: "yes" }, "agent_reserved"],
      [{ amd: "robot" }, "amd_verdict"],
      [{ campaign: " " }, "campaign"],
    ];
    for (const [change, key] of cases) {
      const e = await errorOf(toCsv([{ ...base, ...change } as typeof base]));
      expect(
        e.issues.map((i) => [i.line, i.keyPath]),
        key,
      ).toEqual([[2, key]]);
    }
  });

  it("requires the header's columns and a header at all", async () => {
    const missing = await errorOf("campaign,number,start\n");
    expect(missing.message).toContain(
      "calls.csv:1: expected a header row naming campaign, number, start, answer",
    );
    expect(missing.message).toContain("no answer, agent_connect, end, outcome, amd_verdict");
    expect((await errorOf("")).message).toBe(
      "calls.csv:1: expected a header row (format pacelab), got an empty file",
    );
  });

  it("shows the first bad row and counts the rest, instead of printing every one", async () => {
    const twenty = Array.from({ length: 20 }, () => "a,b,c");
    const e = await errorOf([HEADER, ...twenty].join("\n"));
    expect(e.issues).toHaveLength(1);
    expect(e.message).toBe(
      [
        "calls.csv:2: expected 9 fields as in the header, got 3",
        "calls.csv: and 19 more rows with problems (lines 3 to 21)",
      ].join("\n"),
    );
  });

  it(`stops reading after ${MAX_PROBLEM_ROWS} bad rows and says so`, async () => {
    const bad = Array.from({ length: MAX_PROBLEM_ROWS + 500 }, () => "a,b,c");
    const e = await errorOf([HEADER, ...bad].join("\n"));
    expect(e.message.split("\n").slice(1)).toEqual([
      `calls.csv: and 999 more rows with problems (lines 3 to ${MAX_PROBLEM_ROWS + 1})`,
      `calls.csv: stopped reading at line ${MAX_PROBLEM_ROWS + 1} after 1,000 rows with problems (the rest was not checked)`,
    ]);
  });

  it("reports a wrong header once, not again on the first row, and names the format it fits", async () => {
    const header = HEADER.replace("number", "numbr");
    const row = toCsv([connected("2026-12-02T10:00:00.000")]).split("\n")[1];
    const e = await errorOf([header, row, row].join("\n"));
    expect(e.message).toBe(
      `calls.csv:1: expected a header row naming campaign, number, start, answer, agent_connect, end, outcome, amd_verdict, got no number in ${header
        .split(",")
        .map((h) => JSON.stringify(h))
        .join(",")}`,
    );
    // pacelab's calls.csv read as VICIdial's log: the header, once, and the way out.
    const wrong = await errorOf(
      toCsv(
        Array.from({ length: 20 }, (_, i) => connected(`2026-12-02T10:${String(10 + i)}:00.000`)),
      ),
      "vicidial",
    );
    const lines = wrong.message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^calls\.csv:1: expected a header row naming campaign_id, phone_number, call_date, length_in_sec, status, got no campaign_id/,
    );
    expect(lines[1]).toBe(
      "calls.csv: line 1 is the header of format pacelab: try --format pacelab",
    );
  });

  it("refuses records without a call attempt: a header alone is no evidence of compliance", async () => {
    expect((await errorOf(`${HEADER}\n`)).message).toBe(
      "calls.csv: expected at least one call attempt (format pacelab), got no call records in 1 line (a header only)",
    );
    expect((await errorOf(`${HEADER}\n\n\n`)).message).toBe(
      "calls.csv: expected at least one call attempt (format pacelab), got no call records in 3 lines (blank line: 2)",
    );
    expect((await errorOf("", "asterisk")).message).toBe(
      "calls.csv: expected at least one call attempt (format asterisk), got no call records: an empty file",
    );
  });

  it("rejects rows more than a day out of time order", async () => {
    const e = await errorOf(
      toCsv([connected("2026-12-03T10:00:00.000"), connected("2026-12-02T09:59:59.000")]),
    );
    expect(e.issues[0]).toMatchObject({ line: 3, keyPath: "start" });
    expect(e.message).toContain("sort the file by start time");
    // Within a day is fine (a file sorted by end time).
    const run = await audit(
      toCsv([connected("2026-12-03T10:00:00.000"), connected("2026-12-02T10:00:01.000")]),
    );
    expect(run.result.rows).toBe(2);
  });
});

describe("vicidial format", () => {
  const header =
    "uniqueid,lead_id,list_id,campaign_id,call_date,start_epoch,end_epoch,length_in_sec,status,phone_code,phone_number,user,comments,processed,user_group,term_reason,alt_dial,called_count";
  const row = (date: string, length: number, status: string, phone: string) =>
    `1.1,1,1000,SALESA,${date},0,0,${length},${status},39,${phone},VDAD,,N,,NONE,MAIN,1`;
  const sample = [
    header,
    row("2026-12-02 10:00:10", 185, "SALE", "3331110001"), // an agent talked to a person
    row("2026-12-02 10:00:20", 3, "DROP", "3331110002"), // dropped at 3 s: silent, within
    row("2026-12-02 10:00:30", 4, "DROP", "3331110003"), // dropped at 4 s: past the cut-off
    row("2026-12-02 10:00:40", 2, "AA", "3331110004"), // AMD hang-up
    row("2026-12-02 10:01:00", 0, "NA", "3331110005"),
    row("2026-12-02 10:01:10", 0, "B", "3331110006"),
    row("2026-12-02 10:01:20", 0, "DC", "3331110007"),
    row("2026-12-02 10:01:30", 60, "XDROP", "3331110008"), // inbound: not audited
    row("2026-12-02 10:01:40", 30, "NI", "3331110009"), // an agent's disposition
  ].join("\n");

  it("maps statuses: agent dispositions, drops, AMD, unanswered, and inbound ones left out", async () => {
    const run = await audit(sample, "vicidial");
    expect(run.excluded).toEqual({ "status XDROP": 1 });
    expect(run.result.rows).toBe(8);
    expect(run.result.totals).toEqual({
      attempts: 8,
      liveAnswers: 4,
      connected: 2,
      silent: 2,
      amdHangups: 1,
    });
    expect(run.result.violations.heldPastCutoff.listed.map((v) => v.line)).toEqual([4]);
  });

  it("reads a tab-separated export (mysql --batch) the same way", async () => {
    const tsv = sample.replaceAll(",", "\t");
    const run = await audit(tsv, "vicidial");
    expect(run.result.totals).toEqual((await audit(sample, "vicidial")).result.totals);
  });

  it("rejects a call still in progress and a bad length, with their lines", async () => {
    const e = await errorOf(
      [
        header,
        row("2026-12-02 10:00:10", 0, "INCALL", "1"),
        row("2026-12-02 10:00:10", -1, "SALE", "2"),
      ].join("\n"),
      "vicidial",
    );
    expect(e.issues.map((i) => [i.line, i.keyPath])).toEqual([[2, "status"]]);
    expect(e.message).toContain("INCALL (the call had not ended)");
    expect(e.message).toContain("calls.csv: and 1 more row with a problem (line 3)");
    const length = await errorOf(
      [header, row("2026-12-02 10:00:10", -1, "SALE", "2")].join("\n"),
      "vicidial",
    );
    expect(length.issues.map((i) => [i.line, i.keyPath])).toEqual([[2, "length_in_sec"]]);
    const noHeader = await errorOf(row("2026-12-02 10:00:10", 0, "NA", "1"), "vicidial");
    expect(noHeader.message).toContain("calls.csv:1: expected a header row naming campaign_id");
  });
});

describe("asterisk format", () => {
  const cdr = (o: {
    dst: string;
    dstchannel?: string;
    start: string;
    answer: string;
    end: string;
    disposition: string;
    userfield?: string;
  }) =>
    [
      "SALESA",
      "0612345678",
      o.dst,
      "outbound",
      '"Sales" <0612345678>',
      "SIP/trunk-0001",
      o.dstchannel ?? "",
      "Queue",
      "sales",
      o.start,
      o.answer,
      o.end,
      "0",
      "0",
      o.disposition,
      "DOCUMENTATION",
      "1764669600.1",
      o.userfield ?? "",
    ]
      .map((f) => `"${f.replaceAll('"', '""')}"`)
      .join(",");
  const sample = [
    cdr({
      dst: "393331110001",
      dstchannel: "SIP/agent1-0002",
      start: "2026-12-02 10:00:00",
      answer: "2026-12-02 10:00:12",
      end: "2026-12-02 10:03:12",
      disposition: "ANSWERED",
    }),
    cdr({
      dst: "393331110002",
      start: "2026-12-02 10:00:10",
      answer: "2026-12-02 10:00:20",
      end: "2026-12-02 10:00:23",
      disposition: "ANSWERED",
    }),
    cdr({
      dst: "393331110003",
      start: "2026-12-02 10:00:20",
      answer: "2026-12-02 10:00:30",
      end: "2026-12-02 10:00:35",
      disposition: "ANSWERED",
    }),
    cdr({
      dst: "393331110004",
      start: "2026-12-02 10:00:30",
      answer: "2026-12-02 10:00:40",
      end: "2026-12-02 10:00:42",
      disposition: "ANSWERED",
      userfield: "AMD=MACHINE",
    }),
    cdr({
      dst: "393331110005",
      start: "2026-12-02 10:00:40",
      answer: "",
      end: "2026-12-02 10:01:05",
      disposition: "NO ANSWER",
    }),
    cdr({
      dst: "393331110006",
      start: "2026-12-02 10:00:50",
      answer: "",
      end: "2026-12-02 10:00:53",
      disposition: "BUSY",
    }),
    cdr({
      dst: "393331110007",
      start: "2026-12-02 10:01:00",
      answer: "",
      end: "2026-12-02 10:01:01",
      disposition: "FAILED",
    }),
  ].join("\r\n");

  it("maps a CDR: bridged is connected, never bridged is silent, AMD from the userfield", async () => {
    const run = await audit(sample, "asterisk");
    expect(run.result.rows).toBe(7);
    expect(run.result.windows.map((w) => w.scope)).toEqual(["SALESA"]);
    expect(run.result.totals).toEqual({
      attempts: 7,
      liveAnswers: 3,
      connected: 1,
      silent: 2,
      amdHangups: 1,
    });
    expect(run.result.violations.heldPastCutoff.listed.map((v) => v.line)).toEqual([3]);
  });

  it("rejects a short row, an unknown disposition and an answered call without an answer time", async () => {
    const bad = [
      '"SALESA","1","2"',
      cdr({
        dst: "1",
        start: "2026-12-02 10:00:00",
        answer: "",
        end: "2026-12-02 10:00:01",
        disposition: "MAYBE",
      }),
      cdr({
        dst: "1",
        start: "2026-12-02 10:00:00",
        answer: "",
        end: "2026-12-02 10:00:01",
        disposition: "ANSWERED",
      }),
    ].join("\n");
    const lines = bad.split("\n");
    const e = await errorOf(bad, "asterisk");
    expect(e.issues.map((i) => [i.line, i.keyPath])).toEqual([[1, ""]]);
    expect(e.message).toContain("calls.csv: and 2 more rows with problems (lines 2 to 3)");
    const second = await errorOf(lines.slice(1).join("\n"), "asterisk");
    expect(second.issues.map((i) => [i.line, i.keyPath])).toEqual([[1, "disposition"]]);
    const third = await errorOf(lines[2], "asterisk");
    expect(third.issues.map((i) => [i.line, i.keyPath])).toEqual([[1, "answer"]]);
  });
});
