import { CALL_FORMAT_NAMES } from "../compliance/formats/call-formats.js";

/** The `--format` option of the commands that read call records (audit, fit). */
export const CALL_FORMAT_OPTION = {
  type: "string",
  choices: CALL_FORMAT_NAMES,
  default: "pacelab",
  describe:
    "pacelab: the documented CSV (the simulator's calls.csv reads as is); vicidial: a vicidial_log export with a header; asterisk: a CDR Master.csv",
} as const;
