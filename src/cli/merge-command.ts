import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../io/read/scenario-error.js";
import { writeFilesAtomically } from "../io/write/write-files.js";
import { sweepCsv } from "../report/sweep-csv.js";
import { mergeSweeps } from "../tuning/merge.js";
import type { SweepResult } from "../tuning/sweep.js";
import { DEFAULT_CONFIDENCE, whileCatchingInterrupt, writeReportOf } from "./report-command.js";
import { checkOutputFolders, outputFolders, reportWrittenNote } from "./report-option.js";

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
