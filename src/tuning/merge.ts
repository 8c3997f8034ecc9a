import { ScenarioError } from "../io/read/scenario-error.js";
import { gridPoints } from "./grid.js";
import { checkShardSet } from "./shard-set.js";
import type { SweepResult } from "./sweep.js";

/**
 * Joins the shards of one sweep into the result an unsharded run gives: every shard of the same
 * scenario, seeds, replications and grid present exactly once. Anything else is refused, naming
 * the file.
 */
export function mergeSweeps(parts: readonly SweepResult[], names: readonly string[]): SweepResult {
  checkShardSet(parts, names, "a shard of a sweep (run with --shard i/n)", [
    ["scenario", "scenario"],
    ["rules", "rules"],
    ["seed", "seed"],
    ["replications", "replications"],
    ["axes", "grid"],
    ["tool", "pacelab version"],
  ]);
  const first = parts[0];
  const points = parts.flatMap((p) => p.points).sort((a, b) => a.index - b.index);
  const size = gridPoints(first.axes).length;
  if (points.length !== size || points.some((p, i) => p.index !== i)) {
    throw new ScenarioError({
      file: names[0],
      keyPath: "points",
      expected: `the ${size} points of the grid, each once`,
      got: `${points.length} points`,
    });
  }
  const { shard: _shard, ...rest } = first;
  return { ...rest, partial: parts.some((p) => p.partial), points };
}
