import { ScenarioError } from "../io/read/scenario-error.js";
import type { ResultDocument } from "../result/result-document.js";
import type { Shard } from "./shard.js";
import { checkShardSet } from "./shard-set.js";

/**
 * One shard of `compare` (compare-shard.json): the result documents of its pacings with their
 * places on the command line, and what must agree across shards for the merge to give the
 * unsharded comparison. A compare splits by pacing: each pacing's replications run whole.
 */
export interface CompareShard {
  readonly kind: "compare-shard";
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly scenario: { readonly file: string; readonly sha256: string };
  readonly seed: number;
  readonly replications: number;
  /** Every pacing compared, as written, in order. */
  readonly pacings: readonly string[];
  readonly shard: Shard;
  readonly results: readonly { readonly position: number; readonly document: ResultDocument }[];
}

/**
 * Joins the shards of one comparison into the documents an unsharded compare gives, in the
 * pacings' order. Anything but every shard of the same run once is refused, naming the file.
 */
export function mergeCompareShards(
  parts: readonly CompareShard[],
  names: readonly string[],
): ResultDocument[] {
  checkShardSet(parts, names, "a shard of a compare (run with --shard i/n)", [
    ["scenario", "scenario"],
    ["seed", "seed"],
    ["replications", "replications"],
    ["pacings", "pacings"],
    ["tool", "pacelab version"],
  ]);
  const size = parts[0].pacings.length;
  const results = parts.flatMap((p) => p.results).sort((a, b) => a.position - b.position);
  if (results.length !== size || results.some((r, i) => r.position !== i)) {
    throw new ScenarioError({
      file: names[0],
      keyPath: "results",
      expected: `the ${size} pacings compared, each once`,
      got: `${results.length} results`,
    });
  }
  return results.map((r) => r.document);
}
