/**
 * VICIdial's outbound call log, `vicidial_log`, exported with a header row (comma- or
 * tab-separated, e.g. `SELECT * FROM vicidial_log WHERE ...` through `mysql --batch`). Columns
 * used: `campaign_id`, `phone_number`, `call_date`, `length_in_sec`, `status`; others ignored.
 *
 * What the log can and cannot show (docs/audit.md):
 * - VICIdial writes an answered call's row when the call is answered: `call_date` is the answer,
 *   and `length_in_sec` runs from the answer to the hang-up. When the call was placed, and so
 *   how long it rang, is not in the log.
 * - An agent's disposition (SALE, NI, CALLBK, any custom status...) means an agent took the
 *   call; when is not in the log, so the connection is put at the answer and the cut-off can be
 *   checked only on dropped calls (held = `length_in_sec`, to the second; a drop message played
 *   after the drop is included, so the hold is an upper bound).
 * - AMD statuses (AA, AM, AL, AFAX) are AMD's machine verdicts: whether a person was behind one
 *   cannot be known; the rule set's estimate applies.
 */

import { SECOND_US } from "../../calendar/local-time.js";
import type { CsvRecord } from "../../io/read/csv-fields.js";
import { AmdVerdict, type CallRow, Outcome, Reserved, RowProblem } from "../call-row.js";
import {
  type CallFormat,
  headerColumns,
  requiredText,
  requiredTime,
  shown,
} from "./call-format.js";

const REQUIRED = ["campaign_id", "phone_number", "call_date", "length_in_sec", "status"] as const;

/** How a status maps onto the audit's view of a call. */
type StatusKind =
  | "dropped" // a person answered, no agent took the call
  | "amdMachine" // AMD judged a machine; no agent
  | "agentMachine" // an agent got an answering machine
  | "noAnswer"
  | "busy"
  | "invalid"
  | "inProgress" // the call had not ended: an error
  | "notOutbound"; // not an outbound predictive attempt: counted and reported, not audited

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  DROP: "dropped", // Agent Not Available
  PDROP: "dropped", // Outbound Pre-Routing Drop
  IVRXFR: "dropped", // Outbound drop to Call Menu
  LRERR: "dropped", // Outbound Local Channel Res Err: answered, never reached an agent
  AA: "amdMachine", // Answering Machine Auto
  AM: "amdMachine", // Answering Machine SentToMesg
  AL: "amdMachine", // Answering Machine Msg Played
  AFAX: "amdMachine", // Fax Machine Auto
  A: "agentMachine", // Answering Machine (agent's disposition)
  NA: "noAnswer", // No Answer AutoDial
  N: "noAnswer", // No Answer
  B: "busy",
  AB: "busy", // Busy Auto
  DC: "invalid", // Disconnected Number
  ADC: "invalid", // Disconnected Number Auto
  ADCT: "invalid", // Disconnected Number Temporary
  NEW: "inProgress",
  QUEUE: "inProgress",
  INCALL: "inProgress",
  // Inbound, survey/broadcast and list-maintenance statuses.
  XDROP: "notOutbound",
  TIMEOT: "notOutbound",
  AFTHRS: "notOutbound",
  NANQUE: "notOutbound",
  MAXCAL: "notOutbound",
  QVMAIL: "notOutbound",
  RQXFER: "notOutbound",
  PU: "notOutbound",
  PM: "notOutbound",
  SVYEXT: "notOutbound",
  SVYVM: "notOutbound",
  SVYHU: "notOutbound",
  SVYREC: "notOutbound",
  SVYCLM: "notOutbound",
  DNCL: "notOutbound",
  DNCC: "notOutbound",
  MLINAT: "notOutbound",
  LSMERG: "notOutbound",
};

const LENGTH_EXPECTED = "a whole number of seconds >= 0";

export const vicidialFormat: CallFormat = {
  name: "vicidial",
  hasHeader: true,
  reader(header) {
    const h = header ?? [];
    const col = headerColumns(h, REQUIRED);
    const width = h.length;
    return (r: CsvRecord, row: CallRow) => {
      if (r.count !== width) {
        throw new RowProblem("", `${width} fields as in the header`, String(r.count));
      }
      const status = requiredText(r, col.status, "status", "a VICIdial status code");
      const kind = STATUS_KINDS[status];
      if (kind === "notOutbound") return `status ${status}`;
      if (kind === "inProgress") {
        throw new RowProblem(
          "status",
          "the status of an ended call",
          `${status} (the call had not ended)`,
        );
      }
      row.campaign = requiredText(r, col.campaign_id, "campaign_id", "a campaign id");
      row.number = requiredText(r, col.phone_number, "phone_number", "a phone number");
      const at = requiredTime(r, col.call_date, "call_date");
      const lengthText = r.field(col.length_in_sec).trim();
      const length = /^\d{1,9}$/.test(lengthText) ? Number(lengthText) : Number.NaN;
      if (Number.isNaN(length)) {
        throw new RowProblem("length_in_sec", LENGTH_EXPECTED, shown(r.field(col.length_in_sec)));
      }
      row.start = at;
      row.end = at + length * SECOND_US;
      row.agentReserved = Reserved.unknown;
      row.holdMeasured = false;
      row.ringMeasured = false;
      row.amdVerdict = AmdVerdict.none;
      row.answer = at;
      row.agentConnect = Number.NaN;
      switch (kind) {
        case "dropped":
          row.outcome = Outcome.person;
          row.holdMeasured = true; // held from the answer to the drop
          break;
        case "amdMachine":
          row.outcome = Outcome.machine;
          row.amdVerdict = AmdVerdict.machine;
          break;
        case "agentMachine":
          row.outcome = Outcome.machine;
          row.agentConnect = at;
          break;
        case "noAnswer":
        case "busy":
        case "invalid":
          row.outcome =
            kind === "noAnswer"
              ? Outcome.noAnswer
              : kind === "busy"
                ? Outcome.busy
                : Outcome.invalid;
          row.answer = Number.NaN;
          break;
        default:
          // Any other status is an agent's disposition: a person an agent talked to.
          row.outcome = Outcome.person;
          row.agentConnect = at;
      }
      return undefined;
    };
  },
};
