import type { CampaignSummary } from "../model/campaign-summary.js";
import type { PacingConfig } from "../pacing/config.js";
import type { Scenario } from "../scenario/scenario.js";
import { wilsonInterval } from "../stats/wilson.js";
import { ReplicationPool, type ReplicationTask } from "./replication-pool.js";
import { type SweepPoint, type SweptMetric, summarizePoint } from "./sweep.js";

/** A tuned key's search range, and whether dialing grows more aggressive as it grows. */
export interface TuningRange {
  readonly from: number;
  readonly to: number;
  readonly step: number;
  /** False for keys where a larger value dials less (agents-about-to-free's threshold). */
  readonly aggressiveUp: boolean;
}

/** The setting a pacing is tuned by when none is named, with its search range. */
export const DEFAULT_TUNING_KEYS: Readonly<Record<string, { key: string } & TuningRange>> = {
  "vicidial-ratio": { key: "level", from: 1, to: 4, step: 0.05, aggressiveUp: true },
  "vicidial-adapt-hard-limit": { key: "maxLevel", from: 1, to: 4, step: 0.05, aggressiveUp: true },
  "vicidial-adapt-tapered": { key: "maxLevel", from: 1, to: 4, step: 0.05, aggressiveUp: true },
  "vicidial-adapt-average": { key: "maxLevel", from: 1, to: 4, step: 0.05, aggressiveUp: true },
  "lines-per-agent": { key: "targetPercent", from: 0.1, to: 20, step: 0.1, aggressiveUp: true },
  "agents-about-to-free": {
    key: "threshold",
    from: 0.5,
    to: 0.995,
    step: 0.005,
    aggressiveUp: false,
  },
  binomial: { key: "targetPercent", from: 0.1, to: 20, step: 0.1, aggressiveUp: true },
};

/** The algorithm whose setting a pacing spec tunes: the named one, or the one a guard wraps. */
export function tunedAlgorithm(spec: string): string {
  const [first, second] = spec.split(":");
  return first === "guarded" && second !== undefined && !second.includes("=") ? second : first;
}

export interface TuneOptions extends TuningRange {
  /** Pacing for a value of the tuned key (validated like a scenario's pacing block). */
  readonly pacingAt: (value: number) => PacingConfig;
  /** Required probability that a campaign ends within the ceiling. */
  readonly confidence: number;
  /** What to maximise among feasible settings; the search assumes it grows with the key. */
  readonly objective: SweptMetric;
  readonly seed: number;
  /** Replications per batch and at most per probe. */
  readonly batch: number;
  readonly maxReplications: number;
  readonly workers: number;
  /** Check every replication's laws (docs/invariants.md); a breach rejects with exit 70. */
  readonly checkInvariants?: boolean;
}

/** One probed value: its replications' summary and the verdict on feasibility. */
export interface TuneProbe {
  readonly value: number;
  readonly point: SweepPoint;
  /** Wilson 95% interval of P(campaign ends within the ceiling). */
  readonly withinInterval: readonly [number, number];
  readonly feasible: boolean;
}

export interface TuneResult {
  /** The feasible probe with the best objective, or null when no probed value is feasible. */
  readonly best: TuneProbe | null;
  /** Every probed value, by value: occupancy against silent ratio (the frontier). */
  readonly probes: readonly TuneProbe[];
}

/**
 * The verdict on a probed value after `n` replications of which `within` ended within the
 * ceiling: true once the Wilson 95% interval of P(within) lies above the confidence, false once
 * it lies below, and false as soon as no run of further batches up to `maxReplications` could
 * show it feasible even if every one ended within (the verdict the full run would reach, without
 * its replications); null while undecided.
 */
