/**
 * Leads files: CSV (RFC 4180: comma-separated, optional double-quoted fields with `""` escapes,
 * LF or CRLF line ends) with a header row naming a `number` column and, optionally, the consent
 * columns `source`, `register_status`, `register_date` and `consents` (docs/scenario.md). Other
 * columns are allowed and ignored. Blank lines are skipped. Written to read a million rows in
 * well under a second: one pass over the text, no regular expressions per row without consent
 * columns, only the columns used are copied out.
 */
import { readFileSync } from "node:fs";
import { isTimeZone, TIME_ZONE_EXPECTED } from "../calendar/local-time.js";
import { parseConsents, parseRegister, parseSources } from "../consent/consent-fields.js";
import type { LeadConsent } from "../consent/consent-record.js";
import { ScenarioError, type ScenarioIssue } from "../io/read/scenario-error.js";

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

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
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
    text = readFileSync(path, "utf8");
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
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const issues: ScenarioIssue[] = [];
  let issueCount = 0;
  const report = (issue: Omit<ScenarioIssue, "file">) => {
    issueCount++;
    if (issues.length < MAX_ISSUES) issues.push({ file, ...issue });
  };

  // State of the record being read.
  let recordLine = 1;
  let fieldCount = 0;
  let slots: Int32Array | null = null; // slot of each column kept, -1 if not; null keeps every field (the header)
  const kept: string[] = [];
  let header: string[] = [];
  let broken = false;

  /** Reads one record from `pos`; false at the end of the text. Skips blank lines. */
  const readRecord = (): boolean => {
    for (;;) {
      if (pos >= n) return false;
      const c = text.charCodeAt(pos);
      if (c === LF) {
        pos++;
        line++;
      } else if (c === CR) {
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
      } else {
        break;
      }
    }
    recordLine = line;
    fieldCount = 0;
    kept.fill("");
    broken = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        const fieldLine = line;
        const keep = slots === null || slots[fieldCount] >= 0;
        pos++;
        value = "";
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) {
            report({
              line: fieldLine,
              keyPath: "",
              expected: "a closing double quote",
              got: "the end of the file",
            });
            broken = true;
            pos = n;
            return true;
          }
          for (let i = text.indexOf("\n", pos); i >= 0 && i < q; i = text.indexOf("\n", i + 1)) {
            line++;
          }
          if (keep) value += text.slice(pos, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            if (keep) value += '"';
            pos = q + 2;
          } else {
            pos = q + 1;
            break;
          }
        }
        const after = pos < n ? text.charCodeAt(pos) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          report({
            line,
            keyPath: "",
            expected: "a comma or the end of the line after a closing double quote",
            got: JSON.stringify(text[pos]),
          });
          broken = true;
          // Skip to the end of the line.
          while (pos < n && text.charCodeAt(pos) !== LF && text.charCodeAt(pos) !== CR) pos++;
        }
      } else {
        const start = pos;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === COMMA || c === LF || c === CR) break;
          pos++;
        }
        value = slots === null || slots[fieldCount] >= 0 ? text.slice(start, pos) : "";
      }
      if (slots === null) header.push(value);
      else if (fieldCount < slots.length && slots[fieldCount] >= 0) kept[slots[fieldCount]] = value;
      fieldCount++;
      if (pos >= n) return true;
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue;
      }
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      return true;
    }
  };

  if (!readRecord()) {
    throw new ScenarioError({
      file,
      line: 1,
      keyPath: "",
      expected: "a header row naming a number column",
      got: "an empty file",
    });
  }
  const headerLine = recordLine;
  const names = header.map((h) => h.trim().toLowerCase());
  const column = names.indexOf("number");
  if (column < 0 || names.indexOf("number", column + 1) >= 0) {
    throw new ScenarioError({
      file,
      line: headerLine,
      keyPath: "",
      expected:
        column < 0
          ? "a header row naming a number column"
          : "a header row naming exactly one number column",
      got: `the columns ${header.map((h) => JSON.stringify(h)).join(", ")}`,
    });
  }
  const width = header.length;
  for (const name of [...CONSENT_COLUMNS, TIME_ZONE_COLUMN]) {
    if (names.indexOf(name) !== names.lastIndexOf(name)) {
      throw new ScenarioError({
        file,
        line: headerLine,
        keyPath: "",
        expected: `a header row naming at most one ${name} column`,
        got: `the columns ${header.map((h) => JSON.stringify(h)).join(", ")}`,
      });
    }
  }
  // Slot 0 is the number; slots 1.. the consent columns the header names.
  slots = new Int32Array(width).fill(-1);
  slots[column] = 0;
  const consentSlot = {} as Record<ConsentColumn, number>;
  let slotCount = 1;
  for (const name of CONSENT_COLUMNS) {
    const at = names.indexOf(name);
    consentSlot[name] = at < 0 ? -1 : slotCount;
    if (at >= 0) slots[at] = slotCount++;
  }
  const withConsents = slotCount > 1;
  const zoneAt = names.indexOf(TIME_ZONE_COLUMN);
  const zoneSlot = zoneAt < 0 ? -1 : slotCount;
  if (zoneAt >= 0) slots[zoneAt] = slotCount++;
  kept.length = slotCount;
  header = [];
  const cell = (name: ConsentColumn) => (consentSlot[name] < 0 ? "" : kept[consentSlot[name]]);

  const numbers: string[] = [];
  const consents: LeadConsent[] | null = withConsents ? [] : null;
  const timeZones: string[] | null = zoneSlot < 0 ? null : [];
  // Zones checked so far, each kept once however many leads share it.
  const knownZones = new Map<string, string>([["", ""]]);
  const seen = new FirstSeen();
  while (readRecord()) {
    if (broken) continue;
    if (fieldCount !== width) {
      report({
        line: recordLine,
        keyPath: "",
        expected: `${width} field${width === 1 ? "" : "s"} as in the header`,
        got: `${fieldCount}`,
      });
      continue;
    }
    const number = normalizePhoneNumber(kept[0]);
    if (number === undefined) {
      const trimmed = kept[0].trim();
      report({
        line: recordLine,
        keyPath: "number",
        expected: PHONE_EXPECTED,
        got: trimmed === "" ? "an empty field" : JSON.stringify(trimmed),
      });
      continue;
    }
    const first = seen.getOrAdd(number, recordLine);
    if (first !== undefined) {
      report({
        line: recordLine,
        keyPath: "number",
        expected: "a number not listed before",
        got: `${JSON.stringify(kept[0].trim())}, already on line ${first}`,
      });
      continue;
    }
    if (consents !== null) {
      const lead = leadConsent(cell, (keyPath, expected) =>
        report({
          line: recordLine,
          keyPath,
          expected,
          got: describeCell(cell(keyPath as ConsentColumn)),
        }),
      );
      if (lead === undefined) continue;
      consents.push(lead);
    }
    if (timeZones !== null) {
      const written = kept[zoneSlot].trim();
      let zone = knownZones.get(written);
      if (zone === undefined && isTimeZone(written)) {
        zone = written;
        knownZones.set(written, zone);
      }
      if (zone === undefined) {
        report({
          line: recordLine,
          keyPath: TIME_ZONE_COLUMN,
          expected: `${TIME_ZONE_EXPECTED}, or an empty field (the call centre's)`,
          got: JSON.stringify(written),
        });
        continue;
      }
      timeZones.push(zone);
    }
    numbers.push(number);
  }
  if (issueCount > 0) {
    const more = issueCount - issues.length;
    throw new ScenarioError(issues, more > 0 ? [`${file}: ... and ${more} more problems`] : []);
  }
  if (numbers.length === 0) {
    throw new ScenarioError({
      file,
      line: headerLine,
      keyPath: "",
      expected: "at least one row of leads after the header",
      got: "none",
    });
  }
  return { numbers, consents, timeZones };
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
