/**
 * The audit's I/O shell: reads call records line by line from a stream of text (a file, or text
 * in tests), maps each row through its format and feeds the {@link Audit} (or any other
 * {@link CallRowSink}, e.g. `pacelab fit`'s). Bad rows are never skipped: they end the reading
 * with a {@link ScenarioError} naming the file, line and column of the first and counting the
 * others, and nothing else is reported. Records without a call attempt are an error too.
 */
import { createReadStream, statSync } from "node:fs";
import { CsvRecord, LineSplitter } from "../io/read/csv-fields.js";
import { ScenarioError, type ScenarioIssue } from "../io/read/scenario-error.js";
import { errorText } from "../io/read/yaml-source.js";
import type { AuditResult } from "./audit.js";
import { type CallRow, emptyRow, RowProblem } from "./call-row.js";
import type { CallFormat, RowReader } from "./formats/call-format.js";
import { CALL_FORMATS } from "./formats/call-formats.js";
import { formatsFitting } from "./formats/formats-fitting.js";

/**
 * Rows with problems read before the reading stops. The error shows the first and counts the
 * rest: a file in another format has a problem on every row, and one message says as much.
 */
export const MAX_PROBLEM_ROWS = 1000;

/** The longest line read (a call record is a few hundred characters). */
export const MAX_LINE_LENGTH = 64 * 1024;

const TAB = 9;
const COMMA = 44;

/**
 * What consumes the rows read: {@link Audit}, or `pacelab fit`'s sample. `add` gets one reused
 * row (copy what you keep); `finish` is called once, after the last row.
 */
export interface CallRowSink<R> {
  add(row: CallRow): void;
  finish(): R;
}

/** What a sink made of the records, with what was read. */
export interface CallRecordsRun<R> {
  /** The records as named to the audit. */
  readonly file: string;
  readonly format: string;
  /** Lines read, header and blank lines included. */
  readonly lines: number;
  /** Rows not audited, by reason (blank lines, statuses that are not outbound attempts). */
  readonly excluded: Readonly<Record<string, number>>;
  readonly result: R;
}

/** An audit's verdict with what was read. */
export type AuditRun = CallRecordsRun<AuditResult>;

/** The bad rows of a file: the first in full, the others counted. */
class Problems {
  first: ScenarioIssue | null = null;
  rows = 0;
  private secondLine = 0;
  private lastLine = 0;

  constructor(private readonly file: string) {}

  add(line: number, p: RowProblem): void {
    this.rows++;
    if (this.first === null) {
      this.first = { file: this.file, line, keyPath: p.column, expected: p.expected, got: p.got };
    } else {
      if (this.rows === 2) this.secondLine = line;
      this.lastLine = line;
    }
  }

  /** "and 19 more rows with problems (lines 3 to 21)", or nothing. */
  rest(): string[] {
    const n = this.rows - 1;
    if (n === 0) return [];
    const lines =
      n === 1 ? `line ${this.secondLine}` : `lines ${this.secondLine} to ${this.lastLine}`;
    return [
      `${this.file}: and ${n.toLocaleString("en-US")} more row${n === 1 ? " with a problem" : "s with problems"} (${lines})`,
    ];
  }
}

/**
 * Audits call records arriving as chunks of text (or feeds them to another sink). Throws
 * {@link ScenarioError} on a bad header, on any bad row (the first shown, the others counted),
 * and on records without a single call attempt.
 */
