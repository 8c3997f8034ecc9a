/**
 * Leads files: CSV (RFC 4180: comma-separated, optional double-quoted fields with `""` escapes,
 * LF or CRLF line ends) with a header row naming a `number` column and, optionally, the consent
 * columns `source`, `register_status`, `register_date` and `consents` (docs/scenario.md). Other
 * columns are allowed and ignored. Blank lines are skipped. Read with the CSV reader the call
 * records use (src/io/read), fields spanning lines allowed; a million rows in about a second:
 * no regular expressions per row without consent columns, only the columns used are copied out.
 */
import { isTimeZone, TIME_ZONE_EXPECTED } from "../calendar/local-time.js";
import { parseConsents, parseRegister, parseSources } from "../consent/consent-fields.js";
import type { LeadConsent } from "../consent/consent-record.js";
import { type CsvRecord, LineSplitter } from "../io/read/csv-fields.js";
import { readTextFile } from "../io/read/input-file.js";
import { ScenarioError, type ScenarioIssue } from "../io/read/scenario-error.js";
import { SpanningRecords } from "../io/read/spanning-records.js";

/** The columns a leads file may carry, besides `number`, that give a lead's consent data. */
export const CONSENT_COLUMNS = ["source", "register_status", "register_date", "consents"] as const;
type ConsentColumn = (typeof CONSENT_COLUMNS)[number];

/** The optional column giving a lead's IANA time zone (empty: the call centre's). */
export const TIME_ZONE_COLUMN = "time_zone";

/** A leads file as read: numbers in order, and each lead's consent data when the file gives it. */
export interface LeadsFile {
  readonly numbers: string[];
  /** Per lead, in the order of `numbers`; null when the file has no consent column. */
  readonly consents: LeadConsent[] | null;
  /** Per lead, its time zone ("" for the centre's); null when the file has no time_zone column. */
  readonly timeZones: string[] | null;
}

/** Issues shown in one error; the rest are counted. */
const MAX_ISSUES = 20;
const MIN_DIGITS = 5;
const MAX_DIGITS = 16;
export const PHONE_EXPECTED = `a phone number (${MIN_DIGITS} to ${MAX_DIGITS} digits, an optional leading +; spaces and dashes are ignored)`;

const SPACE = 32;
const TAB = 9;
const DASH = 45;
const PLUS = 43;
const ZERO = 48;
const NINE = 57;

/** Reads a leads file: its numbers normalised (spaces and dashes removed), in order, with consents. */
export function readLeadsCsv(path: string): LeadsFile {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new ScenarioError({
      file: path,
      keyPath: "",
      expected: "a readable CSV file",
      got: typeof code === "string" ? code : String(e),
    });
  }
  return parseLeadsCsv(text, path);
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

/** Characters a phone number may contain for readability; removed when normalising. */
const STRIPPED = /[ \t-]/g;

/**
 * Normalises a phone number: removes spaces, tabs and dashes, keeps a leading `+`, and checks the
 * digit count. Returns undefined when it is not a phone number.
 */
export function normalizePhoneNumber(text: string): string | undefined {
  let digits = 0;
  let stripped = false;
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) digits++;
    else if (c === SPACE || c === DASH || c === TAB) stripped = true;
    else if (c === PLUS && digits === 0 && !plus) plus = true;
    else return undefined;
  }
  if (digits < MIN_DIGITS || digits > MAX_DIGITS) return undefined;
  return stripped ? text.replace(STRIPPED, "") : text;
}

/**
 * Set of strings with the index each was added at. A `Map` of a million strings is several
 * times slower (hashing and rehashing inside V8, and garbage); this open-addressing table keeps
 * its slots and hashes in typed arrays.
 */
