import { writeOutputFolder } from "../io/write/output-manifest.js";
import type { OutputFile } from "../io/write/write-files.js";
import { comparisonTable } from "../report/comparison-table.js";
import { resultPacingName } from "../report/summary-text.js";
import { type ResultDocument, scenarioHash } from "../result/result-document.js";
import { loadScenario } from "../scenario/load.js";
import { parsePacingSpec } from "../scenario/pacing-spec.js";
import type { Scenario } from "../scenario/scenario.js";
import { type ComparedPacing, comparePacings } from "../tuning/compare.js";
import type { CompareShard } from "../tuning/compare-shard.js";
import { type Shard, shardPositions } from "../tuning/shard.js";
import { VERSION } from "../version.js";
import { commandModule } from "./command-module.js";
import { type EmitPlan, emitJob, withEmitOptions } from "./emit-option.js";
import { example } from "./help-example.js";
import { writeReport } from "./report-command.js";
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
} from "./run-options.js";
import { parseShard, shardOption } from "./shard-option.js";
import { writtenNote } from "./written-note.js";

export interface CompareArgs {
  readonly scenario: string;
  readonly pacing: readonly string[];
  readonly seed?: number;
  readonly replications: number;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** `i/n`: run the i-th of n interleaved shares of the pacings. */
  readonly shard?: string;
  readonly json: boolean;
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
}

/** A file name for a pacing label: `guarded(binomial)` becomes `guarded-binomial`. */
function fileLabel(label: string): string {
  return label.replace(/[^a-z0-9.-]+/gi, "-").replace(/-+$/, "");
}

/** The files a compare writes: one result document per pacing, numbered in order. */
export function compareFiles(docs: readonly ResultDocument[]): OutputFile[] {
  return docs.map((doc, i) => ({
    name: `${String(i + 1).padStart(2, "0")}-${fileLabel(resultPacingName(doc))}.json`,
    content: `${JSON.stringify(doc, null, 2)}\n`,
  }));
}

// A shard's document: its results in place, and what the merge checks.
function compareShard(
  args: CompareArgs,
  scenario: Scenario,
  seed: number,
  pacings: readonly ComparedPacing[],
  shard: Shard,
  docs: readonly ResultDocument[],
): CompareShard {
  const positions = shardPositions(pacings.length, shard);
  return {
    kind: "compare-shard",
    tool: { name: "pacelab", version: VERSION },
    scenario: { file: args.scenario, sha256: scenarioHash(scenario) },
    seed,
    replications: args.replications,
    pacings: pacings.map((p) => p.spec),
    shard,
    results: docs.map((document, i) => ({ position: positions[i], document })),
  };
}

/** `pacelab compare`: one scenario under several pacings on the same draws. */
export async function compareCommand(
  args: CompareArgs,
  print: (text: string) => void,
): Promise<number> {
  checkOutputFolders(args);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const scenario = loadScenario(args.scenario);
  const pacings = args.pacing.map((spec) => ({
    spec: spec.trim(),
    config: parsePacingSpec(spec, scenario.rules),
  }));
  const seed = args.seed ?? scenario.seed;
  const docs = comparePacings(
    scenario,
    args.scenario,
    shardPositions(pacings.length, shard).map((p) => pacings[p]),
    seed,
    args.replications,
    args.checkInvariants,
  );
  if (shard !== undefined) {
    const json = `${JSON.stringify(compareShard(args, scenario, seed, pacings, shard, docs), null, 2)}\n`;
    if (args.out !== undefined) {
      const output = writeOutputFolder(args.out, "compare", [
        { name: "compare-shard.json", content: json },
      ]);
      if (!args.json) print(`${writtenNote(output)}\n`);
    }
    if (args.json) {
      print(json);
      return 0;
    }
  }
  const folders = outputFolders(args);
  if (folders.data !== undefined && shard === undefined) {
    const files = compareFiles(docs);
    const withReport = reportWithData(folders.report, folders.data);
    const output = writeOutputFolder(folders.data, "compare", files, withReport);
    if (!args.json) print(writtenNote(output));
    if (folders.report !== undefined) {
      const entry = reportEntry(folders.report, folders.data, "compare");
      const report = await writeReport(docs, output.written, folders.report, entry);
      if (!args.json) print(reportWrittenNote(report));
    }
    if (!args.json) print("\n");
  }
  if (args.json) {
    print(`${JSON.stringify(docs, null, 2)}\n`);
    return 0;
  }
  print(
    `scenario "${scenario.name}" (${args.scenario}), seeds ${seed}..${seed + args.replications - 1}, same draws for every pacing\n\n`,
  );
  print(comparisonTable(docs));
  return 0;
}

/** What --emit runs on each shard: this compare as typed, each pacing checked first. */
function compareEmitPlan(args: CompareArgs): EmitPlan {
  const scenario = loadScenario(args.scenario);
  for (const spec of args.pacing) parsePacingSpec(spec, scenario.rules);
  return {
    run: [
      ["compare", args.scenario, ...args.pacing.flatMap((p) => ["--pacing", p.trim()])],
      args.seed === undefined ? [] : ["--seed", String(args.seed)],
      ["--replications", String(args.replications)],
      args.checkInvariants === true ? ["--check-invariants"] : [],
    ].flat(),
    shardFile: "compare-shard.json",
    mergeOptions: args.report === undefined ? [] : ["--report"],
    units: args.pacing.length,
    unitName: "pacings compared",
  };
}

/** `pacelab compare`: its options, help and run. */
export const compareCommandModule = commandModule(
  "compare <scenario>",
  "Run one scenario under several pacings on the same random draws, side by side",
  (y) =>
    withEmitOptions(
      y
        .positional("scenario", { type: "string", demandOption: true, describe: "Scenario file" })
        .option("pacing", {
          alias: "p",
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "Pacings, comma-separated or repeated: name[:key=value...], e.g. progressive,vicidial-ratio:level=2,guarded:binomial (keys as in a scenario's pacing block)",
          coerce: (values: string[]) => values.flatMap((v) => v.split(",")).filter((v) => v !== ""),
        })
        .option("seed", seedOption())
        .option("replications", replicationsOption(10, "Replications per pacing"))
        .option("check-invariants", checkInvariantsOption)
        .option("shard", shardOption("pacings (each pacing's replications run whole)"))
        .option(
          "json",
          jsonOption(
            "Print the result documents as a JSON array (a shard: its compare-shard.json)",
          ),
        )
        .option(
          "out",
          outOption(
            "Folder to write one result JSON per pacing into (a shard: compare-shard.json)",
          ),
        )
        .option("report", reportOption("the pacings side by side, the frontier")),
    )
      .check((argv) => {
        checkRunOptions(argv);
        if (argv.pacing.length === 0) throw new Error("--pacing: name at least one pacing");
        checkReportOption(argv);
        if (argv.shard !== undefined && argv.report !== undefined)
          throw new Error("--report: a shard draws no report; draw it with pacelab merge --report");
        return true;
      })
      .example(
        ...example(
          "$0 compare scenarios/default.yaml -p progressive,vicidial-adapt-tapered,guarded:binomial",
          "three pacings on the same draws",
        ),
      ),
  (argv, print) => {
    const args: CompareArgs = {
      scenario: argv.scenario,
      pacing: argv.pacing,
      seed: argv.seed,
      replications: argv.replications,
      checkInvariants: argv.checkInvariants,
      shard: argv.shard,
      json: argv.json,
      out: argv.out,
      report: argv.report,
    };
    return argv.emit !== undefined
      ? emitJob(compareEmitPlan(args), argv, print)
      : compareCommand(args, print);
  },
);
