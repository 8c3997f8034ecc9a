import { availableParallelism } from "node:os";
import { join } from "node:path";
import { writeOutputFolder } from "../io/write/output-manifest.js";
import { fixed, percent } from "../report/format-number.js";
import { pacingLabel } from "../report/summary-text.js";
import { type TuneDocument, tuneDocument, tuneRequest } from "../report/tune-document.js";
import { rangeEndNote, undecidedReason } from "../report/tune-undecided.js";
import { loadScenario } from "../scenario/load.js";
import { cachedRunner } from "../tuning/cached-runner.js";
import { withReplicationPool } from "../tuning/replication-pool.js";
import type { SweptMetric } from "../tuning/sweep-point.js";
import {
  isRangeEnd,
  limitOfAnswer,
  type TuneOptions,
  type TuneVerdict,
  tune,
} from "../tuning/tune.js";
import { planTune, type TuneAsk } from "../tuning/tune-plan.js";
import { commandModule } from "./command-module.js";
import { checkConfidence } from "./confidence-option.js";
import { example } from "./help-example.js";
import { replicationBudgetWarning } from "./replication-budget-warning.js";
import { withReplicationCache } from "./replication-cache.js";
import { whileCatchingInterrupt, writeReportOf } from "./report-command.js";
import {
  checkOutputFolders,
  checkReportOption,
  outputFolders,
  reportEntry,
  reportOption,
  reportWithData,
  reportWrittenNote,
} from "./report-option.js";
import {
  cacheOption,
  checkInvariantsOption,
  checkRunOptions,
  jsonOption,
  outOption,
  seedOption,
  workersOption,
} from "./run-options.js";
import { batchProgress, probeProgress } from "./search-progress.js";
import { writtenNote } from "./written-note.js";

/**
 * Exit codes by the search's answer: 0 a feasible setting found; 1 none, the least aggressive
 * value shown not feasible; 3 none shown feasible, but not shown infeasible either (more
 * replications might find one).
 */
export const TUNE_EXIT_CODES: Readonly<Record<TuneVerdict, number>> = {
  feasible: 0,
  "not feasible": 1,
  undecided: 3,
};

export interface TuneArgs extends TuneAsk {
  readonly scenario: string;
  readonly workers?: number;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** --cache: the file replications are kept in and reused from. */
  readonly cache?: string;
  readonly json: boolean;
  /** Folder to write tune.json into. */
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
}

function table(doc: TuneDocument): string {
  const f = (x: number | undefined) => (x === undefined ? "n/a" : fixed(x));
  const pct = (x: number | undefined) => (x === undefined ? "n/a" : percent(x, 2));
  const key = doc.key;
  const rows = doc.probes.map((p) => {
    const m = p.point.metrics;
    const w = p.withinInterval;
    return `  ${key}=${String(p.value).padEnd(8)} silent/100 connected ${f(m.silentPer100Connected?.mean).padStart(6)}  occupancy ${pct(m.agentOccupancy?.mean).padStart(7)}  P(within) [${f(w[0])}, ${f(w[1])}] of ${p.point.replications}  ${p.verdict}`;
  });
  const b = doc.best;
  const objective = (x: number | undefined) =>
    doc.objective.endsWith("Occupancy") ? pct(x) : f(x);
  const metric = b?.point.metrics[doc.objective as SweptMetric];
  const limit = limitOfAnswer(doc, doc.range.aggressiveUp);
  const head = b
    ? `best: ${key}=${b.value}: ${doc.objective} ${objective(metric?.mean)} [${objective(metric?.ci95[0])}, ${objective(metric?.ci95[1])}], silent/100 connected ${f(b.point.metrics.silentPer100Connected?.mean)}, P(within ceiling) >= ${f(b.withinInterval[0])} (95% Wilson lower bound, ${b.point.replications} replications)`
    : doc.answer === "undecided"
      ? `undecided: no probed value of ${key} was shown feasible, nor the least aggressive shown not feasible`
      : `not feasible: no probed value of ${key} keeps the campaign within the ceiling with the required probability`;
  const why =
    limit?.verdict === "undecided"
      ? `\n${b ? "a more aggressive value is undecided: " : ""}${undecidedReason(doc, limit)}`
      : b && isRangeEnd(doc.range, b.value)
        ? `\nnote: ${rangeEndNote(key, b.value)}`
        : "";
  return `${head}${why}\n\nprobed values (the frontier of occupancy against silent ratio):\n${rows.join("\n")}\n`;
}

/** Each probed value's verdict, and each batch before it, told on stderr. */
function progressOn(key: string): Pick<TuneOptions, "onProbe" | "onBatch"> {
  return {
    onProbe: (_, probe) => process.stderr.write(probeProgress(`  ${key}=${probe.value}`, probe)),
    onBatch: (value, n, within) =>
      process.stderr.write(batchProgress(`  ${key}=${value}`, n, within)),
  };
}

