import type { PacingConfig } from "../pacing/config.js";
import type { Scenario } from "../scenario/scenario.js";
import type { MeanInterval } from "../stats/confidence.js";
import { ReplicationPool } from "./replication-pool.js";
import { summarizePoint } from "./sweep.js";
import {
  probeScenario,
  type TuneOptions,
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
   * The tuned setting (null for a pacing with nothing to tune, progressive or lookahead, or
   * when nothing was feasible).
   */
  readonly setting: { readonly key: string; readonly value: number } | null;
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

export type StudyTuning = Omit<TuneOptions, "pacingAt" | keyof TuningRange>;

/**
 * Occupancy at the ceiling by team size and algorithm: for each size, the scenario scaled to
 * that many agents (and LEADS_PER_AGENT leads each), each algorithm tuned to its most
 * aggressive setting that keeps the campaign within the ceiling with the required probability.
 */
export async function teamSizeStudy(
  scenarioFor: (agents: number) => Scenario,
  sizes: readonly number[],
  pacings: readonly StudyPacing[],
  tuning: StudyTuning,
  onCell: (cell: StudyCell) => void = () => {},
): Promise<StudyCell[]> {
  const cells: StudyCell[] = [];
  for (const agents of sizes) {
    const scenario = scenarioFor(agents);
    for (const pacing of pacings) {
      const cell =
        pacing.key === null || pacing.range === null
          ? await untuned(scenario, agents, pacing, tuning)
          : await tuned(scenario, agents, pacing, tuning);
      cells.push(cell);
      onCell(cell);
    }
  }
  return cells;
}

async function tuned(
  scenario: Scenario,
  agents: number,
  pacing: StudyPacing,
  tuning: StudyTuning,
): Promise<StudyCell> {
  const range = pacing.range as NonNullable<StudyPacing["range"]>;
  const result = await tune(scenario, { ...tuning, ...range, pacingAt: pacing.pacingAt });
  const best = result.best;
  return {
    agents,
    pacing: pacing.label,
    setting: best ? { key: pacing.key as string, value: best.value } : null,
    agentOccupancy: best?.point.metrics.agentOccupancy ?? null,
    silentPer100Connected: best?.point.metrics.silentPer100Connected ?? null,
    withinLowerBound: best?.withinInterval[0] ?? null,
    verdict: result.answer,
    replications: best?.point.replications ?? 0,
  };
}

/**
 * A pacing with nothing to tune (progressive; lookahead, which plans for the ceiling itself) is
 * judged as tune judges one probed value: batches of replications until P(within the ceiling)
 * is shown at or above the confidence, or below it, or `maxReplications` is reached.
 */
async function untuned(
  scenario: Scenario,
  agents: number,
  pacing: StudyPacing,
  tuning: StudyTuning,
): Promise<StudyCell> {
  const variant = { ...scenario, pacing: pacing.pacingAt(0) };
  const pool = new ReplicationPool(tuning.workers, tuning.checkInvariants);
  try {
    const probe = await probeScenario(pool, variant, tuning);
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
  } finally {
    await pool.close();
  }
}
