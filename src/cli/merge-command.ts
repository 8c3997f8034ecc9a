import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../io/read/scenario-error.js";
import { writeFilesAtomically } from "../io/write/write-files.js";
import { sweepCsv } from "../report/sweep-csv.js";
import { mergeSweeps } from "../tuning/merge.js";
import type { SweepResult } from "../tuning/sweep.js";
import { commandModule } from "./command-module.js";
import { checkConfidence, sweepConfidenceOption } from "./confidence-option.js";
import { example } from "./help-example.js";
import { DEFAULT_CONFIDENCE, whileCatchingInterrupt, writeReportOf } from "./report-command.js";
import {
  checkOutputFolders,
  checkReportOption,
  outputFolders,
  reportWrittenNote,
} from "./report-option.js";
import { sweepReportOption } from "./sweep-command.js";

export interface MergeArgs {
  readonly shards: readonly string[];
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
  /** For the report: the P(campaign within the ceiling) a point must show to meet it. */
  readonly confidence?: number;
}

function readSweep(file: string): SweepResult {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ScenarioError({
      file,
      keyPath: "",
      expected: "a readable sweep.json",
      got: (e as Error).message,
    });
  }
  const d = doc as Partial<SweepResult> | null;
  if (d?.tool?.name !== "pacelab" || !Array.isArray(d.points) || !Array.isArray(d.axes)) {
    throw new ScenarioError({
      file,
      keyPath: "",
      expected: "a pacelab sweep result (sweep.json)",
      got: "something else",
    });
  }
  return d as SweepResult;
}

/** `pacelab merge`: joins the shards of a sweep exactly, and reports on them if asked. */
export async function mergeCommand(
  args: MergeArgs,
  print: (text: string) => void,
): Promise<number> {
  checkOutputFolders(args);
  const merged = mergeSweeps(args.shards.map(readSweep), args.shards);
  const json = `${JSON.stringify(merged, null, 2)}\n`;
  const { data, report } = outputFolders(args);
  if (data === undefined) {
    print(json);
    return 0;
  }
  const written = writeFilesAtomically(data, [
    { name: "sweep.json", content: json },
    { name: "sweep.csv", content: sweepCsv(merged) },
  ]);
  print(
    `merged ${args.shards.length} shards (${merged.points.length} points): wrote ${written.join(", ")}\n`,
  );
  if (report === undefined) return 0;
  // As sweep: a sweep stopped early keeps its data but is not drawn.
  if (merged.partial) {
    process.stderr.write("pacelab: a shard is partial (interrupted); no report drawn\n");
    return 0;
  }
  const files = await whileCatchingInterrupt((signal) =>
    writeReportOf(
      {
        kind: "sweep",
        result: merged,
        source: join(data, "sweep.json"),
        confidence: args.confidence ?? DEFAULT_CONFIDENCE,
      },
      report,
      [],
      signal,
    ),
  );
  print(reportWrittenNote(files));
  return 0;
}

/** `pacelab merge`: its options, help and run. */
export const mergeCommandModule = commandModule(
  "merge <shards..>",
  "Join the shards of a sweep (sweep.json files from --shard runs) into one result",
  (y) =>
    y
      .positional("shards", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "sweep.json of each shard",
      })
      .option("out", {
        type: "string",
        describe: "Folder to write sweep.json and sweep.csv into (default: print JSON)",
      })
      .option("report", sweepReportOption)
      .option("confidence", sweepConfidenceOption)
      .check((argv) => {
        checkReportOption(argv);
        checkConfidence(argv.confidence);
        return true;
      })
      .example(
        ...example(
          "$0 merge reports/s1/sweep.json reports/s2/sweep.json --out reports/sweep --report",
          "join two shards and draw the report",
        ),
      ),
  (argv, print) =>
    mergeCommand(
      {
        shards: argv.shards as string[],
        out: argv.out,
        report: argv.report,
        confidence: argv.confidence,
      },
      print,
    ),
);
