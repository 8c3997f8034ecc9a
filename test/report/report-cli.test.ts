import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, type ExpectStatic, it } from "vitest";
import { PNG_SCALE } from "../../src/report/render/chart-png.js";
import { type CliResult, runCli } from "../support/cli-process.js";
import { outputFiles } from "../support/output-files.js";
import { fixtures } from "./result-fixtures.js";
import { SHORT_DAY } from "./sweep-tune-fixtures.js";
import { pngSize, svgSize, xmlProblems } from "./xml-check.js";

/** Runs the CLI in `cwd` (default: the repository); simulate keeps no evidence unless told. */
function pacelabIn(cwd: string, ...args: string[]): Promise<CliResult> {
  const own = args.some((a) => a.endsWith("evidence"));
  const store = args[0] === "simulate" && !own ? ["--no-evidence"] : [];
  return runCli([...args, ...store], { cwd });
}
const pacelab = (...args: string[]) => pacelabIn(process.cwd(), ...args);

/**
 * Checks each chart's SVG parses and its PNG is the SVG's size at the PNG scale (`expect` is
 * the test's own: the tests of a describe run at once, each its own CLI processes).
 */
function expectCharts(expect: ExpectStatic, dir: string, names: readonly string[]): void {
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

// The tests of each describe run at once (it.concurrent), each in its own folders and CLI
// processes: the machine's other core serves.
const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-report-cli-"));

/** A two-point sweep of the short day, two replications each, in one worker. */
const SMALL_SWEEP = [
  "sweep",
  SHORT_DAY,
  "--set",
  "pacing.inner.targetPercent=1,6",
  "-r",
  "2",
  "-w",
  "1",
] as const;

describe("sweep --report and tune --report", () => {
  it.concurrent("sweep writes its data, the page and the line chart into the report folder", async ({
    expect,
  }) => {
    const dir = tempDir();
    const r = await pacelab(...SMALL_SWEEP, "--report", dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(outputFiles(dir)).toEqual(
      [
        "report.html",
        "sweep-line.png",
        "sweep-line.svg",
        "sweep-line.vl.json",
        "sweep.csv",
        "sweep.json",
      ].sort(),
    );
    expect(r.stdout).toContain(
      `wrote the report ${join(dir, "report.html")} (open it in a browser) with 1 chart (`,
    );
    expectCharts(expect, dir, ["sweep-line"]);
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toContain("Sweep report: scenario short-day");
    expect(page).toContain("<code>pacing.inner.targetPercent</code> = 1, 6 (2 values)");

    // pacelab report draws the same page from the saved sweep.json.
    const again = tempDir();
    const redrawn = await pacelab("report", join(dir, "sweep.json"), "--out", again);
    expect(redrawn.code).toBe(0);
    for (const name of ["report.html", "sweep-line.svg", "sweep-line.png"]) {
      expect(readFileSync(join(again, name)).equals(readFileSync(join(dir, name))), name).toBe(
        true,
      );
    }
    // A sweep is reported on its own: with a result beside it, nothing is written.
    const result = join(again, "result.json");
    writeFileSync(result, JSON.stringify(fixtures.defaultOne()));
    const mixed = await pacelab(
      "report",
      join(dir, "sweep.json"),
      result,
      "--out",
      join(again, "mixed"),
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      `${join(dir, "sweep.json")}: expected a sweep document on its own`,
    );
    expect(existsSync(join(again, "mixed"))).toBe(false);
  });

  it.concurrent("tune writes tune.json, the page with its verdict and the frontier", async ({
    expect,
  }) => {
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
    const r = await pacelab(...args, "--out", dir, "--report");
    // Nothing on stderr but the search's progress (each probe, each batch before its last).
    for (const line of r.stderr.trimEnd().split("\n")) {
      expect(line).toMatch(/^ {2}level=[\d.]+(:| (feasible|not feasible|undecided)) /);
    }
    expect(r.code).toBe(0);
    expect(outputFiles(dir)).toEqual(
      [
        "report.html",
        "tune-frontier.png",
        "tune-frontier.svg",
        "tune-frontier.vl.json",
        "tune.json",
      ].sort(),
    );
    expectCharts(expect, dir, ["tune-frontier"]);
    const doc = JSON.parse(readFileSync(join(dir, "tune.json"), "utf8"));
    expect(doc.tool.name).toBe("pacelab");
    expect(doc.scenario.file).toBe(SHORT_DAY);
    expect(doc.range).toEqual({ from: 1, to: 2, step: 0.5, aggressiveUp: true });
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toContain(`Use vicidial-ratio with level=${doc.best.value}: agents are busy`);

    // --json prints the same document; pacelab report redraws the same page from it.
    expect(JSON.parse((await pacelab(...args, "--json")).stdout)).toEqual(doc);
    const again = tempDir();
    expect((await pacelab("report", join(dir, "tune.json"), "--out", again)).code).toBe(0);
    expect(readFileSync(join(again, "report.html"), "utf8")).toBe(page);

    // A tune.json from before the three answers gives the same page, and says how it was read.
    const earlier = join(again, "earlier-tune.json");
    const { answer: _, ...rest } = doc;
    const toEarlier = ({ verdict, ...p }: { verdict: string }) => ({
      ...p,
      feasible: verdict === "feasible",
    });
    writeFileSync(
      earlier,
      JSON.stringify({ ...rest, best: toEarlier(doc.best), probes: doc.probes.map(toEarlier) }),
    );
    const old = await pacelab("report", earlier, "--out", join(again, "earlier"));
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toContain("is a tune.json from before tune's three answers");
    expect(readFileSync(join(again, "earlier", "report.html"), "utf8")).toBe(
      page.replaceAll(join(dir, "tune.json"), earlier),
    );

    // A broken tune document is refused naming the file and the key.
    const broken = join(again, "broken-tune.json");
    writeFileSync(broken, JSON.stringify({ ...doc, confidence: "high" }));
    const bad = await pacelab("report", broken, "--out", join(again, "bad"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${broken}: confidence: expected a number, got "high"`);
  });
});

describe("--report [DIR] on simulate, compare, sweep, merge and tune", () => {
  const charts = (names: readonly string[]) =>
    names.flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]);
  const RESULT_CHARTS = ["agent-states", "silent-hold-times", "silent-over-time"];

  it.concurrent("keeps npm start working: its report lands in --out", async ({ expect }) => {
    const dir = tempDir();
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string;
    const [node, main, ...args] = script.replaceAll("reports/", `${dir}/`).split(" ");
    expect([node, main]).toEqual(["node", "dist/src/cli/main.js"]);
    // The store, set once for every command, goes into the temporary folder too.
    const env = { ...process.env, PACELAB_EVIDENCE: join(dir, "evidence.sqlite") };
    const r = await runCli(args, { env });
    // The only line on stderr says where the run's evidence went.
    expect(r.stderr).toMatch(
      /^pacelab: recorded evidence rows 1\.\.\d+ in \/.*\(new store\), kept until [\d-]+\n$/,
    );
    expect(r.code).toBe(0);
    expect(outputFiles(join(dir, "default"))).toEqual(
      ["report.html", "result.json", "timeseries.csv", ...charts(RESULT_CHARTS)].sort(),
    );
    expect(r.stdout).toContain(
      `wrote the report ${join(dir, "default", "report.html")} (open it in a browser) with 3 charts`,
    );
  });

  it.concurrent("simulate --report DIR without --out writes the data and the report into DIR", async ({
    expect,
  }) => {
    const dir = join(tempDir(), "run");
    const r = await pacelab("simulate", SHORT_DAY, "--calls", "--report", dir);
    expect(r.code).toBe(0);
    expect(outputFiles(dir)).toEqual(
      [
        "calls.csv",
        "report.html",
        "result.json",
        "timeseries.csv",
        ...charts(RESULT_CHARTS),
      ].sort(),
    );
    expectCharts(expect, dir, RESULT_CHARTS);
  });

  it.concurrent("compare --out A --report B keeps the results in A and the report in B", async ({
    expect,
  }) => {
    const root = tempDir();
    const [data, report] = [join(root, "data"), join(root, "report")];
    const r = await pacelab(
      "compare",
      SHORT_DAY,
      "-p",
      "progressive,binomial",
      "-r",
      "2",
      "--out",
      data,
      "--report",
      report,
    );
    expect(r.code).toBe(0);
    expect(outputFiles(data)).toEqual(["01-progressive.json", "02-binomial.json"]);
    expect(readdirSync(report)).toContain("report.html");
    expect(
      outputFiles(report).filter((f) => f.endsWith(".json") && !f.endsWith(".vl.json")),
    ).toEqual([]);
    expect(r.stdout).toContain(`wrote the report ${join(report, "report.html")}`);
  });

  it.concurrent("merge --report DIR joins the shards and draws the same page as the unsharded sweep", async ({
    expect,
  }) => {
    const root = tempDir();
    const shards = await Promise.all(
      ["1/2", "2/2"].map((shard) =>
        pacelab(...SMALL_SWEEP, "--shard", shard, "--out", join(root, `shard-${shard[0]}`)),
      ),
    );
    expect(shards.map((r) => r.code)).toEqual([0, 0]);
    const merged = join(root, "merged");
    const r = await pacelab(
      "merge",
      join(root, "shard-1", "sweep.json"),
      join(root, "shard-2", "sweep.json"),
      "--report",
      merged,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(outputFiles(merged)).toEqual(
      ["report.html", "sweep.csv", "sweep.json", ...charts(["sweep-line"])].sort(),
    );
    expect(r.stdout).toContain(`wrote the report ${join(merged, "report.html")}`);
    expectCharts(expect, merged, ["sweep-line"]);
    const whole = join(root, "whole");
    expect((await pacelab(...SMALL_SWEEP, "--report", whole)).code).toBe(0);
    expect(readFileSync(join(merged, "sweep-line.svg"), "utf8")).toBe(
      readFileSync(join(whole, "sweep-line.svg"), "utf8"),
    );
  });

  it.concurrent("refuses a bare --report without --out on every command, writing nothing", async ({
    expect,
  }) => {
    const abs = resolve(SHORT_DAY);
    const commands = [
      ["simulate", abs, "--report"],
      ["compare", abs, "-p", "progressive", "--report"],
      ["sweep", abs, "--set", "agents.count=5", "--report"],
      ["merge", "shard-1.json", "shard-2.json", "--report"],
      ["tune", abs, "-p", "vicidial-ratio", "--report"],
    ];
    const refused = await Promise.all(
      commands.map(async (command) => {
        const cwd = tempDir();
        // simulate would record evidence under cwd/reports by default: it must not get that far.
        const evidence = command[0] === "simulate" ? ["--evidence"] : [];
        return { cwd, r: await pacelabIn(cwd, ...command, ...evidence) };
      }),
    );
    for (const [i, { cwd, r }] of refused.entries()) {
      const command = commands[i] ?? [];
      expect(r.code, command[0]).toBe(2);
      expect(r.stderr, command[0]).toContain(
        "--report: expected a folder (--report DIR) or --out DIR",
      );
      expect(r.stdout, command[0]).toBe("");
      expect(readdirSync(cwd), command[0]).toEqual([]);
    }
    const cwd = tempDir();
    const calls = await pacelabIn(cwd, "simulate", abs, "--calls", "--evidence");
    expect(calls.code).toBe(2);
    expect(calls.stderr).toContain("--calls needs --out DIR (or --report DIR)");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("pacelab report DIR/*.json --out DIR", () => {
  it.concurrent("runs again over its own output, skipping the chart specs it wrote", async ({
    expect,
  }) => {
    const dir = tempDir();
    const cmp = await pacelab(
      "compare",
      SHORT_DAY,
      "-p",
      "progressive,binomial",
      "-r",
      "1",
      "--out",
      dir,
    );
    expect(cmp.code, cmp.stderr).toBe(0);
    const glob = () =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => join(dir, f));
    const first = await pacelab("report", ...glob(), "--out", dir);
    expect(first.code, first.stderr).toBe(0);
    const page = readFileSync(join(dir, "report.html"), "utf8");
    const specs = glob().filter((f) => f.endsWith(".vl.json"));
    expect(specs.length).toBeGreaterThan(0);
    const second = await pacelab("report", ...glob(), "--out", dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`skipped ${specs.length} chart specs (*.vl.json, not results)`);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(page);
  });

  it.concurrent("refuses a list of chart specs only", async ({ expect }) => {
    const dir = tempDir();
    const spec = join(dir, "frontier.vl.json");
    writeFileSync(spec, '{"$schema": "https://vega.github.io/schema/vega-lite/v6.json"}\n');
    const r = await pacelab("report", spec, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("only chart specs");
  });
});
