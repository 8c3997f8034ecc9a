import { ScenarioError } from "../io/read/scenario-error.js";
import type { Shard } from "../tuning/shard.js";

/** --shard i/n of a command whose runs `pacelab merge` joins (sweep, study, compare). */
export function shardOption(share: string) {
  return {
    type: "string",
    describe: `i/n: run only the i-th of n interleaved shares of the ${share} (for separate machines); join them with pacelab merge`,
  } as const;
}

/** Parses `i/n` (1 <= i <= n); a ScenarioError naming --shard otherwise (exit 2). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ScenarioError({
      file: "--shard",
      keyPath: "",
      expected: "i/n with 1 <= i <= n, e.g. 2/4",
      got: `"${text}"`,
    });
  }
  return { index, count };
}
