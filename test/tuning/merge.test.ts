import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { parseAxis } from "../../src/tuning/grid.js";
import { mergeSweeps } from "../../src/tuning/merge.js";
import { ScenarioVariants } from "../../src/tuning/scenario-variant.js";
import { runSweep } from "../../src/tuning/sweep.js";

const variants = new ScenarioVariants("scenarios/small-team.yaml");
const axes = [parseAxis("pacing.maxLevel=1:2:0.5"), parseAxis("agents.count=4,6")];
const options = { seed: 2, replications: 2, workers: 1 };

describe("shards and merge", async () => {
  const whole = await runSweep(variants, axes, options);
  const shards = await Promise.all(
    [1, 2, 3].map((index) => runSweep(variants, axes, { ...options, shard: { index, count: 3 } })),
  );
  const names = ["a.json", "b.json", "c.json"];

  it("splits the grid into interleaved shards that merge into exactly the unsharded result", () => {
    expect(shards.map((s) => s.points.map((p) => p.index))).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(JSON.stringify(mergeSweeps([shards[2], shards[0], shards[1]], names))).toBe(
      JSON.stringify(whole),
    );
  });

  it("refuses a missing or repeated shard, another seed, or an unsharded sweep", () => {
    expect(() => mergeSweeps([shards[0], shards[1]], names)).toThrow(/no shard 3\/3/);
    expect(() => mergeSweeps([shards[0], shards[0], shards[1]], names)).toThrow(/each shard once/);
    expect(() => mergeSweeps([shards[0], { ...shards[1], seed: 9 }, shards[2]], names)).toThrow(
      /b\.json: seed: expected the same seed/,
    );
    expect(() => mergeSweeps([whole], names)).toThrow(ScenarioError);
  });
});
