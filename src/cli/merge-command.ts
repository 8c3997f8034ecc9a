import { readFileSync } from "node:fs";
import { sweepCsv } from "../report/sweep-csv.js";
import { writeFilesAtomically } from "../report/write-files.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { mergeSweeps } from "../tuning/merge.js";
import type { SweepResult } from "../tuning/sweep.js";

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

/** `pacelab merge`: joins the shards of a sweep exactly. */
export function mergeCommand(
  args: { readonly shards: readonly string[]; readonly out?: string },
  print: (text: string) => void,
): void {
  const merged = mergeSweeps(args.shards.map(readSweep), args.shards);
  const json = `${JSON.stringify(merged, null, 2)}\n`;
  if (args.out === undefined) {
    print(json);
    return;
  }
  const written = writeFilesAtomically(args.out, [
    { name: "sweep.json", content: json },
    { name: "sweep.csv", content: sweepCsv(merged) },
  ]);
  print(
    `merged ${args.shards.length} shards (${merged.points.length} points): wrote ${written.join(", ")}\n`,
  );
}
