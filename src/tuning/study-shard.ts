import { ScenarioError } from "../io/read/scenario-error.js";
import type { Shard } from "./shard.js";
import { checkShardSet } from "./shard-set.js";
import type { StudyCell } from "./team-size-study.js";

/**
 * One shard of `study small-teams` (study-shard.json): its cells with their positions in the
 * full table, and what must agree across shards for the merge to give the unsharded study.
 */
export interface StudyShard {
  readonly kind: "study-shard";
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly scenario: { readonly file: string; readonly sha256: string };
  /** Everything the cells depend on, as the study ran. */
  readonly settings: {
    readonly sizes: readonly number[];
    readonly pacings: readonly string[];
    readonly confidence: number;
    readonly seed: number;
    readonly batch: number;
    readonly maxReplications: number;
  };
  readonly shard: Shard;
  readonly cells: readonly { readonly position: number; readonly cell: StudyCell }[];
}

/**
 * Joins the shards of one study into the cells an unsharded study gives, in table order:
 * every shard of the same scenario, settings and version present once. Anything else is
 * refused, naming the file.
 */
export function mergeStudyShards(
  parts: readonly StudyShard[],
  names: readonly string[],
): StudyCell[] {
  checkShardSet(parts, names, "a shard of a study (run with --shard i/n)", [
    ["scenario", "scenario"],
    ["settings", "sizes, pacings and tuning settings"],
    ["tool", "pacelab version"],
  ]);
  const { sizes, pacings } = parts[0].settings;
  const cells = parts.flatMap((p) => p.cells).sort((a, b) => a.position - b.position);
  const size = sizes.length * pacings.length;
  if (cells.length !== size || cells.some((c, i) => c.position !== i)) {
    throw new ScenarioError({
      file: names[0],
      keyPath: "cells",
      expected: `the ${size} cells of the study, each once`,
      got: `${cells.length} cells`,
    });
  }
  return cells.map((c) => c.cell);
}
