import { readFileSync } from "node:fs";
import { ScenarioError } from "../io/read/scenario-error.js";
import {
  type FolderOutput,
  type OutputEntry,
  writeOutputFolder,
} from "../io/write/output-manifest.js";
import type { OutputFile } from "../io/write/write-files.js";
import { sweepCsv } from "../report/sweep-csv.js";
import type { ResultDocument } from "../result/result-document.js";
import { type CompareShard, mergeCompareShards } from "../tuning/compare-shard.js";
import { mergeSweeps } from "../tuning/merge.js";
import { mergeStudyShards, type StudyShard } from "../tuning/study-shard.js";
import type { SweepResult } from "../tuning/sweep.js";
import { commandModule } from "./command-module.js";
import { compareFiles } from "./compare-command.js";
import { checkConfidence, sweepConfidenceOption } from "./confidence-option.js";
import { example } from "./help-example.js";
import {
  DEFAULT_CONFIDENCE,
  whileCatchingInterrupt,
  writeReport,
  writeReportOf,
} from "./report-command.js";
import {
  checkOutputFolders,
  checkReportOption,
  outputFolders,
  reportEntry,
  reportWithData,
  reportWrittenNote,
} from "./report-option.js";
import { studyFiles } from "./study-command.js";
import { sweepReportOption } from "./sweep-command.js";
import { writtenNote } from "./written-note.js";

export interface MergeArgs {
  readonly shards: readonly string[];
  readonly out?: string;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
  /** For the report: the P(campaign within the ceiling) a sweep's point must show to meet it. */
  readonly confidence?: number;
}

/** A shard file as read: which command wrote it, and its document. */
type ShardFile =
  | { readonly kind: "sweep"; readonly doc: SweepResult }
  | { readonly kind: "study"; readonly doc: StudyShard }
  | { readonly kind: "compare"; readonly doc: CompareShard };

const SHARD_FILES =
  "a shard of a sweep, study or compare (sweep.json, study-shard.json, compare-shard.json)";

function readShard(file: string): ShardFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ScenarioError({
      file,
      keyPath: "",
      expected: SHARD_FILES,
      got: (e as Error).message,
    });
  }
  const d = doc as { tool?: { name?: unknown }; kind?: unknown; [key: string]: unknown } | null;
  if (d?.tool?.name === "pacelab") {
    if (d.kind === "study-shard" && Array.isArray(d.cells))
      return { kind: "study", doc: d as unknown as StudyShard };
    if (d.kind === "compare-shard" && Array.isArray(d.results))
      return { kind: "compare", doc: d as unknown as CompareShard };
    if (d.kind === undefined && Array.isArray(d.points) && Array.isArray(d.axes))
      return { kind: "sweep", doc: d as unknown as SweepResult };
  }
  throw new ScenarioError({ file, keyPath: "", expected: SHARD_FILES, got: "something else" });
}

/** Every file's document, all of the first file's kind; a ScenarioError naming the odd one. */
function readShardsOfOneKind<K extends ShardFile["kind"]>(files: readonly string[]) {
  const read = files.map(readShard);
  read.forEach((shard, i) => {
    if (shard.kind !== read[0].kind)
      throw new ScenarioError({
        file: files[i],
        keyPath: "",
        expected: `a shard of a ${read[0].kind}, as ${files[0]}`,
        got: `a shard of a ${shard.kind}`,
      });
  });
  return { kind: read[0].kind as K, docs: read.map((s) => s.doc) };
}

/** What a merge gives: the files an unsharded run writes, what it prints, and its report. */
interface Merged {
  /** The kind of output merged: the one-process run's. */
  readonly kind: "study" | "compare" | "sweep";
  readonly files: OutputFile[];
  readonly json: string;
  readonly summary: string;
  /** Draws the report, or says why none is drawn. */
  readonly report:
    | ((folder: string, written: readonly string[], entry: OutputEntry) => Promise<FolderOutput>)
    | string;
}

function merged(files: readonly string[], confidence: number): Merged {
  const { kind, docs } = readShardsOfOneKind(files);
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
  if (kind === "study") {
    const cells = mergeStudyShards(docs as StudyShard[], files);
    return {
      kind,
      files: studyFiles(cells),
      json: json(cells),
      summary: `${cells.length} cells`,
      report: "a study has no report",
    };
  }
  if (kind === "compare") {
    const results: ResultDocument[] = mergeCompareShards(docs as CompareShard[], files);
    return {
      kind,
      files: compareFiles(results),
      json: json(results),
      summary: `${results.length} pacings`,
      report: (folder, written, entry) => writeReport(results, written, folder, entry),
    };
  }
  const sweep = mergeSweeps(docs as SweepResult[], files);
  return {
    kind: "sweep",
    files: [
      { name: "sweep.json", content: json(sweep) },
      { name: "sweep.csv", content: sweepCsv(sweep) },
    ],
    json: json(sweep),
    summary: `${sweep.points.length} points`,
    // As sweep: a sweep stopped early keeps its data but is not drawn.
    report: sweep.partial
      ? "a shard is partial (interrupted)"
      : (folder, written, entry) =>
          whileCatchingInterrupt((signal) =>
            writeReportOf(
              { kind: "sweep", result: sweep, source: written[0], confidence },
              folder,
              [],
              signal,
              entry,
            ),
          ),
  };
}

/**
 * `pacelab merge`: joins the shards of a sweep, study or compare exactly, into the files the
 * same run in one process writes, and reports on them if asked.
 */
export async function mergeCommand(
  args: MergeArgs,
  print: (text: string) => void,
): Promise<number> {
  checkOutputFolders(args);
  const result = merged(args.shards, args.confidence ?? DEFAULT_CONFIDENCE);
  const { data, report } = outputFolders(args);
  if (data === undefined) {
    print(result.json);
    return 0;
  }
  const withReport = reportWithData(report, data) && typeof result.report !== "string";
  const output = writeOutputFolder(data, result.kind, result.files, withReport);
  print(`merged ${args.shards.length} shards (${result.summary}): ${writtenNote(output)}`);
  if (report === undefined) return 0;
  if (typeof result.report === "string") {
    process.stderr.write(`pacelab: ${result.report}; no report drawn\n`);
    return 0;
  }
  const entry = reportEntry(report, data, result.kind);
  print(reportWrittenNote(await result.report(report, output.written, entry)));
  return 0;
}

/** `pacelab merge`: its options, help and run. */
export const mergeCommandModule = commandModule(
  "merge <shards..>",
  "Join the shards of a sweep, study or compare (--shard runs) into the unsharded result",
  (y) =>
    y
      .positional("shards", {
        type: "string",
        array: true,
        demandOption: true,
        describe:
          "Each shard's file, all of one run: sweep.json (sweep), study-shard.json (study), compare-shard.json (compare)",
      })
      .option("out", {
        type: "string",
        describe:
          "Folder to write what the unsharded run writes into: sweep.json and sweep.csv; study.json and study.csv; one result JSON per pacing (default: print JSON)",
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
