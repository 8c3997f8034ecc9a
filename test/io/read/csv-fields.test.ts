/** The CSV reader shared by call records (line by line) and leads files (records spanning lines). */
import { describe, expect, it } from "vitest";
import { parseLocalTimestamp } from "../../../src/calendar/local-time.js";
import { CsvRecord, LineSplitter, splitLine } from "../../../src/io/read/csv-fields.js";
import { SpanningRecords } from "../../../src/io/read/spanning-records.js";

/** Reads `text` into records (fields and first line) and quoting problems (kind, line, got). */
function records(text: string): { records: [number, string[]][]; problems: string[] } {
  const got: [number, string[]][] = [];
  const problems: string[] = [];
  const reader = new SpanningRecords(
    (record, line) => got.push([line, record.fields()]),
    (problem, line, at) => problems.push(`${line} ${problem} ${JSON.stringify(at)}`),
  );
  const splitter = new LineSplitter(reader.line);
  splitter.push(text);
  splitter.end();
  reader.end();
  return { records: got, problems };
}

describe("lines and fields", () => {
  it("splits chunks into numbered lines across chunk ends, CRLF and a byte-order mark", () => {
    const got: [string, number][] = [];
    const s = new LineSplitter((text, from, to, line) => got.push([text.slice(from, to), line]));
    for (const chunk of ["\ufeffa,b\r", "\nc", "d\n\n", "e\r\n", "f"]) s.push(chunk);
    s.end();
    expect(got).toEqual([
      ["a,b", 1],
      ["cd", 2],
      ["", 3],
      ["e", 4],
      ["f", 5],
    ]);
  });

  it("reads quoted fields within a line and reports broken quoting", () => {
    expect(splitLine('a,"b,c","say ""hi""",,')).toEqual({
      fields: ["a", "b,c", 'say "hi"', "", ""],
    });
    expect(splitLine('a,"open').problem).toBe("unterminated");
    expect(splitLine('"a"b,c').problem).toBe("text after a closing quote");
    expect(splitLine("a\tb", 9).fields).toEqual(["a", "b"]);
    const r = new CsvRecord();
    r.split('x,"2026-12-01T09:00:00.5",', 0, 25);
    expect(r.time(1)).toBe(parseLocalTimestamp("2026-12-01T09:00:00.500"));
    expect(r.isEmpty(2)).toBe(true);
  });
});

describe("records spanning lines", () => {
  it("joins a quoted field's lines with LF, numbers a record by its first line, skips blank lines", () => {
    expect(records('a,b\r\n\r\n"two\r\nlines",x\n"3\n\n5",""\nlast').records).toEqual([
      [1, ["a", "b"]],
      [3, ["two\nlines", "x"]],
      [5, ["3\n\n5", ""]],
      [8, ["last"]],
    ]);
  });

  it("puts a field left open at the line of its opening quote, past earlier fields", () => {
    const read = records('a,b\n"x\ny","z\nq\nr\n');
    expect(read.records).toEqual([[1, ["a", "b"]]]);
    expect(read.problems).toEqual(['3 unterminated "\\""']);
  });

  it("puts text after a closing quote at its own line, then reads on", () => {
    const read = records('a\n"x\ny"z,1\nb\n"c"d\n');
    expect(read.records).toEqual([
      [1, ["a"]],
      [4, ["b"]],
    ]);
    expect(read.problems).toEqual([
      '3 text after a closing quote "z"',
      '5 text after a closing quote "d"',
    ]);
  });

  it("reads a one-column file to its end", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => String(i));
    const read = records(`${lines.join("\n")}\n`);
    expect(read.records).toHaveLength(1000);
    expect(read.records[999]).toEqual([1000, ["999"]]);
  });
});
