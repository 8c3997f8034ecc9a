import { ScenarioError } from "../io/read/scenario-error.js";
import { gridPoints } from "./grid.js";
import type { SweepResult } from "./sweep.js";

/**
 * Joins the shards of one sweep into the result an unsharded run gives: every shard of the same
 * scenario, seeds, replications and grid present exactly once. Anything else is refused, naming
 * the file.
 */
export function mergeSweeps(parts: readonly SweepResult[], names: readonly string[]): SweepResult {
  if (parts.length === 0) throw new RangeError("nothing to merge");
  const refuse = (i: number, keyPath: string, expected: string, got: string): never => {
    throw new ScenarioError({ file: names[i], keyPath, expected, got });
  };
  const first = parts[0];
  const count = first.shard?.count;
  if (count === undefined)
    refuse(0, "shard", "a shard of a sweep (run with --shard i/n)", "an unsharded sweep");
  const same = (i: number, key: keyof SweepResult, what: string) => {
    if (JSON.stringify(parts[i][key]) !== JSON.stringify(first[key])) {
      refuse(i, key, `the same ${what} as ${names[0]}`, JSON.stringify(parts[i][key]));
    }
  };
  const seen = new Map<number, number>();
  parts.forEach((part, i) => {
    for (const [key, what] of [
      ["scenario", "scenario"],
      ["rules", "rules"],
      ["seed", "seed"],
      ["replications", "replications"],
      ["axes", "grid"],
      ["tool", "pacelab version"],
    ] as const) {
      same(i, key, what);
    }
    const shard = part.shard;
    if (shard?.count !== count)
      refuse(i, "shard.count", `${count} (as ${names[0]})`, String(shard?.count));
    const index = shard?.index as number;
    const other = seen.get(index);
    if (other !== undefined)
      refuse(
        i,
        "shard.index",
        `each shard once; ${index} is also in ${names[other]}`,
        String(index),
      );
    seen.set(index, i);
  });
  for (let index = 1; index <= (count as number); index++) {
    if (!seen.has(index)) refuse(0, "shard", `all ${count} shards`, `no shard ${index}/${count}`);
  }
  const points = parts.flatMap((p) => p.points).sort((a, b) => a.index - b.index);
  const size = gridPoints(first.axes).length;
  if (points.length !== size || points.some((p, i) => p.index !== i)) {
    refuse(0, "points", `the ${size} points of the grid, each once`, `${points.length} points`);
  }
  const { shard: _shard, ...rest } = first;
  return { ...rest, partial: parts.some((p) => p.partial), points };
}
