import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readResultFile, reportCommand, writeReport } from "../../src/cli/report-command.js";
import { outputFiles } from "../support/output-files.js";
import { fixtures, variant } from "./result-fixtures.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-report-"));

function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
}

function thrown(run: () => unknown): { message: string; exitCode?: number } {
  try {
    run();
  } catch (error) {
    return error as { message: string; exitCode?: number };
  }
  throw new Error("expected an error");
}

describe("pacelab report", () => {
  // One report written by writeReport, the same results again through the command.
  const dir = tempDir();
  const pair = join(dir, "compare.json");
  const sources = [`${pair} [0]`, `${pair} [1]`];
  const a = join(dir, "direct");
  const b = join(dir, "command");
  let written: string[] = [];
  const printed: string[] = [];
  let code = -1;
  beforeAll(async () => {
    writeJson(dir, "compare.json", fixtures.compared());
    written = (await writeReport(fixtures.compared(), sources, a)).written;
    code = await reportCommand({ results: [pair], out: b }, (t) => printed.push(t));
  }, 120_000); // simulates and draws: slow on a busy machine

  it("writes the page and every chart as SVG, PNG and spec, the same bytes every time", () => {
    const charts = ["silent-by-result", "frontier"].concat(
      ...[1, 2].map((i) => [
        `silent-over-time-${i}`,
        `silent-hold-times-${i}`,
        `agent-states-${i}`,
      ]),
    );
    const expected = [
      "report.html",
      ...charts.flatMap((c) => [`${c}.svg`, `${c}.png`, `${c}.vl.json`]),
    ];
    expect(written).toEqual(expected.map((name) => join(a, name)));
    expect(outputFiles(a)).toEqual([...expected].sort()); // no temporary files left
    for (const name of expected) {
      expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
    }
    const spec = JSON.parse(readFileSync(join(a, "frontier.vl.json"), "utf8"));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
  });

  it("reads compare's arrays of results, and prints where it wrote", () => {
    expect(code).toBe(0);
    expect(printed.join("")).toBe(
      `wrote ${join(b, "report.html")} (open it in a browser) and 8 charts as SVG, PNG and Vega-Lite spec into ${b}\n`,
    );
    const page = readFileSync(join(b, "report.html"), "utf8");
    expect(page).toContain(`${pair} [1]`);
    expect(page).toContain("Result 2: default · guarded:binomial");
    const single = writeJson(dir, "result.json", fixtures.defaultOne());
    expect(readResultFile(single)).toEqual([fixtures.defaultOne()]);
  });

  it("states what ran and the verdicts, with every chart inline and no id used twice", async () => {
    const page = readFileSync(join(a, "report.html"), "utf8");
    const guarded = fixtures.compared()[1];
    for (const fact of [
      guarded.scenario.sha256,
      "scenarios/default.yaml",
      "it-garante-2014, version 1",
      "at most 3 silent calls per 100 calls connected",
      "within 3 s of answering",
      "not called for 5 days",
      "1 to 2, one per replication",
      `pacelab ${guarded.tool.version}`,
      `${pair} [1]`,
      "Silent calls: 0.00 per 100 connected in replication 1 (seed 1), under the ceiling of 3",
      "2 of 2 results comply with every rule.",
    ]) {
      expect(page).toContain(fact);
    }
    expect(page.match(/<svg /g)).toHaveLength(8);
    expect(page.match(/<figcaption>/g)).toHaveLength(8);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(http/i);
    const ids = Array.from(page.matchAll(/\sid="([^"]+)"/g), (m) => m[1]);
    expect(ids.length).toBeGreaterThan(8);
    expect(new Set(ids).size).toBe(ids.length);
    // Every in-page reference points at an id of this page.
    for (const [, ref] of page.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
  });

  it("escapes every string from the results", async () => {
    const evil = '<img src=x onerror="alert(1)">';
    const doc = variant(fixtures.defaultOne(), {
      scenario: { name: evil, file: `a&b"${evil}.yaml` },
    });
    const dir = tempDir();
    await writeReport([doc], [`${evil}.json`], dir);
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(page).toContain("a&amp;b&quot;&lt;img");
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".svg"))) {
      expect(readFileSync(join(dir, name), "utf8")).not.toContain("<img");
    }
  });

  it("rejects what is not a pacelab result with exit code 2, naming file, key and expectation", async () => {
    const dir = tempDir();
    const good = fixtures.defaultOne();
    const cases: [string, unknown, string][] = [
      [
        "broken.json",
        '{\n  "tool": {\n  ',
        "broken.json: expected valid JSON (a result.json written by pacelab), got ",
      ],
      ["other.json", { name: "something else" }, "other.json: expected a pacelab result document"],
      [
        "unknown.json",
        { tool: { name: "pacelab" }, axes: [] },
        "unknown.json: expected a pacelab result document (result.json from `pacelab simulate --out`, or `simulate --json`), sweep.json from `pacelab sweep --out`, or `pacelab tune --json` output; a result has campaign and timeseries, got a mapping with keys tool, axes",
      ],
      [
        "typed.json",
        variant(good, { campaign: { connected: "many" as never } }),
        'typed.json: campaign.connected: expected a number, got "many"',
      ],
      [
        "rows.json",
        variant(good, {
          timeseries: { rows: [{ ...good.timeseries.rows[0], start: 9 as never }] },
        }),
        "rows.json: timeseries.rows[0].start: expected a string, got 9",
      ],
      [
        "list.json",
        [good, { ...good, replications: 0 }],
        "list.json: [1].replications: expected a value >= 1, got 0",
      ],
      ["empty.json", [], "empty.json: expected at least one result document, got an empty list"],
    ];
    for (const [name, content, message] of cases) {
      const file = writeJson(dir, name, content);
      const error = thrown(() => readResultFile(file));
      expect(error.exitCode, name).toBe(2);
      expect(error.message, name).toContain(message.replace(`${name}:`, `${file}:`));
    }
    expect(thrown(() => readResultFile(join(dir, "broken.json"))).message).toMatch(/\(line 3\)$/);
    const missing = thrown(() => readResultFile(join(dir, "missing.json")));
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toContain(
      `${join(dir, "missing.json")}: expected a readable result file, got ENOENT`,
    );
    // Nothing is written when any input is bad.
    const out = join(dir, "report");
    await expect(
      reportCommand(
        { results: [writeJson(dir, "ok.json", good), join(dir, "other.json")], out },
        () => {},
      ),
    ).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(out)).toBe(false);
  });
});
