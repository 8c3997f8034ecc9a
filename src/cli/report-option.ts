import { plural } from "../report/format-number.js";

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

/** The line printed after a report is written: `files` as writeReport returns them. */
export function reportWrittenNote(files: readonly string[]): string {
  const charts = (files.length - 1) / 3;
  return `wrote the report ${files[0]} (open it in a browser) with ${plural(charts, "chart")} (SVG, PNG, Vega-Lite)\n`;
}
