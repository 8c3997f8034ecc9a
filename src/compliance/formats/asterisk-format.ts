/**
 * Asterisk's CDR CSV (`cdr_csv`, Master.csv): no header; columns by position: accountcode, src,
 * dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration,
 * billsec, disposition, amaflags, then (with `loguniqueid` and `loguserfield`) uniqueid and
 * userfield. Times must be local (`usegmtime = no`).
 *
 * What a CDR can and cannot show (docs/audit.md), and the rules chosen:
 * - campaign: `accountcode` (set it per campaign); number: `dst`.
 * - An agent connection is not recorded. A call answered and bridged to another channel
 *   (`dstchannel` not empty) counts as put through to an agent at the answer; answered and
 *   never bridged counts as not put through, held from the answer to the end.
 * - AMD's verdict is not recorded unless the dialplan writes it: `userfield` containing
 *   `AMD=MACHINE` (or `AMDSTATUS=MACHINE`) is a machine verdict, `=HUMAN` a person verdict,
 *   e.g. `Set(CDR(userfield)=AMD=${AMDSTATUS})` after `AMD()`.
 * - One CDR per attempt is assumed (no Local-channel legs or transfers in the file).
 */

import type { CsvRecord } from "../../io/read/csv-fields.js";
import { AmdVerdict, type CallRow, Outcome, Reserved, RowProblem } from "../call-row.js";
import {
  type CallFormat,
  optionalTime,
  requiredText,
  requiredTime,
  shown,
  wordCode,
} from "./call-format.js";

const ACCOUNTCODE = 0;
const DST = 2;
const DSTCHANNEL = 6;
const START = 9;
const ANSWER = 10;
const END = 11;
const DISPOSITION = 14;
const USERFIELD = 17;
const MIN_FIELDS = 15;

const DISPOSITION_WORDS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"];
const DISPOSITION_CODES = [
  Outcome.person,
  Outcome.noAnswer,
  Outcome.busy,
  Outcome.invalid,
  Outcome.invalid,
];
const DISPOSITION_EXPECTED = `one of ${DISPOSITION_WORDS.join(", ")}`;

/** The campaign of rows without an account code. */
export const NO_ACCOUNTCODE = "(no accountcode)";

const AMD_MACHINE = /\bAMD(?:STATUS)?=MACHINE\b/i;
const AMD_HUMAN = /\bAMD(?:STATUS)?=HUMAN\b/i;

export const asteriskFormat: CallFormat = {
  name: "asterisk",
  hasHeader: false,
  reader() {
    return (r: CsvRecord, row: CallRow) => {
      if (r.count < MIN_FIELDS) {
        throw new RowProblem(
          "",
          `at least ${MIN_FIELDS} fields (accountcode ... disposition)`,
          String(r.count),
        );
      }
      const outcome = wordCode(r, DISPOSITION, DISPOSITION_WORDS, DISPOSITION_CODES);
      if (outcome === undefined) {
        throw new RowProblem("disposition", DISPOSITION_EXPECTED, shown(r.field(DISPOSITION)));
      }
      row.campaign = r.field(ACCOUNTCODE).trim() || NO_ACCOUNTCODE;
      row.number = requiredText(r, DST, "dst", "the dialled number");
      const start = requiredTime(r, START, "start");
      const end = requiredTime(r, END, "end");
      const answer = optionalTime(r, ANSWER, "answer");
      const answered = outcome === Outcome.person;
      if (answered && Number.isNaN(answer)) {
        throw new RowProblem(
          "answer",
          "a timestamp (the disposition is ANSWERED)",
          "an empty field",
        );
      }
      if (answer < start || end < start || end < answer) {
        throw new RowProblem(
          "end",
          "start <= answer <= end",
          `${shown(r.field(START))}, ${shown(r.field(ANSWER))}, ${shown(r.field(END))}`,
        );
      }
      const userfield = r.count > USERFIELD ? r.field(USERFIELD) : "";
      const verdict = AMD_MACHINE.test(userfield)
        ? AmdVerdict.machine
        : AMD_HUMAN.test(userfield)
          ? AmdVerdict.person
          : AmdVerdict.none;
      const bridged = r.field(DSTCHANNEL).trim() !== "";
      row.start = start;
      row.end = end;
      row.answer = answered ? answer : Number.NaN;
      row.agentConnect = answered && bridged ? answer : Number.NaN;
      row.outcome =
        answered && verdict === AmdVerdict.machine && !bridged ? Outcome.machine : outcome;
      row.amdVerdict = answered ? verdict : AmdVerdict.none;
      row.agentReserved = Reserved.unknown;
      row.holdMeasured = !bridged; // a bridged call's wait for its agent is not in the CDR
      row.ringMeasured = true;
      return undefined;
    };
  },
};
