import { ScenarioError } from "../io/read/scenario-error.js";
import type { Shard } from "./shard.js";

/** A key every shard of one run must share, and its name in an error message. */
export type SharedKey<T> = readonly [key: keyof T & string, what: string];

/**
 * Checks that `parts` are the shards of one run, each present exactly once: every part a
 * shard (`kind`, e.g. "a shard of a sweep (run with --shard i/n)"), with the same `shared`
 * keys and shard count as the first, no index twice, none missing. Throws a ScenarioError
 * naming the file (`names[i]`) and the key otherwise; returns the shard count.
 */
export function checkShardSet<T extends { readonly shard?: Shard }>(
  parts: readonly T[],
  names: readonly string[],
  kind: string,
  shared: readonly SharedKey<T>[],
): number {
  if (parts.length === 0) throw new RangeError("nothing to merge");
  const refuse = (i: number, keyPath: string, expected: string, got: string): never => {
    throw new ScenarioError({ file: names[i], keyPath, expected, got });
  };
  const first = parts[0];
  const count = first.shard?.count ?? refuse(0, "shard", kind, "a run that is not a shard");
  const seen = new Map<number, number>();
  parts.forEach((part, i) => {
    for (const [key, what] of shared) {
      if (JSON.stringify(part[key]) !== JSON.stringify(first[key]))
        refuse(i, key, `the same ${what} as ${names[0]}`, JSON.stringify(part[key]));
    }
    if (part.shard?.count !== count)
      refuse(i, "shard.count", `${count} (as ${names[0]})`, String(part.shard?.count));
    const index = part.shard?.index as number;
    const other = seen.get(index);
    if (other !== undefined)
      refuse(i, "shard.index", `each shard once; ${index} is also in ${names[other]}`, `${index}`);
    seen.set(index, i);
  });
  for (let index = 1; index <= count; index++) {
    if (!seen.has(index)) refuse(0, "shard", `all ${count} shards`, `no shard ${index}/${count}`);
  }
  return count;
}
