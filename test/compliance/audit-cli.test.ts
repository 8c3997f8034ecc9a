/** `pacelab audit` end to end through the compiled CLI: exit codes 0, 1 and 2, and its files. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../support/cli-process.js";
import { outputFiles } from "../support/output-files.js";
import { connected, DAY, HEADER, plus, silent, times, toCsv } from "./call-records.js";

const pacelab = (...args: string[]) => runCli(args);

const dir = mkdtempSync(join(tmpdir(), "pacelab-audit-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WED = "2026-12-02T10:00:00.000";
const minute = (i: number) =>
  `2026-12-02T${String(10 + Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00.000`;

function file(name: string, text: string, folder = dir): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

// The tests run at once (each CLI run is its own process), each on files of its own.
describe.concurrent("pacelab audit", () => {
  it("exits 0 with a readable report when nothing is violated", async ({ expect }) => {
    const calls = file("clean.csv", toCsv(times(50, (i) => connected(minute(i)))));
    const r = await pacelab("audit", calls, "--rules", "it-garante-2014");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("50 call attempts");
    expect(r.stdout).toContain("verdict: COMPLIANT");
  });

  it("exits 1 when anything is violated, and writes every violation with --violations", async ({
    expect,
  }) => {
    const recs = [
      ...times(50, (i) => connected(minute(i))),
      ...times(5, (i) => silent(minute(100 + i), { held: 4 })),
    ];
    const calls = file("bad.csv", toCsv(recs));
    const out = join(dir, "violations.csv");
    const r = await pacelab("audit", calls, "--violations", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NOT COMPLIANT: 1 window over the ceiling, 5 violations");
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("kind,line,campaign,number,start,detail,related_line");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(Array(5).fill("heldPastCutoff"));

    const json = await pacelab("audit", calls, "--json", "--rules", "us-tcpa");
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc.mode).toBe("audit");
    expect(doc.rules.id).toBe("us-tcpa");
    expect(doc.verdict).toMatchObject({ compliant: false, windowsOver: 1, violations: 5 });
    expect(doc.windows[0].per100).toBeCloseTo((100 * 5) / 55, 9);
  });

  it("reads a time-scaled live run's holds against the cut-off times its scale", async ({
    expect,
  }) => {
    // 5 silent calls held 4 s on the records' clock among 205: under the ceiling, past 3 s.
    const recs = [
      ...times(200, (i) => connected(minute(i))),
      ...times(5, (i) => silent(minute(300 + i), { held: 4 })),
    ];
    const calls = file("scaled.csv", toCsv(recs));
    const real = await pacelab("audit", calls, "--json");
    expect(real.code).toBe(1);
    expect(JSON.parse(real.stdout).violations.heldPastCutoff.count).toBe(5);

    const scaled = await pacelab("audit", calls, "--time-scale", "2");
    expect(scaled.code).toBe(0);
    expect(scaled.stdout).toContain("time scale 2: holds are checked against a cut-off of 6 s");
    const doc = JSON.parse((await pacelab("audit", calls, "--time-scale", "2", "--json")).stdout);
    expect(doc.input.timeScale).toBe(2);
    expect(doc.rules.cutoffLimitSeconds).toBe(3); // the rule set as it is
    expect(doc.violations.heldPastCutoff.count).toBe(0);

    const bad = await pacelab("audit", calls, "--time-scale", "0.5");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--time-scale");
    expect(bad.stdout).toBe("");
  });

  it("runs lock-outs in real time with --time-zone, and says so when it is not given", async ({
    expect,
  }) => {
    // A recall 5 days and 30 minutes after a silent call by Rome's clocks, which went forward
    // in between: 4 days 23.5 hours in real time, inside Italy's lock-out.
    const first = silent("2026-03-27T10:00:00.000", { number: "+393331234567" });
    const recall = connected(plus(first.end, 5 * DAY + 30 * 60), {
      number: "+393331234567",
      reserved: "true",
    });
    const calls = file("spring.csv", toCsv([first, recall]));
    const rome = await pacelab("audit", calls, "--time-zone", "Europe/Rome", "--json");
    const zoned = JSON.parse(rome.stdout);
    expect(zoned.input.timeZone).toBe("Europe/Rome");
    expect(zoned.violations.recontactInsideLockout.count).toBe(1);
    expect(zoned.notes.join("\n")).not.toContain("no --time-zone");

    const asWritten = JSON.parse((await pacelab("audit", calls, "--json")).stdout);
    expect(asWritten.input.timeZone).toBeNull();
    expect(asWritten.violations.recontactInsideLockout.count).toBe(0);
    expect(asWritten.notes.join("\n")).toContain(
      "no --time-zone: lock-outs are measured on the records' clock as written",
    );
  });

  it("exits 2 on bad input, naming the file and line, and writes nothing", async ({ expect }) => {
    const text = `${toCsv([connected(WED)])}test,+39333,not-a-time,,,2026-12-02T10:00:25.000,no-answer,,\n`;
    // Its own folder: the other tests write theirs in `dir` at the same time.
    const own = mkdtempSync(join(dir, "broken-"));
    const calls = file("broken.csv", text, own);
    const out = join(own, "never.csv");
    const r = await pacelab("audit", calls, "--violations", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${calls}:3: start: expected a local timestamp`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(own).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const [missing, rules, holidays, format, nowhere] = await Promise.all([
      pacelab("audit", join(own, "nope.csv")),
      pacelab("audit", calls, "--rules", "fr-2020"),
      pacelab("audit", calls, "--holidays", "2026-02-30"),
      pacelab("audit", calls, "--format", "genesys"),
      pacelab("audit", calls, "--violations", join(own, "no/such/dir/v.csv")),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("expected a readable call-record file, got ENOENT");
    expect(rules.code).toBe(2);
    expect(rules.stderr).toContain(
      '--rules: expected a built-in rule set (one of it-garante-2014, uk-ofcom-2016, us-tcpa) or a rule-set file ending in .yaml, got "fr-2020"',
    );
    expect(holidays.code).toBe(2);
    expect(holidays.stderr).toContain("--holidays: expected dates YYYY-MM-DD");
    expect(format.code).toBe(2);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("--violations: expected a file that can be written");
  });

  it("audits the simulator's calls.csv as it is, finding the rules from the compiled code", async ({
    expect,
  }) => {
    const out = join(dir, "sim");
    const simulated = await pacelab(
      ...["simulate", "scenarios/multi-day.yaml", "--out", out, "--calls", "--no-evidence"],
    );
    expect(simulated.code).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    const r = await pacelab("audit", join(out, "calls.csv"), "--holidays", "2026-12-08", "--json");
    const doc = JSON.parse(r.stdout);
    expect(doc.windows[0].per100).toBe(result.campaign.silentPer100Connected);
    expect(r.code).toBe(doc.verdict.compliant ? 0 : 1);
    // The simulator never records a call twice, nor calls a number while a call to it is on.
    expect(doc.verdict).toMatchObject({
      calls: doc.totals.attempts,
      campaigns: 1,
      duplicateRows: 0,
      overlappingCalls: 0,
    });

    // The wrong --format: the header's problem once, and the way out; no row reported.
    for (const format of ["vicidial", "asterisk"]) {
      const wrong = await pacelab("audit", join(out, "calls.csv"), "--format", format);
      expect(wrong.code).toBe(2);
      expect(wrong.stdout).toBe("");
      const lines = wrong.stderr.trim().split("\n");
      expect(lines.at(-1)).toBe(
        `${join(out, "calls.csv")}: line 1 is the header of format pacelab: try --format pacelab`,
      );
      expect(lines.length).toBeLessThanOrEqual(4);
    }
  });

  it("refuses a file with a header and no calls (exit 2), instead of calling it compliant", async ({
    expect,
  }) => {
    const calls = file("header-only.csv", `${HEADER}\n`);
    const r = await pacelab("audit", calls);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${calls}: expected at least one call attempt (format pacelab), got no call records in 1 line (a header only)\n`,
    );
  });

  it("says how many calls and campaigns each verdict judged, in the report and in JSON", async ({
    expect,
  }) => {
    const recs = [
      ...times(30, (i) => connected(minute(i), { campaign: "spring" })),
      ...times(20, (i) => connected(minute(40 + i), { campaign: "autumn" })),
    ];
    const calls = file("two-campaigns.csv", toCsv(recs));
    const r = await pacelab("audit", calls);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "verdict: COMPLIANT (no window over the ceiling, no violation) on 50 calls in 2 campaigns",
    );
    const json = JSON.parse((await pacelab("audit", calls, "--json")).stdout);
    expect(json.verdict).toMatchObject({ compliant: true, calls: 50, campaigns: 2 });
  });

  it("reports duplicate rows and overlapping calls in the report, the JSON and --violations", async ({
    expect,
  }) => {
    const recs = [
      ...times(50, (i) => connected(minute(i))),
      silent(minute(60), { number: "+39333777" }),
      connected(plus(minute(60), 5), { number: "+39333777" }), // while the silent call was on
    ];
    const text = toCsv(recs);
    const silentRow = text.split("\n")[51];
    const calls = file("repeats.csv", `${text}${silentRow}\n`); // line 54 repeats line 52
    const out = join(dir, "repeats-violations.csv");
    const r = await pacelab("audit", calls, "--violations", out);
    expect(r.code).toBe(0); // 1 silent per 51 connected is within; the findings do not change it
    expect(r.stdout).toContain(
      "duplicate rows (each the same call as an earlier row: counted once): 1\n  line 54: test +39333777 at 2026-12-02T11:00:00.000: the same call as an earlier row, every audited field equal: counted once (see line 52)",
    );
    expect(r.stdout).toContain(
      "calls overlapping an earlier call to the same number (audited as written): 1\n  line 53:",
    );
    expect(r.stdout).toContain(
      "verdict: COMPLIANT (no window over the ceiling, no violation) on 52 calls in 1 campaign\nrecords: 1 duplicate row counted once, 1 overlapping call audited as written (listed above)",
    );
    const rows = readFileSync(out, "utf8").trim().split("\n").slice(1);
    expect(rows.map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "overlappingCall,53",
      "duplicateRow,54",
    ]);
    const doc = JSON.parse((await pacelab("audit", calls, "--json")).stdout);
    expect(doc.totals.silent).toBe(1);
    expect(doc.verdict).toMatchObject({ calls: 52, duplicateRows: 1, overlappingCalls: 1 });
    expect(doc.findings.duplicateRow.listed[0]).toMatchObject({ line: 54, relatedLine: 52 });
  });

  it("writes a report with the audit's charts and JSON with --report; a bad folder writes nothing", async ({
    expect,
  }) => {
    const recs = [
      ...times(50, (i) => connected(minute(i))),
      ...times(5, (i) => silent(minute(100 + i), { held: 4 })),
    ];
    const calls = file("reported.csv", toCsv(recs));
    const report = join(dir, "report");
    const r = await pacelab("audit", calls, "--report", report);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`wrote the report ${join(report, "report.html")}`);
    expect(outputFiles(report)).toEqual([
      "audit-problems.png",
      "audit-problems.svg",
      "audit-problems.vl.json",
      "audit-windows.png",
      "audit-windows.svg",
      "audit-windows.vl.json",
      "audit.json",
      "report.html",
    ]);
    const doc = JSON.parse(readFileSync(join(report, "audit.json"), "utf8"));
    expect(doc.verdict).toMatchObject({ compliant: false, windowsOver: 1, violations: 5 });
    const html = readFileSync(join(report, "report.html"), "utf8");
    expect(html).toContain(
      "do not comply with it-garante-2014: 1 window over the ceiling, 5 calls",
    );
    expect(html).toContain("calls held past the cut-off</td><td>");
    const windows = JSON.parse(readFileSync(join(report, "audit-windows.vl.json"), "utf8"));
    expect(windows.layer[0].data.values).toEqual([
      { window: "2026-12-02", per100: 10, silent: 5, connected: 50, verdict: "over the ceiling" },
    ]);

    const notAFolder = file("not-a-folder", "");
    const refused = await pacelab("audit", calls, "--report", notAFolder, "--json");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^--report: /);
    expect(refused.stdout).toBe("");
  });

  it("explains itself in --help", async ({ expect }) => {
    const r = await pacelab("audit", "--help");
    expect(r.code).toBe(0);
    for (const option of [
      "--rules",
      "--format",
      "--holidays",
      "--denominator",
      "--violations",
      "--json",
      "Exit codes",
    ]) {
      expect(r.stdout).toContain(option);
    }
  });
});
