/**
 * pacelab's call-record CSV (docs/audit.md): a header row, then one row per attempt with
 * `campaign, number, start, answer, agent_connect, end, outcome, amd_verdict` (local
 * timestamps, empty when the event did not happen) and optionally `agent_reserved` and
 * `time_zone` (the called party's). Other columns are ignored, so the simulator's `calls.csv`
 * is read as it is.
 */

import { isTimeZone, TIME_ZONE_EXPECTED } from "../../calendar/local-time.js";
import type { CsvRecord } from "../../io/read/csv-fields.js";
import { AmdVerdict, type CallRow, Outcome, Reserved, RowProblem } from "../call-row.js";
import { detach } from "../detach.js";
import {
  type CallFormat,
  headerColumns,
  optionalColumn,
  optionalTime,
  requiredText,
  requiredTime,
  shown,
  wordCode,
} from "./call-format.js";

const REQUIRED = [
  "campaign",
  "number",
  "start",
  "answer",
  "agent_connect",
  "end",
  "outcome",
  "amd_verdict",
] as const;

const OUTCOME_WORDS = ["person", "machine", "busy", "no-answer", "invalid"];
const OUTCOME_CODES = [
  Outcome.person,
  Outcome.machine,
  Outcome.busy,
  Outcome.noAnswer,
  Outcome.invalid,
];
const OUTCOME_EXPECTED = `one of ${OUTCOME_WORDS.join(", ")}`;

const VERDICT_WORDS = ["", "person", "machine"];
const VERDICT_CODES = [AmdVerdict.none, AmdVerdict.person, AmdVerdict.machine];
const VERDICT_EXPECTED = "person, machine or an empty field (AMD did not run)";

const RESERVED_WORDS = ["", "true", "false"];
const RESERVED_CODES = [Reserved.unknown, Reserved.yes, Reserved.no];
const RESERVED_EXPECTED = "true, false or an empty field (not known)";

export const pacelabFormat: CallFormat = {
  name: "pacelab",
  hasHeader: true,
  reader(header) {
    const h = header ?? [];
    const col = headerColumns(h, REQUIRED);
    const reservedCol = optionalColumn(h, "agent_reserved");
    const zoneCol = optionalColumn(h, "time_zone");
    // Zones checked so far (a file names a few, on millions of rows).
    const zones = new Map<string, string>([["", ""]]);
    const width = h.length;
    return (r: CsvRecord, row: CallRow) => {
      if (r.count !== width) {
        throw new RowProblem("", `${width} fields as in the header`, String(r.count));
      }
      row.campaign = requiredText(r, col.campaign, "campaign", "a campaign name");
      row.number = requiredText(r, col.number, "number", "a phone number");
      const outcome = wordCode(r, col.outcome, OUTCOME_WORDS, OUTCOME_CODES);
      if (outcome === undefined)
        throw new RowProblem("outcome", OUTCOME_EXPECTED, shown(r.field(col.outcome)));
      const verdict = wordCode(r, col.amd_verdict, VERDICT_WORDS, VERDICT_CODES);
      if (verdict === undefined) {
        throw new RowProblem("amd_verdict", VERDICT_EXPECTED, shown(r.field(col.amd_verdict)));
      }
      let reserved: Reserved = Reserved.unknown;
      if (reservedCol >= 0) {
        const value = wordCode(r, reservedCol, RESERVED_WORDS, RESERVED_CODES);
        if (value === undefined) {
          throw new RowProblem("agent_reserved", RESERVED_EXPECTED, shown(r.field(reservedCol)));
        }
        reserved = value;
      }
      const start = requiredTime(r, col.start, "start");
      const answer = optionalTime(r, col.answer, "answer");
      const connect = optionalTime(r, col.agent_connect, "agent_connect");
      const end = requiredTime(r, col.end, "end");
      checkOrder(r, col, outcome, verdict, start, answer, connect, end);
      row.start = start;
      row.answer = answer;
      row.agentConnect = connect;
      row.end = end;
      row.outcome = outcome;
      row.amdVerdict = verdict;
      row.agentReserved = reserved;
      row.holdMeasured = true;
      row.ringMeasured = true;
      row.timeZone = zoneCol < 0 ? "" : timeZoneField(r.field(zoneCol).trim(), zones);
      return undefined;
    };
  },
};

/** A `time_zone` field: a known IANA zone or nothing ("", the records' own clock). */
function timeZoneField(written: string, known: Map<string, string>): string {
  let zone = known.get(written);
  if (zone === undefined) {
    if (!isTimeZone(written)) {
      throw new RowProblem("time_zone", `${TIME_ZONE_EXPECTED}, or an empty field`, shown(written));
    }
    zone = detach(written); // kept beyond the row: not a view of the file's chunk
    known.set(zone, zone);
  }
  return zone;
}

/** The events of one attempt must be consistent with its outcome and come in order. */
function checkOrder(
  r: CsvRecord,
  col: Record<(typeof REQUIRED)[number], number>,
  outcome: Outcome,
  verdict: AmdVerdict,
  start: number,
  answer: number,
  connect: number,
  end: number,
): void {
  const answered = outcome === Outcome.person || outcome === Outcome.machine;
  const outcomeText = OUTCOME_WORDS[OUTCOME_CODES.indexOf(outcome)];
  const noAnswer = Number.isNaN(answer);
  if (answered && noAnswer) {
    throw new RowProblem(
      "answer",
      `a timestamp (the outcome is ${outcomeText.trim()})`,
      "an empty field",
    );
  }
  if (!answered && !noAnswer) {
    throw new RowProblem(
      "answer",
      `an empty field (the outcome ${outcomeText.trim()} was not answered)`,
      shown(r.field(col.answer)),
    );
  }
  if (answer < start) {
    throw new RowProblem(
      "answer",
      `a time at or after start (${r.field(col.start)})`,
      shown(r.field(col.answer)),
    );
  }
  if (!Number.isNaN(connect) && noAnswer) {
    throw new RowProblem(
      "agent_connect",
      "an empty field (the call was not answered)",
      shown(r.field(col.agent_connect)),
    );
  }
  if (connect < answer) {
    throw new RowProblem(
      "agent_connect",
      `a time at or after answer (${r.field(col.answer)})`,
      shown(r.field(col.agent_connect)),
    );
  }
  if (verdict !== AmdVerdict.none && noAnswer) {
    throw new RowProblem(
      "amd_verdict",
      "an empty field (AMD runs on answered calls only)",
      shown(r.field(col.amd_verdict)),
    );
  }
  const latest = Math.max(
    start,
    noAnswer ? start : answer,
    Number.isNaN(connect) ? start : connect,
  );
  if (end < latest) {
    throw new RowProblem(
      "end",
      "a time at or after start, answer and agent_connect",
      shown(r.field(col.end)),
    );
  }
}
