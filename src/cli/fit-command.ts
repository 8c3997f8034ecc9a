import { basename, dirname } from "node:path";
import type { Argv } from "yargs";
import { auditFile } from "../compliance/audit-file.js";
import {
  CALL_FORMAT_NAMES,
  CALL_FORMATS,
  type CallFormatName,
} from "../compliance/formats/call-formats.js";
import { CallSampleCollector } from "../fit/call-sample.js";
import { fitScenario } from "../fit/fit-scenario.js";
import { fitDocument, fitSummaryText } from "../fit/fit-summary.js";
import { fittedScenarioYaml } from "../fit/fitted-scenario-yaml.js";
import { readInputFile } from "../io/read/input-file.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { errorText } from "../io/read/yaml-source.js";
import { checkOutputFile } from "../io/write/output-path.js";
import { writeFilesAtomically } from "../io/write/write-files.js";
import { DEFAULT_SCENARIO } from "../package-root.js";
import { parseScenario } from "../scenario/load.js";
import { CALL_FORMAT_OPTION } from "./call-format-option.js";
import { commandModule } from "./command-module.js";
import { example } from "./help-example.js";

export interface FitArgs {
  readonly calls: string;
  readonly out: string;
  /** One of {@link CALL_FORMAT_NAMES}. */
  readonly format: string;
  /** The scenario whose other keys the fitted one keeps (default scenarios/default.yaml). */
  readonly base?: string;
  readonly json: boolean;
}

/** The bundled base scenario. */
export const DEFAULT_BASE = DEFAULT_SCENARIO;

/**
 * `pacelab fit`: reads call records, fits a scenario to them on top of a base scenario, checks
 * that it loads, writes it atomically and prints the goodness-of-fit summary (or JSON). Bad
 * input (records, base, option) throws a ScenarioError: exit 2, nothing written.
 */
export async function fitCommand(args: FitArgs, print: (text: string) => void): Promise<number> {
  if (!(CALL_FORMAT_NAMES as readonly string[]).includes(args.format)) {
    throw new ScenarioError({
      file: "--format",
      keyPath: "",
      expected: `one of ${CALL_FORMAT_NAMES.join(", ")}`,
      got: JSON.stringify(args.format),
    });
  }
  checkOutputFile("--out", args.out);
  const format = args.format as CallFormatName;
  const basePath = args.base ?? DEFAULT_BASE;
  const baseText = readInputFile(basePath, "a readable scenario file");
  const base = parseScenario(baseText, basePath);
  const run = await auditFile(
    args.calls,
    new CallSampleCollector(base.dialer.cutoffSeconds),
    CALL_FORMATS[format],
  );
  const fit = fitScenario(run.result, base);
  const text = fittedScenarioYaml(fit, {
    calls: args.calls,
    format,
    baseText,
    basePath,
    outPath: args.out,
  });
  try {
    parseScenario(text, args.out);
  } catch (e) {
    // The records passed, so a scenario that does not load is pacelab's fault, not the input's.
    throw new Error(`the fitted scenario does not load:\n${errorText(e)}\n${text}`);
  }
  try {
    writeFilesAtomically(dirname(args.out), [{ name: basename(args.out), content: text }]);
  } catch (e) {
    throw new ScenarioError({
      file: "--out",
      keyPath: "",
      expected: "a file that can be written",
      got: `${JSON.stringify(args.out)} (${errorText(e)})`,
    });
  }
  const doc = fitDocument(run, fit, basePath, args.out);
  print(args.json ? `${JSON.stringify(doc, null, 2)}\n` : fitSummaryText(doc));
  return 0;
}

/** The command's options and help, for the main CLI. */
function fitOptions<T>(y: Argv<T>) {
  return y
    .positional("calls", {
      type: "string",
      demandOption: true,
      describe: "Call records, one row per attempt (CSV; formats: docs/audit.md)",
    })
    .option("out", {
      type: "string",
      demandOption: true,
      describe: "The scenario file to write (YAML); it is checked to load before it is written",
    })
    .option("format", CALL_FORMAT_OPTION)
    .option("base", {
      type: "string",
      describe:
        "Scenario whose calendar, rules, agents, leads, dialer, retries and pacing are kept (default: the bundled scenarios/default.yaml)",
    })
    .option("json", {
      type: "boolean",
      default: false,
      describe: "Print the fit as one JSON document instead of the summary",
    })
    .example(...example("$0 fit reports/run1/calls.csv --out fitted.yaml", "the simulator's calls"))
    .example(
      ...example(
        "$0 fit vicidial_log.csv --format vicidial --base my-centre.yaml --out fitted.yaml",
        "a VICIdial export on top of your own scenario",
      ),
    )
    .epilog(
      [
        "Fitted, where the records show it: outcome probabilities (person, machine, busy, no-answer, invalid) overall and by hour of the call's start; ring time of each outcome (start to answer, or to the end), allowing for the no-answer timeout; talk (agent connection to end of persons); the callee's patience (hang-ups while waiting for an agent, exponential); the agent's time on machines put through.",
        "Each time is fitted by maximum likelihood as exponential, lognormal, gamma, Weibull and normal (truncated at 0); the lowest AIC among those passing a Kolmogorov-Smirnov check at 1% wins, otherwise 100 empirical quantiles are written.",
        "Not fitted: wrap-up (the call records do not show after-call work), AMD settings, retries, agents, calendar, pacing: those come from --base. VICIdial's log has no ring times; VICIdial and Asterisk do not give the wait of calls put through, so patience is kept. docs/fit.md has the details.",
        "Exit codes: 0 written; 2 unreadable or bad input (the message names the file, line and column; nothing is written); 70 an internal error.",
      ].join("\n\n"),
    );
}

/** `pacelab fit`: its options, help and run. */
export const fitCommandModule = commandModule(
  "fit <calls>",
  "Fit a scenario (outcomes by hour, ring, talk, patience) to call records, on top of a base scenario",
  fitOptions,
  (argv, print) => fitCommand(argv, print),
);
