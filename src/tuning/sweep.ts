import type { CampaignSummary } from "../model/campaign-summary.js";
import { scenarioHash } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";
import { VERSION } from "../version.js";
import { type Axis, gridPoints } from "./grid.js";
import { type ReplicationTask, runReplicationTasks } from "./replication-pool.js";
import type { ScenarioVariants } from "./scenario-variant.js";
import { type Shard, shardPositions } from "./shard.js";
import { type SweepPoint, summarizePoint } from "./sweep-point.js";

export interface SweepResult {
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly rules: {
    readonly id: string;
    readonly ceilingPer100: number;
    readonly denominator: string;
  };
  /** Every point runs seeds seed .. seed + replications - 1 (common random numbers). */
  readonly seed: number;
  readonly replications: number;
  readonly axes: readonly Axis[];
  /** True when stopped early; points then hold only their finished replications. */
  readonly partial: boolean;
  /** Present when this is one shard of a sweep: 1-based index and the shard count. */
  readonly shard?: Shard;
  readonly points: readonly SweepPoint[];
}

export interface SweepOptions {
  readonly seed: number;
  readonly replications: number;
  readonly workers: number;
  /** Check every replication's laws (docs/invariants.md); a breach rejects with exit 70. */
  readonly checkInvariants?: boolean;
  /** Told of each finished replication (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Run only this shard's points: every count-th point from the index-th (1-based). */
  readonly shard?: Shard;
}

/** Runs every grid point `replications` times across `workers` threads. */
export async function runSweep(
  variants: ScenarioVariants,
  axes: readonly Axis[],
  options: SweepOptions,
): Promise<SweepResult> {
  const shard = options.shard;
  const grid = gridPoints(axes);
  const points = shardPositions(grid.length, shard).map((index) => ({ point: grid[index], index }));
  const scenarios: Scenario[] = points.map(({ point }) => variants.at(axes, point));
  const { seed, replications } = options;
  const tasks: ReplicationTask[] = [];
  for (let s = 0; s < scenarios.length; s++) {
    for (let r = 0; r < replications; r++)
      tasks.push({ id: tasks.length, scenario: s, seed: seed + r });
  }
  const total = tasks.length;
  const summaries = await runReplicationTasks(
    scenarios,
    tasks,
    options.workers,
    (done) => options.onProgress?.(done, total),
    options.signal,
    options.checkInvariants,
  );
  const base = variants.at([], []);
  return {
    tool: { name: "pacelab", version: VERSION },
    scenario: { name: base.name, file: variants.file, sha256: scenarioHash(base) },
    rules: {
      id: base.rules.id,
      ceilingPer100: base.rules.ceilingPer100,
      denominator: base.rules.denominator,
    },
    seed,
    replications,
    axes,
    partial: summaries.some((s) => s === undefined),
    ...(shard === undefined ? {} : { shard }),
    points: points.map(({ point, index }, i) => {
      const settings = Object.fromEntries(axes.map((a, k) => [a.key, point[k]]));
      const mine = summaries.slice(i * replications, (i + 1) * replications);
      return summarizePoint(
        index,
        settings,
        mine.filter((s): s is CampaignSummary => s !== undefined),
      );
    }),
  };
}
