import { availableParallelism } from "node:os";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { writeOutputFolder } from "../io/write/output-manifest.js";
import { CONFIDENCE_VERDICT_WORDS, ceilingConfidence } from "../report/ceiling-confidence.js";
import { fixed, percent } from "../report/format-number.js";
import { sweepCsv } from "../report/sweep-csv.js";
import { type Axis, gridPoints, parseAxis } from "../tuning/grid.js";
import { ScenarioVariants } from "../tuning/scenario-variant.js";
import { runSweep, type SweepResult } from "../tuning/sweep.js";
import { commandModule } from "./command-module.js";
import { checkConfidence, sweepConfidenceOption } from "./confidence-option.js";
import { type EmitPlan, emitJob, withEmitOptions } from "./emit-option.js";
import { example } from "./help-example.js";
import { DEFAULT_CONFIDENCE, writeReportOf } from "./report-command.js";
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
  checkInvariantsOption,
  checkRunOptions,
  jsonOption,
  outOption,
  replicationsOption,
  seedOption,
  workersOption,
} from "./run-options.js";
import { parseShard, shardOption } from "./shard-option.js";
import { writtenNote } from "./written-note.js";

export interface SweepArgs {
  readonly scenario: string;
  readonly set: readonly string[];
  readonly seed?: number;
  readonly replications: number;
  readonly workers?: number;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** `i/n`: run the i-th of n interleaved shares of the grid. */
  readonly shard?: string;
  readonly json: boolean;
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
  /** For the report: the P(campaign within the ceiling) a point must show to meet it. */
  readonly confidence?: number;
}

function table(result: SweepResult, confidence: number): string {
  const f = (x: number | undefined) => (x === undefined ? "n/a" : fixed(x));
  const lines = result.points.map((p) => {
    const s = p.metrics.silentPer100Connected;
    const o = p.metrics.agentOccupancy;
    const c = ceilingConfidence(p.replications, p.overCeiling, confidence);
    const keys = result.axes.map((a) => `${a.key}=${p.settings[a.key]}`).join(" ");
    return `${keys.padEnd(28)} silent/100 connected ${f(s?.mean)} [${f(s?.ci95[0])}, ${f(s?.ci95[1])}]  occupancy ${o ? percent(o.mean, 2) : "n/a"}  within ${c.within} of ${c.replications}, P(within) [${f(c.interval[0])}, ${f(c.interval[1])}]  ${CONFIDENCE_VERDICT_WORDS[c.verdict]}`;
  });
  const head = `each point against P(campaign within ${result.rules.ceilingPer100} per 100 ${result.rules.denominator}) >= ${confidence}, by a 95% Wilson bound: meets, does not meet, or undecided\n`;
  return `${head}${lines.join("\n")}\n`;
}

/**
 * `pacelab sweep`: a grid over scenario keys, each point run with the same seeds. Ctrl-C stops
 * handing out replications, keeps what finished and writes it marked partial.
 */
export async function sweepCommand(
  args: SweepArgs,
  print: (text: string) => void,
): Promise<number> {
  checkOutputFolders(args);
  const axes: Axis[] = args.set.map((s) => parseAxis(s));
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const variants = new ScenarioVariants(args.scenario);
  const base = variants.at([], []);
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once("SIGINT", onInterrupt);
  // A progress bar only for a person watching: not in JSON output, not when piped.
  const bar =
    process.stderr.isTTY && !args.json
      ? new SingleBar({
          format: "sweep [{bar}] {value}/{total} replications, ETA {eta_formatted}",
          stream: process.stderr,
        })
      : null;
  try {
    const result = await runSweep(variants, axes, {
      seed: args.seed ?? base.seed,
      replications: args.replications,
      workers: args.workers ?? availableParallelism(),
      checkInvariants: args.checkInvariants,
      signal: abort.signal,
      ...(shard === undefined ? {} : { shard }),
      onProgress: (done, total) => {
        if (done === 1) bar?.start(total, 0);
        bar?.update(done);
      },
    });
    bar?.stop();
    const { data: dataDir, report: reportDir } = outputFolders(args);
    if (dataDir !== undefined) {
      // A stopped sweep is not drawn: the report drawn from the sweep before goes.
      const withReport = reportWithData(reportDir, dataDir) && !result.partial;
      const output = writeOutputFolder(
        dataDir,
        "sweep",
        [
          { name: "sweep.json", content: `${JSON.stringify(result, null, 2)}\n` },
          { name: "sweep.csv", content: sweepCsv(result) },
        ],
        withReport,
      );
      if (!args.json) print(writtenNote(output));
    }
    // A stopped sweep keeps its data; drawing it would only delay the stop.
    if (reportDir !== undefined && dataDir !== undefined && !result.partial) {
      // The SIGINT listener stays on: Ctrl-C while drawing stops before anything is written.
      const report = await writeReportOf(
        {
          kind: "sweep",
          result,
          source: join(dataDir, "sweep.json"),
          confidence: args.confidence ?? DEFAULT_CONFIDENCE,
        },
        reportDir,
        [],
        abort.signal,
        reportEntry(reportDir, dataDir, "sweep"),
      );
      if (!args.json) print(reportWrittenNote(report));
    }
    print(
      args.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : table(result, args.confidence ?? DEFAULT_CONFIDENCE),
    );
    if (result.partial) {
      process.stderr.write(
        `pacelab: sweep interrupted; finished replications kept (marked partial)${reportDir === undefined ? "" : "; no report drawn"}\n`,
      );
      return 130;
    }
    return 0;
  } finally {
    bar?.stop();
    process.removeListener("SIGINT", onInterrupt);
  }
}