class FirstSeen {
  private slots: Int32Array; // 1 + index into `keys`; 0 is empty
  private hashes: Int32Array; // hash of keys[i]
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  constructor(capacity = 1 << 12) {
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity >> 1);
  }

  /** The value stored with `key`, or undefined after storing `value` with it. */
  getOrAdd(key: string, value: number): number | undefined {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      if (this.hashes[entry - 1] === h && this.keys[entry - 1] === key)
        return this.values[entry - 1];
      slot = (slot + 1) & mask;
    }
    const n = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    this.hashes[n] = h;
    this.slots[slot] = n + 1;
    if ((n + 1) * 2 >= this.slots.length) this.grow();
    return undefined;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const hashes = new Int32Array(slots.length >> 1);
    hashes.set(this.hashes);
    const mask = slots.length - 1;
    for (let i = 0; i < this.keys.length; i++) {
      let slot = hashes[i] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

/** Parses leads CSV text; `file` names it in errors. */
export function parseLeadsCsv(text: string, file: string): LeadsFile {
  const issues: ScenarioIssue[] = [];
  let issueCount = 0;
  const report = (issue: Omit<ScenarioIssue, "file">) => {
    issueCount++;
    if (issues.length < MAX_ISSUES) issues.push({ file, ...issue });
  };
  // Not narrowed to null by the compiler: the record handler below sets it.
  let reader = null as LeadsReader | null;
  const records = new SpanningRecords(
    (record, line) => {
      if (reader === null) reader = new LeadsReader(file, record.fields(), line, report);
      else reader.row(record, line);
    },
    (problem, line, got) => {
      const issue =
        problem === "unterminated"
          ? { line, keyPath: "", expected: "a closing double quote", got: "the end of the file" }
          : {
              line,
              keyPath: "",
              expected: "a comma or the end of the line after a closing double quote",
              got: JSON.stringify(got),
            };
      // Without its header no row can be read: nothing more to say.
      if (reader === null) throw new ScenarioError({ file, ...issue });
      report(issue);
    },
  );
  const splitter = new LineSplitter(records.line);
  // A lone CR ends a line too, as in the CSV spreadsheets save for classic Mac OS.
  splitter.push(LONE_CR.test(text) ? text.replace(LONE_CR_ALL, "\n") : text);
  splitter.end();
  records.end();
  if (reader === null) {
    throw new ScenarioError({
      file,
      line: 1,
      keyPath: "",
      expected: "a header row naming a number column",
      got: "an empty file",
    });
  }
  if (issueCount > 0) {
    const more = issueCount - issues.length;
    throw new ScenarioError(issues, more > 0 ? [`${file}: ... and ${more} more problems`] : []);
  }
  const { leads, headerLine } = reader;
  if (leads.numbers.length === 0) {
    throw new ScenarioError({
      file,
      line: headerLine,
      keyPath: "",
      expected: "at least one row of leads after the header",
      got: "none",
    });
  }
  return leads;
}

/** Reads the rows of a leads file after its header, reporting what is wrong with each. */
class LeadsReader {
  readonly leads: LeadsFile;
  private readonly width: number;
  private readonly numberAt: number;
  /** Column of each consent column the header names, -1 for the others. */
  private readonly consentAt = {} as Record<ConsentColumn, number>;
  private readonly zoneAt: number;
  // Zones checked so far, each kept once however many leads share it.
  private readonly knownZones = new Map<string, string>([["", ""]]);
  private readonly seen = new FirstSeen();
  /** The row being read, for {@link LeadsReader.cell}. */
  private record: CsvRecord | null = null;
  /** A consent column of the row being read; "" when the header does not name it. */
  private readonly cell = (name: ConsentColumn): string => {
    const at = this.consentAt[name];
    return at < 0 || this.record === null ? "" : this.record.field(at);
  };

  /** Checks the header's columns; throws a ScenarioError naming the header's line. */
  constructor(
    file: string,
    header: readonly string[],
    readonly headerLine: number,
    private readonly report: (issue: Omit<ScenarioIssue, "file">) => void,
  ) {
    const names = header.map((h) => h.trim().toLowerCase());
    const badHeader = (expected: string) =>
      new ScenarioError({
        file,
        line: headerLine,
        keyPath: "",
        expected,
        got: `the columns ${header.map((h) => JSON.stringify(h)).join(", ")}`,
      });
    const column = names.indexOf("number");
    if (column < 0) throw badHeader("a header row naming a number column");
    if (names.indexOf("number", column + 1) >= 0) {
      throw badHeader("a header row naming exactly one number column");
    }
    for (const name of [...CONSENT_COLUMNS, TIME_ZONE_COLUMN]) {
      if (names.indexOf(name) !== names.lastIndexOf(name)) {
        throw badHeader(`a header row naming at most one ${name} column`);
      }
    }
    this.width = header.length;
    this.numberAt = column;
    for (const name of CONSENT_COLUMNS) this.consentAt[name] = names.indexOf(name);
    this.zoneAt = names.indexOf(TIME_ZONE_COLUMN);
    const withConsents = CONSENT_COLUMNS.some((name) => this.consentAt[name] >= 0);
    this.leads = {
      numbers: [],
      consents: withConsents ? [] : null,
      timeZones: this.zoneAt < 0 ? null : [],
    };
  }

  /** Reads one row: its lead, or a reported problem. */
  row(record: CsvRecord, line: number): void {
    if (record.count !== this.width) {
      const width = this.width;
      this.report({
        line,
        keyPath: "",
        expected: `${width} field${width === 1 ? "" : "s"} as in the header`,
        got: `${record.count}`,
      });
      return;
    }
    const written = record.field(this.numberAt);
    const number = normalizePhoneNumber(written);
    if (number === undefined) {
      this.report({
        line,
        keyPath: "number",
        expected: PHONE_EXPECTED,
        got: describeCell(written),
      });
      return;
    }
    const first = this.seen.getOrAdd(number, line);
    if (first !== undefined) {
      this.report({
        line,
        keyPath: "number",
        expected: "a number not listed before",
        got: `${JSON.stringify(written.trim())}, already on line ${first}`,
      });
      return;
    }
    const { consents, timeZones } = this.leads;
    if (consents !== null) {
      this.record = record;
      const cell = this.cell;
      const lead = leadConsent(cell, (keyPath, expected) =>
        this.report({ line, keyPath, expected, got: describeCell(cell(keyPath)) }),
      );
      if (lead === undefined) return;
      consents.push(lead);
    }
    if (timeZones !== null) {
      const writtenZone = record.field(this.zoneAt).trim();
      const zone = this.zone(writtenZone);
      if (zone === undefined) {
        this.report({
          line,
          keyPath: TIME_ZONE_COLUMN,
          expected: `${TIME_ZONE_EXPECTED}, or an empty field (the call centre's)`,
          got: JSON.stringify(writtenZone),
        });
        return;
      }
      timeZones.push(zone);
    }
    this.leads.numbers.push(number);
  }

  /** The zone as written, once checked; undefined when it is not one. */
  private zone(written: string): string | undefined {
    let zone = this.knownZones.get(written);
    if (zone === undefined && isTimeZone(written)) {
      zone = written;
      this.knownZones.set(written, zone);
    }
    return zone;
  }
}

function describeCell(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" ? "an empty field" : JSON.stringify(trimmed);
}

/** One row's consent data, or undefined after reporting what is wrong with it. */
function leadConsent(
  cell: (name: ConsentColumn) => string,
  report: (column: ConsentColumn, expected: string) => void,
): LeadConsent | undefined {
  const sources = parseSources(cell("source"));
  if (!("value" in sources)) {
    report("source", sources.expected);
    return undefined;
  }
  const register = parseRegister(cell("register_status"), cell("register_date"));
  if (!("value" in register)) {
    report(register.column ?? "register_status", register.expected);
    return undefined;
  }
  const consents = parseConsents(cell("consents"));
  if (!("value" in consents)) {
    report("consents", consents.expected);
    return undefined;
  }
  return { consents: consents.value, registeredDay: register.value, sources: sources.value };
}
