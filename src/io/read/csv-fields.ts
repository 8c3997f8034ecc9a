/**
 * CSV for call records, read line by line without copying: a chunked line splitter that hands
 * over each line as a range of the chunk it lies in, and a record that holds a line's fields as
 * ranges (RFC 4180 quoting within the line: `"a,b"`, `""` for a quote). Fields become strings
 * only when a reader asks for one; timestamps are parsed in place. A quoted field spanning lines
 * is reported, not followed: call records have none, and reading by lines keeps memory bounded.
 */
import { parseLocalTimestampAt } from "../../calendar/local-time.js";

const QUOTE = 34;
const COMMA = 44;
const CR = 13;

const isBlank = (c: number) => c === 32 || c === 9;

/** Receives one line: `text.slice(from, to)`, without its line end; `line` counts from 1. */
export type LineHandler = (text: string, from: number, to: number, line: number) => void;

/**
 * Splits text arriving in chunks into lines (LF or CRLF), numbering them from 1. A line is
 * handed over as a range of the chunk (no copy); only a line split across two chunks is joined.
 * {@link LineSplitter.end} hands over a last line without a newline. A leading byte-order mark
 * is dropped.
 */
export class LineSplitter {
  private rest = "";
  private line = 0;
  private first = true;
  /** Inside a line already reported too long: drop text up to its end. */
  private skipping = false;

  /**
   * @param maxLineLength - longest line kept; a longer one is reported to `onTooLong` (with its
   *   number) instead of `onLine`, so that a file without line ends cannot fill the memory.
   */
  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineLength = Number.POSITIVE_INFINITY,
    private readonly onTooLong: (line: number) => void = () => {},
  ) {}

  push(chunk: string): void {
    let from = 0;
    if (this.first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) from = 1;
      this.first = false;
    }
    let nl = chunk.indexOf("\n", from);
    if (this.rest !== "" || this.skipping) {
      if (nl < 0) {
        if (!this.skipping) this.rest += chunk;
        this.checkRest();
        return;
      }
      if (this.skipping) {
        this.skipping = false;
      } else {
        const joined = this.rest + chunk.slice(from, nl);
        this.rest = "";
        this.emit(joined, 0, joined.length);
      }
      from = nl + 1;
      nl = chunk.indexOf("\n", from);
    }
    for (; nl >= 0; nl = chunk.indexOf("\n", from)) {
      this.emit(chunk, from, nl);
      from = nl + 1;
    }
    if (from < chunk.length) {
      this.rest = chunk.slice(from);
      this.checkRest();
    }
  }

  end(): void {
    const rest = this.rest;
    this.rest = "";
    if (this.skipping) this.skipping = false;
    else if (rest !== "") this.emit(rest, 0, rest.length);
  }

  private checkRest(): void {
    if (this.rest.length <= this.maxLineLength) return;
    this.rest = "";
    this.skipping = true;
    this.onTooLong(++this.line);
  }

  private emit(text: string, from: number, to: number): void {
    if (to - from > this.maxLineLength) {
      this.onTooLong(++this.line);
      return;
    }
    const end = to > from && text.charCodeAt(to - 1) === CR ? to - 1 : to;
    this.onLine(text, from, end, ++this.line);
  }
}

/** Why a line's quoting is broken. */
export type QuoteProblem = "unterminated" | "text after a closing quote";

/** One line's fields, as ranges of the text the line lies in. Reused line after line. */
export class CsvRecord {
  /** The text the line lies in. */
  text = "";
  /** Number of fields. */
  count = 0;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  /** Unescaped values of quoted fields, by index; undefined for plain fields. */
  private quoted: (string | undefined)[] = [];
  private anyQuoted = false;
  /**
   * Where the last {@link CsvRecord.split} found its quoting problem, as an index of `text`:
   * the opening quote of a field left open, or the character after a closing quote.
   */
  problemAt = -1;

  /** Field `i` as a string. */
  field(i: number): string {
    if (this.anyQuoted) {
      const q = this.quoted[i];
      if (q !== undefined) return q;
    }
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Whether field `i` is empty (a quoted `""` included). */
  isEmpty(i: number): boolean {
    if (this.anyQuoted && this.quoted[i] !== undefined) return this.quoted[i] === "";
    return this.starts[i] === this.ends[i];
  }

  /** Field `i` read as a local timestamp (NaN when it is not one), without making a string. */
  time(i: number): number {
    if (this.anyQuoted) {
      const q = this.quoted[i];
      if (q !== undefined) return parseLocalTimestampAt(q, 0, q.length);
    }
    return parseLocalTimestampAt(this.text, this.starts[i], this.ends[i]);
  }

  /**
   * Index of the first of `words` that field `i` equals, spaces and tabs around it ignored, or
   * -1. Compares in place: reading a short code costs no string.
   */
  match(i: number, words: readonly string[]): number {
    if (this.anyQuoted) {
      const q = this.quoted[i];
      if (q !== undefined) return words.indexOf(q.trim());
    }
    const text = this.text;
    let from = this.starts[i];
    let to = this.ends[i];
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    const n = to - from;
    next: for (let w = 0; w < words.length; w++) {
      const word = words[w];
      if (word.length !== n) continue;
      for (let k = 0; k < n; k++)
        if (text.charCodeAt(from + k) !== word.charCodeAt(k)) continue next;
      return w;
    }
    return -1;
  }

  /** Every field as a string (headers, tests). */
  fields(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }

  /**
   * Reads the fields of `text.slice(from, to)` separated by `delimiter` (a comma or a tab).
   * Returns the quoting problem, if any; the fields read up to it are kept.
   */
  split(text: string, from: number, to: number, delimiter = COMMA): QuoteProblem | undefined {
    this.text = text;
    this.count = 0;
    if (this.anyQuoted) {
      this.quoted.length = 0;
      this.anyQuoted = false;
    }
    const sep = delimiter === COMMA ? "," : String.fromCharCode(delimiter);
    let pos = from;
    for (;;) {
      if (pos < to && text.charCodeAt(pos) === QUOTE) {
        const open = pos;
        let value = "";
        pos++;
        for (;;) {
          let q = text.indexOf('"', pos);
          if (q < 0 || q >= to) {
            this.pushQuoted(value + text.slice(pos, to));
            this.problemAt = open;
            return "unterminated";
          }
          value += text.slice(pos, q);
          if (q + 1 < to && text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            q++;
            pos = q + 1;
          } else {
            pos = q + 1;
            break;
          }
        }
        this.pushQuoted(value);
        if (pos >= to) return undefined;
        if (text.charCodeAt(pos) !== delimiter) {
          this.problemAt = pos;
          return "text after a closing quote";
        }
        pos++;
      } else {
        let end = text.indexOf(sep, pos); // native search: much faster than a loop over chars
        if (end < 0 || end > to) end = to;
        this.pushRange(pos, end);
        if (end >= to) return undefined;
        pos = end + 1;
      }
      if (pos === to) {
        this.pushRange(pos, pos); // a trailing delimiter ends an empty last field
        return undefined;
      }
    }
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  private pushRange(start: number, end: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  private pushQuoted(value: string): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = 0;
    this.ends[this.count] = 0;
    this.quoted[this.count] = value;
    this.anyQuoted = true;
    this.count++;
  }
}

/** The fields of one line as strings (headers, tests), with its quoting problem if any. */
export function splitLine(
  text: string,
  delimiter = COMMA,
): { fields: string[]; problem?: QuoteProblem } {
  const record = new CsvRecord();
  const problem = record.split(text, 0, text.length, delimiter);
  return problem === undefined ? { fields: record.fields() } : { fields: record.fields(), problem };
}