/** `pacelab tune`: the most aggressive setting that still meets the ceiling with confidence. */
export async function tuneCommand(args: TuneArgs, print: (text: string) => void): Promise<number> {
  checkOutputFolders(args);
  const scenario = loadScenario(args.scenario);
  const plan = planTune(scenario, args);
  const warning = replicationBudgetWarning(args);
  if (warning !== null) process.stderr.write(warning);
  const workers = args.workers ?? availableParallelism();
  const options = args.json ? plan.options : { ...plan.options, ...progressOn(plan.key) };
  const result = await withReplicationCache(args.cache, args.checkInvariants, (keeper) =>
    withReplicationPool(workers, args.checkInvariants, (pool) =>
      tune(scenario, options, cachedRunner(pool, keeper)),
    ),
  );
  const doc = tuneDocument(scenario, tuneRequest(args.scenario, plan), result);
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const { data: dataDir, report: reportDir } = outputFolders(args);
  const notes: string[] = [];
  if (dataDir !== undefined) {
    const files = [{ name: "tune.json", content: json }];
    const withReport = reportWithData(reportDir, dataDir);
    notes.push(writtenNote(writeOutputFolder(dataDir, "tune", files, withReport)));
  }
  if (reportDir !== undefined && dataDir !== undefined) {
    const report = await whileCatchingInterrupt((signal) =>
      writeReportOf(
        { kind: "tune", doc, source: join(dataDir, "tune.json") },
        reportDir,
        [],
        signal,
        reportEntry(reportDir, dataDir, "tune"),
      ),
    );
    notes.push(reportWrittenNote(report));
  }
  if (args.json) {
    print(json);
  } else {
    print(
      `tuning ${plan.key} of ${pacingLabel(plan.basePacing)} on "${scenario.name}": P(campaign within ${scenario.rules.ceilingPer100} per 100 ${scenario.rules.denominator}) >= ${args.confidence}\n\n`,
    );
    print(table(doc));
    if (notes.length > 0) print(`\n${notes.join("")}`);
  }
  return TUNE_EXIT_CODES[result.answer];
}

/** `pacelab tune`: its options, help and run. */
export const tuneCommandModule = commandModule(
  "tune <scenario>",
  "Find the most aggressive setting that keeps campaigns within the ceiling with a given probability",
  (y) =>
    y
      .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
      .option("pacing", {
        alias: "p",
        type: "string",
        demandOption: true,
        describe: "The pacing to tune, as in compare (e.g. vicidial-ratio, guarded:binomial)",
      })
      .option("key", {
        type: "string",
        describe:
          "Setting to tune (default: level for vicidial-ratio, maxLevel for the adaptive modes, targetPercent for lines-per-agent and binomial, threshold for agents-about-to-free, confidence for lookahead)",
      })
      .option("range", {
        type: "string",
        describe:
          "from:to:step to search (default: the key's usual range; for another key, larger values are taken to dial more)",
      })
      .option("confidence", {
        type: "number",
        default: 0.95,
        describe:
          "Required probability that the campaign ends within the ceiling (shown by a 95% Wilson bound)",
      })
      .option("objective", {
        type: "string",
        default: "agentOccupancy",
        describe:
          "What to maximise: agentOccupancy, talkOccupancy, talkMinutesPerAgentHour, connectedPerAgentHour",
      })
      .option("seed", seedOption())
      .option("batch", {
        type: "number",
        default: 20,
        describe: "Replications per batch at a probed value",
      })
      .option("max-replications", {
        type: "number",
        default: 200,
        describe:
          "Most replications at a probed value; a value still undecided then (or once more batches could not show it feasible) is undecided. Showing 0.95 takes 73, all within: fewer gets a warning",
      })
      .option("workers", workersOption)
      .option("check-invariants", checkInvariantsOption)
      .option("cache", cacheOption)
      .option("json", jsonOption("Print the result as JSON"))
      .option("out", outOption("Folder to write tune.json into"))
      .option("report", reportOption("the frontier, the chosen setting, the verdict"))
      .check((argv) => {
        checkRunOptions(argv);
        checkReportOption(argv);
        checkConfidence(argv.confidence);
        return true;
      })
      .example(
        ...example(
          "$0 tune scenarios/small-team.yaml -p vicidial-ratio",
          "largest safe RATIO level",
        ),
      )
      .epilog(
        "Every probed value is feasible, not feasible or undecided. Exit codes: 0 a feasible setting found; 1 none, even the least aggressive value shown not feasible; 3 undecided: none shown feasible, the least aggressive not shown infeasible (more replications may decide it); 2 bad input.",
      ),
  (argv, print) =>
    tuneCommand(
      {
        scenario: argv.scenario,
        pacing: argv.pacing,
        key: argv.key,
        range: argv.range,
        confidence: argv.confidence,
        objective: argv.objective,
        seed: argv.seed,
        batch: argv.batch,
        maxReplications: argv["max-replications"],
        workers: argv.workers,
        checkInvariants: argv.checkInvariants,
        cache: argv.cache,
        json: argv.json,
        out: argv.out,
        report: argv.report,
      },
      print,
    ),
);
