import type { PacingConfig } from "../pacing/config.js";
import type { Scenario } from "../scenario/scenario.js";
import type { MeanInterval } from "../stats/confidence.js";
import { cachedRunner, type ReplicationKeeper } from "./cached-runner.js";
import { type ReplicationRunner, withReplicationPool } from "./replication-pool.js";
import { type Shard, shardPositions } from "./shard.js";
import { summarizePoint } from "./sweep-point.js";
import {
  isRangeEnd,
  probeScenario,
  type TuneOptions,
  type TuneProbe,
  type TuneVerdict,
  type TuningRange,
  tune,
} from "./tune.js";

/** Team sizes the study covers by default. */
export const STUDY_SIZES = [5, 10, 20, 50, 100, 500] as const;

/** Leads per agent: enough that no team runs out of numbers in a day. */
export const LEADS_PER_AGENT = 400;

/** One algorithm at one team size, at its best setting within the ceiling. */
export interface StudyCell {
  readonly agents: number;
  readonly pacing: string;
  /**
   * The tuned setting (null for a pacing with nothing to tune, progressive, or when nothing
   * was feasible); `atRangeEnd` when it is the searched range's most aggressive value, so that
   * more aggressive ones, never tried, may be feasible too.
   */
  readonly setting: {
    readonly key: string;
    readonly value: number;
    readonly atRangeEnd: boolean;
  } | null;
  readonly agentOccupancy: MeanInterval | null;
  readonly silentPer100Connected: MeanInterval | null;
  /** Lower 95% bound of P(campaign within the ceiling) at that setting. */
  readonly withinLowerBound: number | null;
  /**
   * Whether that P was shown >= the confidence: for a tuned pacing, the search's answer (see
   * `tune`); for an untuned one, the verdict on its replications.
   */
  readonly verdict: TuneVerdict;
  readonly replications: number;
}

/** How one algorithm is tuned in the study: its label, the key, and a pacing for a value. */
export interface StudyPacing {
  readonly label: string;
  readonly key: string | null;
  readonly range: TuningRange | null;
  readonly pacingAt: (value: number) => PacingConfig;
}

/** The cell a search is for: its team size, its pacing and the key tuned (null: none). */
export interface StudyCellId {
  readonly agents: number;
  readonly pacing: string;
  readonly key: string | null;
}

export type StudyTuning = Omit<
  TuneOptions,
  "pacingAt" | "onProbe" | "onBatch" | keyof TuningRange
> & {
  /** Told after each value a cell's search probed (a long search shows it is moving). */
  readonly onProbe?: (cell: StudyCellId & { readonly key: string }, probe: TuneProbe) => void;
  /**
   * Told after each batch that leaves a cell's probe without a verdict: the value probed (null
   * where nothing is tuned), the replications so far and how many ended within the ceiling.
   */
  readonly onBatch?: (
    cell: StudyCellId,
    value: number | null,
    replications: number,
    within: number,
  ) => void;
  readonly workers: number;
  /** Check every replication's laws (docs/invariants.md); a breach rejects with exit 70. */
  readonly checkInvariants?: boolean;
  /** Where replications already run are found, and new ones kept (`--cache`). */
  readonly keeper?: ReplicationKeeper;
};

/** The study's runner for `use`: a pool of its workers, through its keeper if it has one. */
function withRunner<T>(tuning: StudyTuning, use: (runner: ReplicationRunner) => Promise<T>) {
  return withReplicationPool(tuning.workers, tuning.checkInvariants, (pool) =>
    use(cachedRunner(pool, tuning.keeper)),
  );
}

/**
 * Occupancy at the ceiling by team size and algorithm: for each size, the scenario scaled to
 * that many agents (and LEADS_PER_AGENT leads each), each algorithm tuned to its most
 * aggressive setting that keeps the campaign within the ceiling with the required probability.
 * With a shard, only that shard's cells (see {@link studyCellPositions}), in table order.
 */
export async function teamSizeStudy(
  scenarioFor: (agents: number) => Scenario,
  sizes: readonly number[],
  pacings: readonly StudyPacing[],
  tuning: StudyTuning,
  onCell: (cell: StudyCell) => void = () => {},
  shard?: Shard,
): Promise<StudyCell[]> {
  const cells: StudyCell[] = [];
  let scenario: { agents: number; at: Scenario } | undefined;
  for (const position of studyCellPositions(sizes, pacings, shard)) {
    const agents = sizes[Math.floor(position / pacings.length)];
    const pacing = pacings[position % pacings.length];
    if (scenario?.agents !== agents) scenario = { agents, at: scenarioFor(agents) };
    const cell =
      pacing.key === null || pacing.range === null
        ? await untuned(scenario.at, agents, pacing, tuning)
        : await tuned(scenario.at, agents, pacing, tuning);
    cells.push(cell);
    onCell(cell);
  }
  return cells;
}

/**
 * Which cells a shard of the study runs, as positions in the full table (sizes by rows,
 * pacings by columns): every cell's tuning is independent of the others, so shards of cells
 * merge exactly.
 */
export function studyCellPositions(
  sizes: readonly number[],
  pacings: readonly unknown[],
  shard?: Shard,
): number[] {
  return shardPositions(sizes.length * pacings.length, shard);
}

async function tuned(
  scenario: Scenario,
  agents: number,
  pacing: StudyPacing,
  tuning: StudyTuning,
): Promise<StudyCell> {
  const range = pacing.range as NonNullable<StudyPacing["range"]>;
  const cell = { agents, pacing: pacing.label, key: pacing.key as string };
  const onProbe = (_: number, probe: TuneProbe) => tuning.onProbe?.(cell, probe);
  const onBatch = (value: number, n: number, within: number) =>
    tuning.onBatch?.(cell, value, n, within);
  const options = { ...tuning, ...range, pacingAt: pacing.pacingAt, onProbe, onBatch };
  const result = await withRunner(tuning, (runner) => tune(scenario, options, runner));
  const best = result.best;
  return {
    agents,
    pacing: pacing.label,
    setting: best
      ? { key: pacing.key as string, value: best.value, atRangeEnd: isRangeEnd(range, best.value) }
      : null,
    agentOccupancy: best?.point.metrics.agentOccupancy ?? null,
    silentPer100Connected: best?.point.metrics.silentPer100Connected ?? null,
    withinLowerBound: best?.withinInterval[0] ?? null,
    verdict: result.answer,
    replications: best?.point.replications ?? 0,
  };
}

/**
 * A pacing with nothing to tune (progressive) is judged as tune judges one probed value:
 * batches of replications until P(within the ceiling) is shown at or above the confidence, or
 * below it, or `maxReplications` is reached.
 */
async function untuned(
  scenario: Scenario,
  agents: number,
  pacing: StudyPacing,
  tuning: StudyTuning,
): Promise<StudyCell> {
  const variant = { ...scenario, pacing: pacing.pacingAt(0) };
  const cell = { agents, pacing: pacing.label, key: null };
  const onBatch = (n: number, within: number) => tuning.onBatch?.(cell, null, n, within);
  const probe = await withRunner(tuning, (runner) =>
    probeScenario(runner, variant, tuning, onBatch),
  );
  const point = summarizePoint(0, {}, probe.summaries);
  return {
    agents,
    pacing: pacing.label,
    setting: null,
    agentOccupancy: point.metrics.agentOccupancy,
    silentPer100Connected: point.metrics.silentPer100Connected,
    withinLowerBound: probe.withinInterval[0],
    verdict: probe.verdict,
    replications: point.replications,
  };
}
