import type { Argv } from "yargs";
import { isTimeZone, TIME_ZONE_EXPECTED } from "../calendar/local-time.js";
import { Audit } from "../compliance/audit.js";
import { auditCharts } from "../compliance/audit-charts.js";
import { type AuditDocument, auditDocument } from "../compliance/audit-document.js";
import { auditFile } from "../compliance/audit-file.js";
import { auditReportPage } from "../compliance/audit-report-page.js";
import { auditReportText } from "../compliance/audit-text.js";
import { CALL_FORMAT_NAMES, CALL_FORMATS } from "../compliance/formats/call-formats.js";
import { ViolationsCsvFile } from "../compliance/violations-csv.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { errorText } from "../io/read/yaml-source.js";
import type { FolderOutput } from "../io/write/output-manifest.js";
import { checkOutputFile, checkOutputFolder } from "../io/write/output-path.js";
import { chartedPageFiles } from "../report/render/report-files.js";
import { resolveRuleSet } from "../rules/built-in-rule-sets.js";
import { DEFAULT_RULE_SET_ID, DENOMINATORS } from "../rules/rule-set.js";
import { CALL_FORMAT_OPTION } from "./call-format-option.js";
import { commandModule } from "./command-module.js";
import { example } from "./help-example.js";
import { whileCatchingInterrupt, writeReportFiles } from "./report-command.js";
import { reportWrittenNote } from "./report-option.js";
import { recordsTimeScaleOption } from "./time-scale-option.js";

export interface AuditArgs {
  readonly calls: string;
  readonly rules: string;
  /** One of {@link CALL_FORMAT_NAMES}. */
  readonly format: string;
  readonly json: boolean;
  readonly holidays: readonly string[];
  /** The IANA time zone the records' times are written in. */
  readonly timeZone?: string;
  /** `connected` or `answered`: overrides the rule set's. */
  readonly denominator?: string;
  readonly violations?: string;
  /** The records come from a live run at this time scale (`pacelab live --time-scale`). */
  readonly timeScale?: number;
  /** --report DIR: write report.html, its charts and audit.json into DIR. */
  readonly report?: string;
}

/**
 * Writes the audit's report into `dir` in one step: report.html with its charts (SVG, PNG,
 * Vega-Lite) and the audit JSON it was drawn from. Returns the paths, the page first, the JSON
 * last, and those of an earlier report there that it removed.
 */
async function writeAuditReport(
  doc: AuditDocument,
  json: string,
  dir: string,
): Promise<FolderOutput> {
  const source = "audit.json";
  const files = await whileCatchingInterrupt((signal) =>
    chartedPageFiles(auditCharts(doc), (charts) => auditReportPage(doc, charts, source), signal),
  );
  return writeReportFiles(dir, [...files, { name: source, content: json }]);
}

/** Exit codes: 0 compliant, 1 anything violated; bad input, records without a call included, throws (exit 2). */
export const EXIT_COMPLIANT = 0;
export const EXIT_VIOLATED = 1;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: string, option: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new ScenarioError({
    file: option,
    keyPath: "",
    expected: `one of ${values.join(", ")}`,
    got: JSON.stringify(value),
  });
}

function checkHolidays(dates: readonly string[]): string[] {
  for (const d of dates) {
    const ok = DATE_RE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
    if (!ok) {
      throw new ScenarioError({
        file: "--holidays",
        keyPath: "",
        expected: "dates YYYY-MM-DD, comma-separated",
        got: JSON.stringify(d),
      });
    }
  }
  return [...dates].sort();
}

function openViolations(path: string): ViolationsCsvFile {
  try {
    return new ViolationsCsvFile(path);
  } catch (e) {
    throw new ScenarioError({
      file: "--violations",
      keyPath: "",
      expected: "a file that can be written (its folder must exist)",
      got: `${JSON.stringify(path)} (${errorText(e)})`,
    });
  }
}

/**
 * `pacelab audit`: checks call records against a rule set, prints the report (or JSON) and
 * returns the exit code: 0 when nothing is violated, 1 otherwise. Bad input (the records, the
 * rule set, an option) throws a ScenarioError: exit 2, nothing printed or written.
 */
