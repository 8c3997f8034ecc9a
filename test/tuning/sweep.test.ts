import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { sweepCsv } from "../../src/report/sweep-csv.js";
import { parseAxis } from "../../src/tuning/grid.js";
import { ScenarioVariants } from "../../src/tuning/scenario-variant.js";
import { runSweep } from "../../src/tuning/sweep.js";

const variants = new ScenarioVariants("scenarios/small-team.yaml");
const axes = [parseAxis("pacing.maxLevel=1,2"), parseAxis("agents.count=4,6")];

describe("sweep", () => {
  it("gives the same numbers with one worker and with two", async () => {
    const options = { seed: 3, replications: 3 };
    const one = await runSweep(variants, axes, { ...options, workers: 1 });
    const two = await runSweep(variants, axes, { ...options, workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.points).toHaveLength(4);
    expect(one.partial).toBe(false);
  });

  it("applies each setting through the scenario schema and summarises every point", async () => {
    const result = await runSweep(variants, axes, { seed: 1, replications: 4, workers: 1 });
    const [lowLevel, , highLevel] = result.points;
    expect(lowLevel.settings).toEqual({ "pacing.maxLevel": 1, "agents.count": 4 });
    // maxLevel 1 keeps the adaptive pacer at level 1: the RATIO rule at 1 is progressive.
    expect(lowLevel.metrics.silentPer100Connected?.mean).toBe(0);
    expect(highLevel.metrics.silentPer100Connected?.mean).toBeGreaterThan(0);
    expect(highLevel.replications).toBe(4);
    const csv = sweepCsv(result).trim().split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[0]).toContain("silent_per_100_connected_mean");
    expect(csv[0].split(",")).toHaveLength(2 + 1 + 6 * 3 + 1);
  });

  it("keeps finished replications when stopped", async () => {
    const abort = new AbortController();
    const result = await runSweep(variants, axes, {
      seed: 1,
      replications: 3,
      workers: 1,
      signal: abort.signal,
      onProgress: (done) => {
        if (done === 5) abort.abort();
      },
    });
    expect(result.partial).toBe(true);
    expect(result.points.map((p) => p.replications)).toEqual([3, 2, 0, 0]);
  });

  it("rejects a swept value the schema refuses, naming the setting", () => {
    expect(() => variants.at([parseAxis("pacing.maxLevel=0.5")], [0.5])).toThrow(ScenarioError);
    expect(() => variants.at([parseAxis("pacing.maxLevel=0.5")], [0.5])).toThrow(
      /with pacing\.maxLevel=0\.5/,
    );
  });
});
