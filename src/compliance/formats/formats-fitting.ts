/**
 * Which other formats a file's first line fits: told to the user when that line is wrong for
 * the format asked for (`--format vicidial` on pacelab's calls.csv), so the fix is one word.
 */

import { CsvRecord } from "../../io/read/csv-fields.js";
import { emptyRow, RowProblem } from "../call-row.js";
import { CALL_FORMAT_NAMES, CALL_FORMATS, type CallFormatName } from "./call-formats.js";

/**
 * The formats other than `asked` whose header (or, for a format without one, whose row) the
 * first line of a file is. `line` is that line, `delimiter` the character code separating its
 * fields.
 */
export function formatsFitting(line: string, delimiter: number, asked: string): CallFormatName[] {
  const record = new CsvRecord();
  if (record.split(line, 0, line.length, delimiter) !== undefined) return [];
  return CALL_FORMAT_NAMES.filter((name) => {
    const format = CALL_FORMATS[name];
    if (name === asked) return false;
    try {
      if (format.hasHeader) {
        format.reader(record.fields().map((f) => f.trim()));
        return true;
      }
      return format.reader(null)(record, emptyRow()) === undefined;
    } catch (e) {
      if (e instanceof RowProblem) return false; // the line is not this format's
      throw e;
    }
  });
}
