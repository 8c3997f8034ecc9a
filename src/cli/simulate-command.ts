import { runReplications } from "../model/replications.js";
import { resultDocument } from "../result/result-document.js";
import { timeseries } from "../result/timeseries.js";
import { loadScenario } from "../scenario/load.js";
import { callsOutput } from "./calls-output.js";
import { commandModule } from "./command-module.js";
import { example } from "./help-example.js";
import { checkReportOption, outputFolders, reportOption } from "./report-option.js";
import { checkResultOutputs, emitResult } from "./result-output.js";
import {
  checkInvariantsOption,
  checkRunOptions,
  jsonOption,
  outOption,
  replicationsOption,
  seedOption,
} from "./run-options.js";

export interface SimulateArgs {
  readonly scenario: string;
  readonly seed?: number;
  readonly replications: number;
  readonly json: boolean;
  readonly out?: string;
  readonly calls: boolean;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** Evidence store to append every replication to ("" or undefined: the default store); false: none. */
  readonly evidence?: string | false;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
}

/**
 * `pacelab simulate`: check the outputs can be written, load, run, write the output folder if
 * asked, record the evidence and print.
 */
export async function simulateCommand(
  args: SimulateArgs,
  print: (text: string) => void,
): Promise<number> {
  checkResultOutputs(args);
  const scenario = loadScenario(args.scenario);
  const seed = args.seed ?? scenario.seed;
  const reps = runReplications(scenario, seed, args.replications, {
    recordCalls: args.calls,
    checkInvariants: args.checkInvariants,
  });
  const doc = resultDocument(scenario, args.scenario, reps);
  const calls = callsOutput(scenario, reps.first);
  const replications = reps.summaries.map((summary, i) => ({
    summary,
    // The result's time series is the first replication's.
    windows:
      i === 0 ? doc.timeseries.rows : timeseries([reps.intervals[i]], scenario.calendar.start),
  }));
  await emitResult(doc, scenario, args, print, calls, replications);
  return 0;
}

/** `pacelab simulate`: its options, help and run. */
export const simulateCommandModule = commandModule(
  "simulate <scenario>",
  "Simulate a campaign described by a scenario file (YAML)",
  (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "Scenario file, e.g. scenarios/default.yaml (keys: docs/scenario.md)",
      })
      .option(
        "seed",
        seedOption(
          "Seed of the first replication (default: the scenario's `seed`); replication i uses seed + i",
        ),
      )
      .option(
        "replications",
        replicationsOption(
          1,
          "Independent replications; with more than 1, prints means and 95% intervals",
        ),
      )
      .option(
        "json",
        jsonOption(
          "Print one JSON document (format: README, 'Result JSON') instead of the summary",
        ),
      )
      .option(
        "out",
        outOption("Folder to write result.json and timeseries.csv (15-minute rows) into"),
      )
      .option("calls", {
        type: "boolean",
        default: false,
        describe:
          "Also write calls.csv, one row per attempt of the first replication (needs --out or --report DIR)",
      })
      .option(
        "report",
        reportOption("the verdict against each rule, silent calls over the day, agent states"),
      )
      .option("check-invariants", checkInvariantsOption)
      .option("evidence", {
        type: "string",
        describe:
          "Evidence store (SQLite, hash-chained) that every replication's statistical report is appended to (a rerun of the same scenario, seed and version is not appended again; stderr says where it went); default $PACELAB_EVIDENCE, else reports/evidence.sqlite; --no-evidence to skip it; see pacelab evidence --help",
      })
      .check((argv) => {
        checkRunOptions(argv);
        checkReportOption(argv);
        if (argv.calls && outputFolders(argv).data === undefined) {
          throw new Error("--calls needs --out DIR (or --report DIR)");
        }
        return true;
      })
      .example(...example("$0 simulate scenarios/default.yaml", "a readable summary"))
      .example(
        ...example("$0 simulate scenarios/small-team.yaml -r 20 --json", "20 replications as JSON"),
      )
      .example(
        ...example(
          "$0 simulate scenarios/default.yaml --out reports/run1 --calls",
          "write result.json, timeseries.csv and calls.csv",
        ),
      )
      .example(
        ...example(
          "$0 simulate scenarios/default.yaml --report reports/run1",
          "the same files and the report",
        ),
      ),
  (argv, print) =>
    simulateCommand(
      {
        scenario: argv.scenario,
        seed: argv.seed,
        replications: argv.replications,
        json: argv.json,
        out: argv.out,
        calls: argv.calls,
        checkInvariants: argv.checkInvariants,
        // --no-evidence gives false, whatever the option's declared type.
        evidence: (argv.evidence as string | boolean | undefined) === false ? false : argv.evidence,
        report: argv.report,
      },
      print,
    ),
);
