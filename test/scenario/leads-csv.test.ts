import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { daysFromCivil } from "../../src/calendar/local-time.js";
import { CONSENTS_EXPECTED, SOURCES_EXPECTED } from "../../src/consent/consent-fields.js";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import {
  normalizePhoneNumber,
  PHONE_EXPECTED,
  parseLeadsCsv,
  readLeadsCsv,
} from "../../src/scenario/leads-csv.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-leads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(text: string, file = "leads.csv"): ScenarioError {
  try {
    parseLeadsCsv(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error("expected a ScenarioError");
}

describe("normalizePhoneNumber", () => {
  it("strips spaces and dashes and keeps a leading +", () => {
    expect(normalizePhoneNumber("+39 333 123-4567")).toBe("+393331234567");
    expect(normalizePhoneNumber("0612345678")).toBe("0612345678");
    expect(normalizePhoneNumber("12345")).toBe("12345");
    expect(normalizePhoneNumber("1234567890123456")).toBe("1234567890123456");
  });

  it("rejects what is not a phone number", () => {
    for (const bad of [
      "1234",
      "12345678901234567",
      "+",
      "39+333123",
      "333-12a4567",
      "(06) 1234567",
      "",
    ]) {
      expect(normalizePhoneNumber(bad)).toBeUndefined();
    }
  });
});

describe("parseLeadsCsv", () => {
  it("returns the number column, ignoring other columns", () => {
    const text = "id,number,name\n1,+39 333 1234567,Rossi\n2,0612345678,Bianchi\n";
    expect(parseLeadsCsv(text, "f.csv").numbers).toEqual(["+393331234567", "0612345678"]);
  });

  it("handles quoted fields, escaped quotes, CRLF, a BOM and blank lines", () => {
    const text =
      '\uFEFFname,"number"\r\n"Rossi, Mario","+39 333 1234567"\r\n\r\n"He said ""hi""",06-1234-5678\r\n' +
      '"two\r\nlines",12345\r\n';
    expect(parseLeadsCsv(text, "f.csv").numbers).toEqual(["+393331234567", "0612345678", "12345"]);
  });

  it("accepts a file without a final newline and a header in any case", () => {
    expect(parseLeadsCsv(" Number \n12345\n67890", "f.csv").numbers).toEqual(["12345", "67890"]);
  });

  it("rejects an empty file and a header without a number column", () => {
    expect(errorOf("").message).toBe(
      "leads.csv:1: expected a header row naming a number column, got an empty file",
    );
    expect(errorOf("\n\nid,phone\n1,12345\n").message).toBe(
      'leads.csv:3: expected a header row naming a number column, got the columns "id", "phone"',
    );
    expect(errorOf("number,number\n1,2\n").expected).toBe(
      "a header row naming exactly one number column",
    );
  });

  it("rejects a header with no rows", () => {
    expect(errorOf("number\n").message).toBe(
      "leads.csv:1: expected at least one row of leads after the header, got none",
    );
  });

  it("cites the line of a row with the wrong number of fields", () => {
    const e = errorOf("id,number\n1,12345\n2,23456,extra\n3,34567\n");
    expect(e.message).toBe("leads.csv:3: expected 2 fields as in the header, got 3");
    expect(e.line).toBe(3);
  });

  it("counts lines inside quoted fields and skipped blank lines", () => {
    const e = errorOf('id,number\n"a\nb\nc",12345\n\n2\n');
    expect(e.line).toBe(6);
  });

  it("rejects an empty number and a malformed number, citing the line", () => {
    const e = errorOf('id,number\n1,12345\n2,\n3,"  "\n4,12ab5\n5,+39+333\n');
    expect(e.issues.map((i) => `${i.line} ${i.got}`)).toEqual([
      "3 an empty field",
      "4 an empty field",
      '5 "12ab5"',
      '6 "+39+333"',
    ]);
    expect(e.keyPath).toBe("number");
    expect(e.expected).toBe(PHONE_EXPECTED);
    expect(e.message.split("\n")[0]).toBe(
      `leads.csv:3: number: expected ${PHONE_EXPECTED}, got an empty field`,
    );
  });

  it("rejects a duplicate number, citing both lines (after normalising)", () => {
    const e = errorOf("number\n+39 333 1234567\n0612345678\n+39-333-1234567\n");
    expect(e.line).toBe(4);
    expect(e.message).toBe(
      'leads.csv:4: number: expected a number not listed before, got "+39-333-1234567", already on line 2',
    );
  });

  it("rejects an unterminated quote at the line where the field starts", () => {
    const e = errorOf('number\n12345\n"67890\n11111\n');
    expect(e.message).toBe("leads.csv:3: expected a closing double quote, got the end of the file");
  });

  it("reads lone CR line ends as spreadsheets on classic Mac OS write them", () => {
    expect(parseLeadsCsv('number,name\r12345,"a"\r\r67890,b\r', "f.csv").numbers).toEqual([
      "12345",
      "67890",
    ]);
    expect(errorOf("number\r12345\r12345\r").message).toBe(
      'leads.csv:3: number: expected a number not listed before, got "12345", already on line 2',
    );
  });

  it("names the broken quoting of a header rather than its columns", () => {
    expect(errorOf('id,"number\n12345\n').message).toBe(
      "leads.csv:1: expected a closing double quote, got the end of the file",
    );
    expect(errorOf('\n"number"x\n12345\n').message).toBe(
      'leads.csv:2: expected a comma or the end of the line after a closing double quote, got "x"',
    );
  });

  it("rejects text after a closing quote", () => {
    const e = errorOf('number\n"12345"x\n67890\n');
    expect(e.line).toBe(2);
    expect(e.expected).toBe("a comma or the end of the line after a closing double quote");
  });

  it("shows the first 20 problems and counts the rest", () => {
    const rows = Array.from({ length: 25 }, () => "x").join("\n");
    const e = errorOf(`number\n${rows}\n`);
    expect(e.issues).toHaveLength(20);
    const lines = e.message.split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe("leads.csv: ... and 5 more problems");
  });

  it("reads 1,000,000 rows", () => {
    const parts: string[] = ["id,number,name\r\n"];
    for (let i = 0; i < 1_000_000; i++)
      parts.push(`${i},+39 3${String(i).padStart(9, "0")},"Lead ${i}"\r\n`);
    const text = parts.join("");
    // Speed is bench/'s business: a timing assertion fails on a loaded machine.
    const { numbers } = parseLeadsCsv(text, "big.csv");
    expect(numbers).toHaveLength(1_000_000);
    expect(numbers[999_999]).toBe("+393000999999");
  });
});

describe("parseLeadsCsv with consent columns", () => {
  const header = "id,number,source,register_status,register_date,consents\n";

  it("has no consent data without consent columns", () => {
    expect(parseLeadsCsv("number\n12345\n", "f.csv").consents).toBeNull();
  });

  it("reads sources, register status and consents per lead, in the order of the numbers", () => {
    const text =
      header +
      '1,12345,customer|public-web,listed,2026-06-01,"marketing:operator:2026-03-01:web-form; profiling:email:2026-03-02:contract"\n' +
      "2,23456,public-web,,,\n" +
      "3,34567,,not-listed,,marketing:sms:2025-12-31:phone\n";
    const { numbers, consents } = parseLeadsCsv(text, "f.csv");
    expect(numbers).toEqual(["12345", "23456", "34567"]);
    expect(consents).toEqual([
      {
        sources: ["customer", "public-web"],
        registeredDay: daysFromCivil(2026, 6, 1),
        consents: [
          {
            purpose: "marketing",
            channel: "operator",
            day: daysFromCivil(2026, 3, 1),
            source: "web-form",
          },
          {
            purpose: "profiling",
            channel: "email",
            day: daysFromCivil(2026, 3, 2),
            source: "contract",
          },
        ],
      },
      { sources: ["public-web"], registeredDay: null, consents: [] },
      {
        sources: [],
        registeredDay: null,
        consents: [
          {
            purpose: "marketing",
            channel: "sms",
            day: daysFromCivil(2025, 12, 31),
            source: "phone",
          },
        ],
      },
    ]);
  });

  it("takes any subset of the consent columns, in any order", () => {
    const { consents } = parseLeadsCsv(
      "consents,number\nmarketing:paper:2026-01-05:shop,12345\n",
      "f.csv",
    );
    expect(consents).toEqual([
      {
        sources: [],
        registeredDay: null,
        consents: [
          {
            purpose: "marketing",
            channel: "paper",
            day: daysFromCivil(2026, 1, 5),
            source: "shop",
          },
        ],
      },
    ]);
  });

  it("rejects bad rows with the row's line, the column and what was expected", () => {
    const e = errorOf(
      header +
        "1,12345,customer,listed,,\n" + // listed without a date
        "2,23456,customer,,2026-01-01,\n" + // a date for a number not listed
        "3,34567,customer,maybe,,\n" +
        "4,45678,customer,,,marketing:operator:2026-02-30:web-form\n" +
        "5,56789,customer,,,marketing:phone:2026-02-01:web-form\n" +
        "6,67890,customer,,,sales:operator:2026-02-01:web-form\n" +
        "7,78901,customer,,,marketing:operator:2026-02-01\n" +
        "8,89012,web site,,,\n" +
        "9,90123,customer,,,marketing:operator:2026-02-01:web-form\n",
    );
    expect(e.issues.map((i) => `${i.line} ${i.keyPath}: ${i.expected}, got ${i.got}`)).toEqual([
      "2 register_date: the date the number was listed: a date YYYY-MM-DD, got an empty field",
      '3 register_date: an empty register_date for a number not listed, got "2026-01-01"',
      '4 register_status: a register status, one of listed, not-listed (or empty: not listed), got "maybe"',
      '5 consents: a consent date: a date YYYY-MM-DD, got "marketing:operator:2026-02-30:web-form"',
      '6 consents: a consent channel, one of operator, paper, automated, email, sms, mms, fax, recorded-call, got "marketing:phone:2026-02-01:web-form"',
      '7 consents: a consent purpose, one of marketing, profiling, third-party, got "sales:operator:2026-02-01:web-form"',
      `8 consents: ${CONSENTS_EXPECTED}, got "marketing:operator:2026-02-01"`,
      `9 source: ${SOURCES_EXPECTED}, got "web site"`,
    ]);
    expect(e.message.split("\n")[0]).toBe(
      "leads.csv:2: register_date: expected the date the number was listed: a date YYYY-MM-DD, got an empty field",
    );
  });

  it("rejects a header naming a consent column twice", () => {
    expect(errorOf("number,consents,consents\n12345,,\n").expected).toBe(
      "a header row naming at most one consents column",
    );
  });
});

describe("readLeadsCsv", () => {
  it("reads a file and names it in errors", () => {
    const path = join(dir, "leads.csv");
    writeFileSync(path, "number\n12345\n12345\n");
    expect(() => readLeadsCsv(path)).toThrow(
      `${path}:3: number: expected a number not listed before`,
    );
    writeFileSync(path, "number\n12345\n");
    expect(readLeadsCsv(path).numbers).toEqual(["12345"]);
  });

  it("reports a missing file as a ScenarioError with exit code 2", () => {
    const path = join(dir, "missing.csv");
    try {
      readLeadsCsv(path);
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).exitCode).toBe(2);
      expect((e as ScenarioError).message).toBe(
        `${path}: expected a readable CSV file, got ENOENT`,
      );
    }
  });
});

describe("time_zone column", () => {
  it("gives each lead its zone, empty for the centre's, and null without the column", () => {
    const text = "number,time_zone\n12345, America/Chicago \n12346,\n12347,America/Chicago\n";
    const { timeZones } = parseLeadsCsv(text, "f.csv");
    expect(timeZones).toEqual(["America/Chicago", "", "America/Chicago"]);
    expect(parseLeadsCsv("number\n12345\n", "f.csv").timeZones).toBeNull();
  });

  it("rejects a zone it does not know, with the row's line", () => {
    const e = errorOf("number,time_zone\n12345,Europe/Rome\n12346,CET+1\n");
    expect(e.message).toBe(
      'leads.csv:3: time_zone: expected an IANA time zone such as Europe/Rome or America/New_York, or an empty field (the call centre\'s), got "CET+1"',
    );
  });
});
