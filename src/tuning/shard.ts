/** One of `count` shares of a run, numbered from 1 (as typed: `--shard 2/4`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The positions, out of `total` units of work in their fixed order, that `shard` runs: every
 * count-th from the index-th. Interleaved rather than in blocks, so that work whose cost grows
 * along the order (team size, a swept key) spreads evenly. Without a shard, every position.
 */
export function shardPositions(total: number, shard?: Shard): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return shard === undefined ? all : all.filter((i) => i % shard.count === shard.index - 1);
}