export async function auditChunks<R = AuditResult>(
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  audit: CallRowSink<R>,
  format: CallFormat,
): Promise<CallRecordsRun<R>> {
  const problems = new Problems(file);
  const excluded: Record<string, number> = {};
  const row = emptyRow();
  const record = new CsvRecord();
  let reader: RowReader | null = format.hasHeader ? null : format.reader(null);
  let delimiter = COMMA;
  let lines = 0;
  let rows = 0;
  /** The first line that is not blank, and its number: the header, if the format has one. */
  let firstLine = "";
  let firstLineNumber = 0;
  /** Why the reading stopped early, or null. */
  let stopped: string | null = null;

  const problem = (line: number, p: RowProblem) => {
    problems.add(line, p);
    if (problems.rows >= MAX_PROBLEM_ROWS) {
      stopped = `stopped reading at line ${line} after ${MAX_PROBLEM_ROWS.toLocaleString("en-US")} rows with problems (the rest was not checked)`;
    }
  };

  const splitter = new LineSplitter(
    (text, from, to, line) => {
      if (stopped !== null) return;
      lines = line;
      if (isBlank(text, from, to)) {
        excluded["blank line"] = (excluded["blank line"] ?? 0) + 1;
        return;
      }
      if (firstLineNumber === 0) {
        firstLine = text.slice(from, to);
        firstLineNumber = line;
      }
      if (reader === null) {
        // A tab-separated export (mysql --batch) is told apart by its header.
        const header = text.slice(from, to);
        if (header.includes("\t") && !header.includes(",")) delimiter = TAB;
        record.split(header, 0, header.length, delimiter);
        try {
          reader = format.reader(record.fields().map((f) => f.trim()));
        } catch (e) {
          if (!(e instanceof RowProblem)) throw e;
          problem(line, e);
          stopped = ""; // no row can be read without the header: nothing more to say
        }
        return;
      }
      try {
        const quoting = record.split(text, from, to, delimiter);
        if (quoting !== undefined) {
          throw new RowProblem(
            "",
            "well-formed CSV quoting on one line",
            quoting === "unterminated"
              ? "a quoted field left open (fields spanning lines are not read)"
              : "text after a closing quote",
          );
        }
        row.line = line;
        const skipped = reader(record, row);
        if (skipped !== undefined) {
          excluded[skipped] = (excluded[skipped] ?? 0) + 1;
          return;
        }
        if (problems.rows === 0) {
          audit.add(row);
          rows++;
        }
      } catch (e) {
        if (!(e instanceof RowProblem)) throw e;
        problem(line, e);
      }
    },
    MAX_LINE_LENGTH,
    (line) => {
      if (stopped !== null) return;
      lines = line;
      problem(
        line,
        new RowProblem(
          "",
          `a line of at most ${MAX_LINE_LENGTH} characters`,
          "a longer one (is this a call-record CSV?)",
        ),
      );
      stopped = `stopped reading at line ${line}`; // what follows cannot be trusted to be lines
    },
  );

  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (stopped !== null) break;
  }
  if (stopped === null) splitter.end();

  const first = problems.first;
  if (first === null && format.hasHeader && reader === null) {
    throw new ScenarioError({
      file,
      line: 1,
      keyPath: "",
      expected: `a header row (format ${format.name})`,
      got: "an empty file",
    });
  }
  if (first !== null) {
    const fitting =
      first.line === firstLineNumber ? formatsFitting(firstLine, delimiter, format.name) : [];
    throw new ScenarioError(first, [
      ...problems.rest(),
      ...(stopped ? [`${file}: ${stopped}`] : []),
      ...fitting.map(
        (f) =>
          `${file}: line ${firstLineNumber} is ${CALL_FORMATS[f].hasHeader ? "the header" : "a row"} of format ${f}: try --format ${f}`,
      ),
    ]);
  }
  if (rows === 0) throw noCallRecords(file, format.name, lines, excluded);
  return { file, format: format.name, lines, excluded, result: audit.finish() };
}

/** Records without a call attempt must not pass for records without a problem. */
function noCallRecords(
  file: string,
  format: string,
  lines: number,
  excluded: Readonly<Record<string, number>>,
): ScenarioError {
  const reasons = Object.entries(excluded).map(([why, n]) => `${why}: ${n}`);
  return new ScenarioError({
    file,
    keyPath: "",
    expected: `at least one call attempt (format ${format})`,
    got:
      lines === 0
        ? "no call records: an empty file"
        : `no call records in ${lines} line${lines === 1 ? "" : "s"} (${reasons.join(", ") || "a header only"})`,
  });
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Audits call records in text (tests, small inputs). */
export function auditText<R = AuditResult>(
  text: string,
  file: string,
  audit: CallRowSink<R>,
  format: CallFormat,
): Promise<CallRecordsRun<R>> {
  return auditChunks(file, [text], audit, format);
}

/** Audits a call-record file (or feeds it to another sink), streamed in 1 MiB chunks. */
export async function auditFile<R = AuditResult>(
  path: string,
  audit: CallRowSink<R>,
  format: CallFormat,
): Promise<CallRecordsRun<R>> {
  const unreadable = (e: unknown) =>
    new ScenarioError({
      file: path,
      keyPath: "",
      expected: "a readable call-record file",
      got: errorText(e),
    });
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
  } catch (e) {
    throw unreadable(e);
  }
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    return await auditChunks(path, readChunks(stream, unreadable), audit, format);
  } finally {
    stream.destroy();
  }
}

/** The stream's chunks, with a read error turned into bad input. */
async function* readChunks(
  stream: AsyncIterable<string | Buffer>,
  unreadable: (e: unknown) => Error,
): AsyncGenerator<string> {
  try {
    for await (const chunk of stream) yield String(chunk);
  } catch (e) {
    throw unreadable(e);
  }
}
