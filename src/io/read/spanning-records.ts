/**
 * CSV records as RFC 4180 has them, for files read whole (leads): a quoted field may span
 * lines, and blank lines between records are skipped. Built on the same line splitter and
 * field reader as the call records, which refuse fields spanning lines instead.
 */
import { CsvRecord, type LineHandler, type QuoteProblem } from "./csv-fields.js";

const QUOTE = 34;

/** Receives one record; `line` is the line it starts on. The record is reused. */
export type RecordHandler = (record: CsvRecord, line: number) => void;

/**
 * Receives a record whose quoting is broken: `line` is where the problem lies (the opening
 * quote of a field left open, or the text after a closing quote), `got` the character there.
 */
export type QuotingHandler = (problem: QuoteProblem, line: number, got: string) => void;

/**
 * Joins the lines of a {@link LineSplitter} into records: feed it {@link SpanningRecords.line}
 * and call {@link SpanningRecords.end} after the splitter's own `end`. A field spanning lines
 * keeps LF line ends. A field left open runs to the end of the text, as RFC 4180 reads it.
 */
export class SpanningRecords {
  private readonly record = new CsvRecord();
  /** The lines of a record whose last field is still open, joined by LF; "" when none. */
  private open = "";
  private openLine = 0;
  /** Where in `open` the field left open starts. */
  private openAt = 0;

  constructor(
    private readonly onRecord: RecordHandler,
    private readonly onQuoting: QuotingHandler,
  ) {}

  /** The line handler to give the splitter. */
  readonly line: LineHandler = (text, from, to, line) => {
    if (this.openLine === 0) {
      // The line alone: the field reader's search for a comma then stops at its end.
      if (from < to) this.read(text.slice(from, to), line);
      return;
    }
    this.open += `\n${text.slice(from, to)}`;
    // Without a quote, the line cannot close the open field: no need to read it all again.
    if (hasQuote(text, from, to)) this.read(this.open, this.openLine);
  };

  /** Reports a field still open at the end of the text. */
  end(): void {
    if (this.openLine === 0) return;
    const line = this.openLine;
    this.openLine = 0;
    this.report("unterminated", this.open, this.openAt, line);
    this.open = "";
  }

  private read(text: string, line: number): void {
    const problem = this.record.split(text, 0, text.length);
    if (problem === "unterminated") {
      if (this.openLine === 0) this.open = text;
      this.openLine = line;
      this.openAt = this.record.problemAt;
      return;
    }
    const first = this.openLine === 0 ? line : this.openLine;
    this.openLine = 0;
    this.open = "";
    if (problem === undefined) this.onRecord(this.record, first);
    else this.report(problem, text, this.record.problemAt, first);
  }

  /** Reports the problem at `at` of a record's text, on the line it lies on. */
  private report(problem: QuoteProblem, text: string, at: number, first: number): void {
    let line = first;
    for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
    this.onQuoting(problem, line, text.charAt(at));
  }
}

/** Whether `text.slice(from, to)` holds a double quote (searched within the line only). */
function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === QUOTE) return true;
  return false;
}