/**
 * What --emit runs on each shard: this sweep as typed, with --workers set to the shard's CPUs
 * unless given. Every grid point is validated here, before anything is submitted.
 */
function sweepEmitPlan(argv: {
  scenario: string;
  set: readonly string[];
  seed?: number;
  replications: number;
  workers?: number;
  cpus: number;
  checkInvariants?: boolean;
  report?: string;
  confidence?: number;
}): EmitPlan {
  const axes = argv.set.map((s) => parseAxis(s));
  const variants = new ScenarioVariants(argv.scenario);
  const points = gridPoints(axes);
  for (const point of points) variants.at(axes, point);
  const option = (name: string, value: number | undefined) =>
    value === undefined ? [] : [name, String(value)];
  return {
    run: [
      ["sweep", argv.scenario, ...argv.set.flatMap((s) => ["--set", s])],
      option("--seed", argv.seed),
      option("--replications", argv.replications),
      option("--workers", argv.workers ?? argv.cpus),
      argv.checkInvariants === true ? ["--check-invariants"] : [],
    ].flat(),
    shardFile: "sweep.json",
    mergeOptions:
      argv.report === undefined ? [] : ["--report", ...option("--confidence", argv.confidence)],
    units: points.length,
    unitName: "points of the grid",
  };
}

/** --report of a sweep (sweep, merge). */
export const sweepReportOption = reportOption(
  "heat map or line chart of the silent ratio, which points meet the ceiling",
);

/** `pacelab sweep`: its options, help and run. */
export const sweepCommandModule = commandModule(
  "sweep <scenario>",
  "Run a grid of scenario variants (any keys) with the same seeds at every point",
  (y) =>
    withEmitOptions(
      y
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
        .option("set", {
          alias: "s",
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "A swept key, repeatable: key=from:to:step (inclusive) or key=a,b,c; keys as in the scenario file, e.g. pacing.level=1.0:3.0:0.1 or agents.count=5,10,20",
        })
        .option("seed", seedOption())
        .option("replications", replicationsOption(10, "Replications per point"))
        .option("workers", workersOption)
        .option("check-invariants", checkInvariantsOption)
        .option("shard", shardOption("grid"))
        .option("json", jsonOption("Print the sweep result as JSON"))
        .option("out", outOption("Folder to write sweep.json and sweep.csv into"))
        .option("report", sweepReportOption)
        .option("confidence", sweepConfidenceOption),
    )
      .check((argv) => {
        checkRunOptions(argv);
        checkReportOption(argv);
        checkConfidence(argv.confidence);
        return true;
      })
      .example(
        ...example(
          "$0 sweep scenarios/default.yaml --set pacing.inner.targetPercent=1:5:1 -r 20",
          "binomial's target from 1% to 5%, 20 replications each",
        ),
      )
      .example(
        ...example(
          "$0 sweep scenarios/default.yaml --set pacing.inner.targetPercent=1:5:1 -r 1000 --emit slurm --shards 5 --cpus 8 --out jobs/target",
          "write a Slurm job array of 5 shards and its merge into jobs/target; submit with bash jobs/target/submit.sh",
        ),
      ),
  (argv, print) =>
    argv.emit !== undefined
      ? emitJob(sweepEmitPlan(argv), argv, print)
      : sweepCommand(
          {
            scenario: argv.scenario,
            set: argv.set,
            seed: argv.seed,
            replications: argv.replications,
            workers: argv.workers,
            checkInvariants: argv.checkInvariants,
            shard: argv.shard,
            json: argv.json,
            out: argv.out,
            report: argv.report,
            confidence: argv.confidence,
          },
          print,
        ),
);