export function probeVerdict(
  within: number,
  n: number,
  options: Pick<TuneOptions, "confidence" | "batch" | "maxReplications">,
): boolean | null {
  const [lower, upper] = wilsonInterval(within, n);
  if (lower >= options.confidence) return true;
  if (upper < options.confidence || n >= options.maxReplications) return false;
  // With more successes only, the lower bound grows with every batch: is it ever enough?
  for (let more = options.batch; ; more += options.batch) {
    if (wilsonInterval(within + more, n + more)[0] >= options.confidence) return null;
    if (n + more >= options.maxReplications) return false;
  }
}

/**
 * Finds the most aggressive setting of one key whose campaigns end within the ceiling with the
 * required probability, by bisection over the grid from..to (step) instead of a full sweep.
 *
 * At each probed value, replications run in batches (the same seeds at every value) until the
 * Wilson 95% interval of P(within ceiling) lies wholly above the confidence (feasible) or wholly
 * below it (not feasible); at `maxReplications` an undecided value counts as not feasible, so a
 * result never claims more than was shown, and a value that could no longer be shown feasible
 * by then stops at once (see {@link probeVerdict}). Bisection assumes feasibility falls, and the
 * objective rises, as the key moves toward more aggressive dialing (`aggressiveUp`).
 *
 * @throws RangeError unless `batch` and `maxReplications` are positive integers.
 */
export async function tune(scenario: Scenario, options: TuneOptions): Promise<TuneResult> {
  // A batch of none would never decide a value: the search would not end.
  for (const key of ["batch", "maxReplications"] as const) {
    if (!(Number.isInteger(options[key]) && options[key] >= 1)) {
      throw new RangeError(`tune: ${key} must be a positive integer, got ${options[key]}`);
    }
  }
  const pool = new ReplicationPool(options.workers, options.checkInvariants);
  try {
    return await search(scenario, options, pool);
  } finally {
    await pool.close();
  }
}

async function search(
  scenario: Scenario,
  options: TuneOptions,
  pool: ReplicationPool,
): Promise<TuneResult> {
  const steps = Math.floor((options.to - options.from) / options.step + 1e-9);
  // Index 0 is the least aggressive value, so feasibility falls as the index grows.
  const valueAt = (i: number) =>
    Number(
      (options.aggressiveUp
        ? options.from + i * options.step
        : options.to - i * options.step
      ).toPrecision(12),
    );
  const probes = new Map<number, TuneProbe>();
  const probe = async (i: number): Promise<TuneProbe> => {
    const known = probes.get(i);
    if (known) return known;
    const value = valueAt(i);
    const variant: Scenario = { ...scenario, pacing: options.pacingAt(value) };
    const summaries: CampaignSummary[] = [];
    let verdict: boolean | null = null;
    let interval: [number, number] = [0, 1];
    while (verdict === null) {
      const tasks: ReplicationTask[] = Array.from({ length: options.batch }, (_, id) => ({
        id,
        scenario: 0,
        seed: options.seed + summaries.length + id,
      }));
      const done = await pool.run([variant], tasks);
      for (const s of done) if (s) summaries.push(s);
      const within = summaries.filter((s) => s.ceiling.within).length;
      interval = wilsonInterval(within, summaries.length);
      verdict = probeVerdict(within, summaries.length, options);
    }
    const result: TuneProbe = {
      value,
      point: summarizePoint(i, { value }, summaries),
      withinInterval: interval,
      feasible: verdict,
    };
    probes.set(i, result);
    return result;
  };
  // Invariant: lo is feasible (or -1), hi is not feasible (or steps + 1).
  let lo = -1;
  let hi = steps + 1;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if ((await probe(mid)).feasible) lo = mid;
    else hi = mid;
  }
  const sorted = [...probes.values()].sort((a, b) => a.value - b.value);
  // The best feasible probe by the objective (the bisection's last feasible one, when the
  // objective grows with the key as it should).
  const score = (p: TuneProbe) =>
    p.point.metrics[options.objective]?.mean ?? Number.NEGATIVE_INFINITY;
  const best = sorted
    .filter((p) => p.feasible)
    .reduce<TuneProbe | null>((a, p) => (a === null || score(p) > score(a) ? p : a), null);
  return { best, probes: sorted };
}