export async function auditCommand(
  args: AuditArgs,
  print: (text: string) => void,
): Promise<number> {
  const format = oneOf(CALL_FORMAT_NAMES, args.format, "--format");
  const base = resolveRuleSet(args.rules, process.cwd(), "--rules");
  const rules =
    args.denominator === undefined
      ? base
      : { ...base, denominator: oneOf(DENOMINATORS, args.denominator, "--denominator") };
  const timeScale = recordsTimeScaleOption(args.timeScale);
  const holidays = checkHolidays(args.holidays);
  const timeZone = args.timeZone;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new ScenarioError({
      file: "--time-zone",
      keyPath: "",
      expected: TIME_ZONE_EXPECTED,
      got: JSON.stringify(timeZone),
    });
  }
  if (args.violations !== undefined) checkOutputFile("--violations", args.violations);
  if (args.report !== undefined) checkOutputFolder("--report", args.report);
  const out = args.violations === undefined ? null : openViolations(args.violations);
  let doc: AuditDocument;
  let json: string;
  let reported: FolderOutput | null = null;
  try {
    // A live run at time scale k keeps the cut-off in real seconds: on its records' clock it
    // is k times longer.
    const audited = {
      ...rules,
      cutoffLimitSeconds: timeScale.toScenarioSeconds(rules.cutoffLimitSeconds),
    };
    const audit = new Audit(audited, {
      holidays,
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(out ? { onViolation: out.add } : {}),
    });
    const run = await auditFile(args.calls, audit, CALL_FORMATS[format]);
    doc = auditDocument(run, rules, holidays, timeScale, timeZone ?? null);
    json = `${JSON.stringify(doc, null, 2)}\n`;
    if (args.report !== undefined) reported = await writeAuditReport(doc, json, args.report);
    out?.commit();
  } catch (e) {
    out?.abort();
    throw e;
  }
  print(args.json ? json : auditReportText(doc));
  if (out !== null && !args.json) print(`\nwrote ${out.path}\n`);
  if (reported !== null && !args.json) {
    print(`\n${reportWrittenNote({ ...reported, written: reported.written.slice(0, -1) })}`);
  }
  return doc.verdict.compliant ? EXIT_COMPLIANT : EXIT_VIOLATED;
}

/** The command's options and help, for the main CLI. */
function auditOptions<T>(y: Argv<T>) {
  return y
    .positional("calls", {
      type: "string",
      demandOption: true,
      describe: "Call records, one row per attempt (CSV; format: docs/audit.md)",
    })
    .option("rules", {
      type: "string",
      default: DEFAULT_RULE_SET_ID,
      describe:
        "Rule set: a built-in id (it-garante-2014, uk-ofcom-2016, us-tcpa) or a rule-set file (.yaml; keys: docs/rules.md)",
    })
    .option("format", CALL_FORMAT_OPTION)
    .option("holidays", {
      type: "string",
      array: true,
      default: [] as string[],
      describe:
        "Holidays YYYY-MM-DD, comma-separated or repeated, for the calling hours of holidays and the days before",
      coerce: (values: string[]) =>
        values
          .flatMap((v) => v.split(","))
          .map((v) => v.trim())
          .filter((v) => v !== ""),
    })
    .option("time-zone", {
      type: "string",
      describe:
        "The IANA time zone the records' times are written in (e.g. Europe/Rome): with it, lock-outs run in real time across daylight-saving changes (without it, on the clock as written), and rows naming the called party's time_zone have calling hours read on that party's clock where the rule set says so",
    })
    .option("denominator", {
      type: "string",
      choices: DENOMINATORS,
      describe:
        "Override the rule set's denominator (Italy: connected is the strict reading, answered the other)",
    })
    .option("time-scale", {
      type: "number",
      describe:
        "The records come from `pacelab live --time-scale k`: the cut-off, never scaled on the wire, is read as k times the rule set's on their clock",
    })
    .option("violations", {
      type: "string",
      describe:
        "Also write every violation, duplicate row and overlapping call to this CSV file (the report lists the first ones)",
    })
    .option("json", {
      type: "boolean",
      default: false,
      describe: "Print the audit as one JSON document instead of the report",
    })
    .option("report", {
      type: "string",
      describe:
        "Also write report.html (the verdict, every window, the first violations and the charts; works offline), each chart as SVG, PNG and Vega-Lite spec, and audit.json into DIR",
    })
    .example(
      ...example(
        "$0 audit reports/run1/calls.csv --rules it-garante-2014",
        "audit the simulator's calls.csv",
      ),
    )
    .example(
      ...example(
        "$0 audit vicidial_log.csv --format vicidial --rules uk-ofcom-2016 --json",
        "a VICIdial export, as JSON",
      ),
    )
    .example(
      ...example(
        "$0 audit reports/run1/calls.csv --report reports/run1-audit",
        "the audit as a report page with its charts",
      ),
    )
    .example(
      ...example(
        "$0 audit Master.csv --format asterisk --rules my-rules.yaml --violations bad.csv",
        "an Asterisk CDR against your own rules",
      ),
    )
    .epilog(
      "Exit codes: 0 nothing violated; 1 a window over the ceiling or any call that broke a rule (so the command can gate a pipeline); 2 unreadable or bad input, or no call records at all (the message names the file, line and column of the first bad row and counts the rest; nothing is written); 70 an internal error. Duplicate rows are counted once and overlapping calls to one number reported, apart from the verdict.",
    );
}

/** `pacelab audit`: its options, help and run. */
export const auditCommandModule = commandModule(
  "audit <calls>",
  "Check call records from a real dialer against a rule set; exit 1 if anything is violated",
  auditOptions,
  (argv, print) => auditCommand(argv, print),
);
