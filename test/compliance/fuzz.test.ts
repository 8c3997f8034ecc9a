/**
 * Fuzzed input never crashes the program: garbled call records (random bytes, mutated rows,
 * random chunk boundaries) and garbled rule-set YAML either pass or fail with a ScenarioError
 * (exit code 2 with file:line), never with anything else. Seeded, so a failure replays.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Audit } from "../../src/compliance/audit.js";
import { auditChunks } from "../../src/compliance/audit-file.js";
import { CALL_FORMAT_NAMES, CALL_FORMATS } from "../../src/compliance/formats/call-formats.js";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { packagePath } from "../../src/package-root.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import { parseRuleSet } from "../../src/rules/load-rule-set.js";
import { createStreams, type Rng } from "../../src/sim/random.js";
import { amdHangup, connected, plus, silent, toCsv, unanswered } from "./call-records.js";

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

const ALPHABET = [...',"\r\n\t :-.T0123456789abcxyz+\u00e9\u20ac\ufeff\u0000'];

function randomText(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) {
    s += rng() < 0.7 ? pick(rng, ALPHABET) : String.fromCharCode(int(rng, 0x3000));
  }
  return s;
}

/** One of many ways to spoil a line. */
function mutate(rng: Rng, line: string): string {
  const at = int(rng, line.length + 1);
  switch (int(rng, 7)) {
    case 0:
      return line.slice(0, at) + line.slice(at + 1 + int(rng, 5));
    case 1:
      return line.slice(0, at) + randomText(rng, 1 + int(rng, 4)) + line.slice(at);
    case 2:
      return line.replaceAll(",", pick(rng, [";", "\t", ",,", '","']));
    case 3:
      return `${line.slice(0, at)}"${line.slice(at)}`;
    case 4: {
      const fields = line.split(",");
      fields[int(rng, fields.length)] = pick(rng, [
        "",
        " ",
        "person",
        "machine",
        "2026-12-31T23:59:59.999",
        "9999-99-99T99:99:99",
        "NaN",
        "-1",
        '"',
        "true",
      ]);
      return fields.join(",");
    }
    case 5:
      return line.split(",").reverse().join(",");
    default:
      return "";
  }
}

function validRecords(rng: Rng): string {
  const recs = [];
  let t = "2026-12-02T09:00:00.000";
  for (let i = 0; i < 20; i++) {
    t = plus(t, int(rng, 600));
    const number = `+3933300000${int(rng, 5)}`;
    const make = pick(rng, [connected, silent, unanswered, amdHangup]);
    recs.push(make(t, { number }));
  }
  return toCsv(recs);
}

/** Splits text into random chunks. */
function chunks(rng: Rng, text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + int(rng, 40);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** The audit's result, or its error message: what a run of the CLI would print. */
async function outcome(parts: readonly string[], format: (typeof CALL_FORMAT_NAMES)[number]) {
  const audit = new Audit(BUILT_IN_RULE_SETS["uk-ofcom-2016"], { holidays: ["2026-12-25"] });
  try {
    const run = await auditChunks("fuzz.csv", parts, audit, CALL_FORMATS[format]);
    return JSON.stringify(run.result);
  } catch (e) {
    // The only error allowed: bad input, naming the file and a line.
    if (!(e instanceof ScenarioError)) throw e;
    for (const issue of e.issues) {
      expect(issue.file).toBe("fuzz.csv");
      expect(issue.line).toBeGreaterThanOrEqual(1);
    }
    return `error ${e.message}`;
  }
}

describe("fuzzed call records", () => {
  it("pass or fail with a ScenarioError, and chunking never changes the answer", async () => {
    const rng = createStreams(2026).stream("fuzz-csv");
    let errors = 0;
    let passes = 0;
    for (let round = 0; round < 300; round++) {
      const lines = validRecords(rng).split("\n");
      const kind = int(rng, 3);
      const format = kind === 2 ? "pacelab" : pick(rng, CALL_FORMAT_NAMES);
      let text: string;
      if (kind === 0) text = randomText(rng, int(rng, 400));
      else if (kind === 1)
        text = lines
          .map((l) => (rng() < 0.15 ? mutate(rng, l) : l))
          .join(pick(rng, ["\n", "\r\n"]));
      else text = lines.join("\n");
      const whole = await outcome([text], format);
      const split = await outcome(chunks(rng, text), format);
      expect(split).toBe(whole);
      if (whole.startsWith("error")) errors++;
      else passes++;
    }
    // The generator exercises both paths.
    expect(errors).toBeGreaterThan(50);
    expect(passes).toBeGreaterThan(50);
  });
});

describe("fuzzed rule-set YAML", () => {
  const sources = ["it-garante-2014", "uk-ofcom-2016", "us-tcpa"].map((id) =>
    readFileSync(packagePath("rules", `${id}.yaml`), "utf8"),
  );
  const SCALARS = [
    "",
    "~",
    "null",
    "0",
    "-1",
    "3.5",
    "1e309",
    "true",
    "[]",
    "{}",
    "[1, 2]",
    "{ a: 1 }",
    '"x"',
    "'",
    "&a",
    "*a",
    "!!binary x",
    "24:00",
    '["25:00-26:00"]',
    '["09:00-08:00"]',
    "|",
    ">-",
  ];

  it("parses or fails with a ScenarioError citing the file", () => {
    const rng = createStreams(2026).stream("fuzz-yaml");
    let errors = 0;
    let passes = 0;
    for (let round = 0; round < 400; round++) {
      const lines = pick(rng, sources).split("\n");
      const n = 1 + int(rng, 4);
      for (let k = 0; k < n; k++) {
        const i = int(rng, lines.length);
        const line = lines[i];
        const colon = line.indexOf(":");
        switch (int(rng, 5)) {
          case 0:
            lines.splice(i, 1);
            break;
          case 1:
            if (colon > 0) lines[i] = `${line.slice(0, colon + 1)} ${pick(rng, SCALARS)}`;
            break;
          case 2:
            lines[i] = ` ${line}`;
            break;
          case 3:
            lines[i] = mutate(rng, line);
            break;
          default:
            lines.splice(
              i,
              0,
              `${pick(rng, ["x", "id", "ceiling", "  per100", "weekday"])}: ${pick(rng, SCALARS)}`,
            );
        }
      }
      const text = rng() < 0.1 ? randomText(rng, int(rng, 300)) : lines.join("\n");
      try {
        const r = parseRuleSet(text, "fuzz.yaml");
        passes++;
        // What passes is a usable rule set.
        expect(r.ceilingPer100).toBeGreaterThanOrEqual(0);
        expect(r.ceilingPer100).toBeLessThanOrEqual(100);
        for (const windows of Object.values(r.callingHours)) {
          for (const w of windows) expect(w.end).toBeGreaterThan(w.start);
        }
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        expect(e.file).toBe("fuzz.yaml");
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(100);
    expect(passes).toBeGreaterThan(10);
  });
});
