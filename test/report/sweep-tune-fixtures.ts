import { tuneDocument } from "../../src/report/tune-document.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parsePacingSpec } from "../../src/scenario/pacing-spec.js";
import { parseAxis } from "../../src/tuning/grid.js";
import { ReplicationPool } from "../../src/tuning/replication-pool.js";
import { ScenarioVariants } from "../../src/tuning/scenario-variant.js";
import { runSweep } from "../../src/tuning/sweep.js";
import { tune } from "../../src/tuning/tune.js";

/** A 90-minute day of 20 agents: quick enough to sweep and tune in a test. */
export const SHORT_DAY = "test/report/short-day.yaml";

const sweep =
  (...sets: string[]) =>
  () =>
    runSweep(
      new ScenarioVariants(SHORT_DAY),
      sets.map((s) => parseAxis(s)),
      { seed: 1, replications: 2, workers: 1 },
    );

/**
 * Sweeps and a tune run of the short day with fixed seeds (two replications a point), built
 * in-process and memoised per test file: over one, two and three keys.
 */
export const sweepFixtures = {
  oneKey: memo(sweep("pacing.inner.targetPercent=1,3,6")),
  twoKeys: memo(sweep("pacing.inner.targetPercent=1,6", "agents.count=5,20")),
  threeKeys: memo(
    sweep("pacing.inner.targetPercent=1,6", "agents.count=5,20", "dialer.cutoffSeconds=0,3"),
  ),
  tuned: memo(async () => {
    const scenario = loadScenario(SHORT_DAY);
    const key = "level";
    const pacingAt = (v: number) => parsePacingSpec(`vicidial-ratio:${key}=${v}`, scenario.rules);
    const range = { from: 1, to: 2, step: 0.25, aggressiveUp: true };
    const asked = { confidence: 0.5, objective: "agentOccupancy" as const, seed: 1, batch: 4 };
    const inThisThread = new ReplicationPool(1);
    const options = { ...range, ...asked, pacingAt, maxReplications: 8 };
    const result = await tune(scenario, options, inThisThread);
    return tuneDocument(
      scenario,
      { file: SHORT_DAY, pacingConfig: pacingAt(1), key, range, ...asked, maxReplications: 8 },
      result,
    );
  }),
};

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
