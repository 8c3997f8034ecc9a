/**
 * The audit's I/O shell: reads call records line by line from a stream of text (a file, or text
 * in tests), maps each row through its format and feeds the {@link Audit} (or any other
 * {@link CallRowSink}, e.g. `pacelab fit`'s). Bad rows are never skipped: they end the reading
 * with a {@link ScenarioError} naming the file, line and column (up to {@link MAX_ISSUES} of
 * them), and nothing else is reported.
 */
import { createReadStream, statSync } from "node:fs";
import { ScenarioError, type ScenarioIssue } from "../scenario/scenario-error.js";
import { errorText } from "../scenario/yaml-source.js";
import type { AuditResult } from "./audit.js";
import { type CallRow, emptyRow, RowProblem } from "./call-row.js";
import { CsvRecord, LineSplitter } from "./csv-fields.js";
import type { CallFormat, RowReader } from "./formats/call-format.js";

/** Problems shown in one error; the audit stops reading at this many. */
export const MAX_ISSUES = 20;

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

/**
 * Audits call records arriving as chunks of text (or feeds them to another sink). Throws
 * {@link ScenarioError} on any bad row or header.
 */
export async function auditChunks<R = AuditResult>(
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  audit: CallRowSink<R>,
  format: CallFormat,
): Promise<CallRecordsRun<R>> {
  const issues: ScenarioIssue[] = [];
  const excluded: Record<string, number> = {};
  const row = emptyRow();
  const record = new CsvRecord();
  let reader: RowReader | null = format.hasHeader ? null : format.reader(null);
  let delimiter = COMMA;
  let lines = 0;
  let stopped = false;

  const problem = (line: number, p: RowProblem) => {
    issues.push({ file, line, keyPath: p.column, expected: p.expected, got: p.got });
    if (issues.length >= MAX_ISSUES) stopped = true;
  };

  const splitter = new LineSplitter(
    (text, from, to, line) => {
      if (stopped) return;
      lines = line;
      if (isBlank(text, from, to)) {
        excluded["blank line"] = (excluded["blank line"] ?? 0) + 1;
        return;
      }
      try {
        if (reader === null) {
          // A tab-separated export (mysql --batch) is told apart by its header.
          const header = text.slice(from, to);
          if (header.includes("\t") && !header.includes(",")) delimiter = TAB;
          record.split(header, 0, header.length, delimiter);
          reader = format.reader(record.fields().map((f) => f.trim()));
          return;
        }
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
        if (issues.length === 0) audit.add(row);
      } catch (e) {
        if (!(e instanceof RowProblem)) throw e;
        problem(line, e);
      }
    },
    MAX_LINE_LENGTH,
    (line) => {
      if (stopped) return;
      lines = line;
      problem(
        line,
        new RowProblem(
          "",
          `a line of at most ${MAX_LINE_LENGTH} characters`,
          "a longer one (is this a call-record CSV?)",
        ),
      );
      stopped = true; // what follows cannot be trusted to be lines
    },
  );

  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (stopped) break;
  }
  if (!stopped) splitter.end();

  if (issues.length === 0 && format.hasHeader && reader === null) {
    issues.push({
      file,
      line: 1,
      keyPath: "",
      expected: `a header row (format ${format.name})`,
      got: "an empty file",
    });
  }
  if (issues.length > 0) {
    const extra = stopped
      ? [
          `${file}: stopped reading at line ${lines}${issues.length >= MAX_ISSUES ? ` after ${issues.length} problems` : ""}`,
        ]
      : [];
    throw new ScenarioError(issues, extra);
  }
  return { file, format: format.name, lines, excluded, result: audit.finish() };
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
