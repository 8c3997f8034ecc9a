import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { FolderOutput, OutputEntry, OutputKind } from "../io/write/output-manifest.js";
import { checkOutputFolder } from "../io/write/output-path.js";
import { plural } from "../report/format-number.js";
import { removedNote } from "./written-note.js";

/**
 * `--report [DIR]`, the same on simulate, compare, sweep, merge, tune and live: also write the
 * report (report.html and its charts) into DIR, by default the --out folder; without --out the
 * command's data files go into DIR too.
 */
export function reportOption(drawn: string) {
  return {
    type: "string",
    describe: `Also write report.html (${drawn}; charts inline, works offline) and each chart as SVG, PNG and Vega-Lite spec into DIR (default: --out; without --out, the data files go into DIR too)`,
  } as const;
}

/** The yargs check for --report: a bare --report needs --out to know where to write. */
export function checkReportOption(argv: { readonly report?: string; readonly out?: string }): void {
  if (argv.report === "" && argv.out === undefined) {
    throw new Error("--report: expected a folder (--report DIR) or --out DIR");
  }
}

/**
 * Explains a missing positional argument when `--report`, written bare before it, took it as
 * its folder (`simulate --report scenarios/default.yaml`): the word after `--report` in `args`
 * is a file or a scenario name. Returns the explanation, or undefined when that is not the case.
 */
export function reportTookPositional(args: readonly string[]): string | undefined {
  const i = args.indexOf("--report");
  const taken = i < 0 ? undefined : args[i + 1];
  if (taken === undefined || taken.startsWith("-")) return undefined;
  if (!/\.(ya?ml|json)$/i.test(taken) && !statSync(taken, { throwIfNoEntry: false })?.isFile()) {
    return undefined;
  }
  return `--report took ${JSON.stringify(taken)} as its folder (a bare --report takes the word after it), leaving ${args[0]} without its file: write pacelab ${args[0]} ${taken} --report [DIR]`;
}

/** Where a command writes: its data files and its report (undefined: not at all). */
export interface OutputFolders {
  readonly data?: string;
  readonly report?: string;
}

/**
 * Resolves --out and --report [DIR] into folders. `report` is the option's value ("" when given
 * bare, meaning --out).
 */
export function outputFolders(args: {
  readonly out?: string;
  readonly report?: string;
}): OutputFolders {
  const report = args.report === "" ? args.out : args.report;
  return { data: args.out ?? report, report };
}

/**
 * Checks, before any work, that the folders of --out and --report [DIR] can be written: throws
 * a ScenarioError (exit 2) naming the option, the folder and the reason.
 */
export function checkOutputFolders(args: {
  readonly out?: string;
  readonly report?: string;
}): void {
  const { data, report } = outputFolders(args);
  if (data !== undefined) checkOutputFolder(args.out === undefined ? "--report" : "--out", data);
  if (report !== undefined && report !== data) checkOutputFolder("--report", report);
}

/**
 * The lines printed after a report is written (`report` as writeReport returns it: the page,
 * then three files per chart), and the earlier report's files it removed.
 */
export function reportWrittenNote(report: FolderOutput): string {
  const files = report.written;
  const charts = (files.length - 1) / 3;
  return `wrote the report ${files[0]} (open it in a browser) with ${plural(charts, "chart")} (SVG, PNG, Vega-Lite)\n${removedNote(report)}`;
}

/** Whether the report goes into the data's own folder. */
export function reportWithData(reportDir: string | undefined, dataDir: string): boolean {
  return reportDir !== undefined && resolve(reportDir) === resolve(dataDir);
}

/**
 * The manifest entry of a report drawn from `kind`'s data in `dataDir`: theirs when it shares
 * their folder (it goes when they are written again without it), else a report of its own.
 */
export function reportEntry(reportDir: string, dataDir: string, kind: OutputKind): OutputEntry {
  return reportWithData(reportDir, dataDir) ? `${kind} report` : "report";
}
