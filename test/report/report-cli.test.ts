import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PNG_SCALE } from "../../src/report/render/chart-png.js";
import { fixtures } from "./result-fixtures.js";
import { SHORT_DAY } from "./sweep-tune-fixtures.js";
import { pngSize, svgSize, xmlProblems } from "./xml-check.js";

function pacelab(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Checks each chart's SVG parses and its PNG is the SVG's size at the PNG scale. */
function expectCharts(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const svg = readFileSync(join(dir, `${name}.svg`), "utf8");
    expect(xmlProblems(svg), name).toEqual([]);
    const { width, height } = svgSize(svg);
    expect(width, name).toBeGreaterThan(600);
    const png = pngSize(readFileSync(join(dir, `${name}.png`)));
    expect(png, name).toEqual({ width: PNG_SCALE * width, height: PNG_SCALE * height });
    const spec = JSON.parse(readFileSync(join(dir, `${name}.vl.json`), "utf8"));
    expect(spec.$schema, name).toMatch(/vega-lite\/v6/);
  }
}

const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-report-cli-"));

describe("sweep --report and tune --report", () => {
  it("sweep writes its data, the page and the line chart into the report folder", () => {
    const dir = tempDir();
    const r = pacelab(
      "sweep",
      SHORT_DAY,
      "--set",
      "pacing.inner.targetPercent=1,6",
      "-r",
      "2",
      "-w",
      "1",
      "--report",
      dir,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      [
        "report.html",
        "sweep-line.png",
        "sweep-line.svg",
        "sweep-line.vl.json",
        "sweep.csv",
        "sweep.json",
      ].sort(),
    );
    expect(r.stdout).toContain(`wrote the report ${join(dir, "report.html")} with 1 charts`);
    expectCharts(dir, ["sweep-line"]);
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toContain("Sweep report: scenario short-day");
    expect(page).toContain("<code>pacing.inner.targetPercent</code> = 1, 6 (2 values)");

    // pacelab report draws the same page from the saved sweep.json.
    const again = tempDir();
    const redrawn = pacelab("report", join(dir, "sweep.json"), "--out", again);
    expect(redrawn.code).toBe(0);
    for (const name of ["report.html", "sweep-line.svg", "sweep-line.png"]) {
      expect(readFileSync(join(again, name)).equals(readFileSync(join(dir, name))), name).toBe(
        true,
      );
    }
    // A sweep is reported on its own: with a result beside it, nothing is written.
    const result = join(again, "result.json");
    writeFileSync(result, JSON.stringify(fixtures.defaultOne()));
    const mixed = pacelab("report", join(dir, "sweep.json"), result, "--out", join(again, "mixed"));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      `${join(dir, "sweep.json")}: expected a sweep document on its own`,
    );
    expect(existsSync(join(again, "mixed"))).toBe(false);
  });

  it("tune writes tune.json, the page with its verdict and the frontier", () => {
    const dir = tempDir();
    const args = [
      "tune",
      SHORT_DAY,
      "-p",
      "vicidial-ratio",
      "--range",
      "1:2:0.5",
      "--batch",
      "4",
      "--max-replications",
      "8",
      "--confidence",
      "0.5",
      "-w",
      "1",
    ];
    const r = pacelab(...args, "--out", dir, "--report");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      [
        "report.html",
        "tune-frontier.png",
        "tune-frontier.svg",
        "tune-frontier.vl.json",
        "tune.json",
      ].sort(),
    );
    expectCharts(dir, ["tune-frontier"]);
    const doc = JSON.parse(readFileSync(join(dir, "tune.json"), "utf8"));
    expect(doc.tool.name).toBe("pacelab");
    expect(doc.scenario.file).toBe(SHORT_DAY);
    expect(doc.range).toEqual({ from: 1, to: 2, step: 0.5, aggressiveUp: true });
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toContain(`Use vicidial-ratio with level=${doc.best.value}: agents are busy`);

    // --json prints the same document; pacelab report redraws the same page from it.
    expect(JSON.parse(pacelab(...args, "--json").stdout)).toEqual(doc);
    const again = tempDir();
    expect(pacelab("report", join(dir, "tune.json"), "--out", again).code).toBe(0);
    expect(readFileSync(join(again, "report.html"), "utf8")).toBe(page);

    // A broken tune document is refused naming the file and the key.
    const broken = join(again, "broken-tune.json");
    writeFileSync(broken, JSON.stringify({ ...doc, confidence: "high" }));
    const bad = pacelab("report", broken, "--out", join(again, "bad"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${broken}: confidence: expected a number, got "high"`);
  });

  it("refuses --report with nowhere to write, before running anything", () => {
    for (const command of [
      ["sweep", SHORT_DAY, "--set", "agents.count=5", "--report"],
      ["tune", SHORT_DAY, "-p", "vicidial-ratio", "--report"],
    ]) {
      const r = pacelab(...command);
      expect(r.code, command[0]).toBe(2);
      expect(r.stderr, command[0]).toContain(
        "--report: expected a folder (--report DIR) or --out DIR",
      );
    }
  });
});
