import type { CampaignSummary } from "../model/campaign-summary.js";
import type { PacingConfig } from "../pacing/config.js";
import type { Scenario } from "../scenario/scenario.js";
import { wilsonInterval } from "../stats/wilson.js";
import type { ReplicationRunner, ReplicationTask } from "./replication-pool.js";
import { type SweepPoint, type SweptMetric, summarizePoint } from "./sweep-point.js";

/** A tuned key's search range, and whether dialing grows more aggressive as it grows. */
export interface TuningRange {
  readonly from: number;
  readonly to: number;
  readonly step: number;
  /** False for keys where a larger value dials less (agents-about-to-free's threshold, lookahead's confidence). */
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
  // The P(within the ceiling) it plans for: shown feasible over the replications a probe runs
  // only where the campaign almost never ends over, so the search looks above the default 0.95.
  lookahead: { key: "confidence", from: 0.5, to: 0.999, step: 0.001, aggressiveUp: false },
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
  /** Told after each value probed: how many so far (at most {@link mostProbes}), and the probe. */
  readonly onProbe?: (probed: number, probe: TuneProbe) => void;
  /**
   * Told after each batch that leaves a probed value without a verdict (another batch follows):
   * the value, the replications run so far and how many ended within the ceiling.
   */
  readonly onBatch?: (value: number, replications: number, within: number) => void;
}

/**
 * What replications showed about a probed value (or the search): feasible when the Wilson 95%
 * interval of P(within the ceiling) lies at or above the confidence, not feasible when it lies
 * wholly below, undecided when the replications allowed showed neither.
 */
export type TuneVerdict = "feasible" | "not feasible" | "undecided";

/** One probed value: its replications' summary and the verdict on feasibility. */
export interface TuneProbe {
  readonly value: number;
  readonly point: SweepPoint;
  /** Wilson 95% interval of P(campaign ends within the ceiling). */
  readonly withinInterval: readonly [number, number];
  readonly verdict: TuneVerdict;
}

export interface TuneResult {
  /**
   * feasible when a setting was found; otherwise the verdict on the least aggressive value
   * (which the search then always probes): not feasible only when it was shown not to be.
   */
  readonly answer: TuneVerdict;
  /** The most aggressive feasible probe with the best objective; null when none is feasible. */
  readonly best: TuneProbe | null;
  /** Every probed value, by value: occupancy against silent ratio (the frontier). */
  readonly probes: readonly TuneProbe[];
}

/**
 * Most replications a probed value can get: batches run whole, so the last one may pass
 * `maxReplications`.
 */
export function replicationBudget(options: Pick<TuneOptions, "batch" | "maxReplications">): number {
  return Math.ceil(options.maxReplications / options.batch) * options.batch;
}

/**
 * The verdict on a probed value after `n` replications of which `within` ended within the
 * ceiling, or null to run another batch: feasible once the Wilson 95% interval of P(within)
 * lies at or above the confidence, not feasible once it lies below; undecided at
 * `maxReplications`, and as soon as no further batches up to it could show the value feasible
 * even if every one ended within (more replications could then only change which of "not
 * feasible" and "undecided" it is, which the search does not need).
 */
export function probeVerdict(
  within: number,
  n: number,
  options: Pick<TuneOptions, "confidence" | "batch" | "maxReplications">,
): TuneVerdict | null {
  const [lower, upper] = wilsonInterval(within, n);
  if (lower >= options.confidence) return "feasible";
  if (upper < options.confidence) return "not feasible";
  if (n >= options.maxReplications) return "undecided";
  // With more successes only, the lower bound grows with every batch: is it ever enough?
  for (let more = options.batch; ; more += options.batch) {
    if (wilsonInterval(within + more, n + more)[0] >= options.confidence) return null;
    if (n + more >= options.maxReplications) return "undecided";
  }
}

/** What the replications of one probed scenario showed. */
export interface ScenarioProbe {
  readonly summaries: readonly CampaignSummary[];
  /** Wilson 95% interval of P(campaign ends within the ceiling). */
  readonly withinInterval: readonly [number, number];
  readonly verdict: TuneVerdict;
}

/**
 * Runs `scenario` in batches of replications (seeds `seed`, `seed + 1`, ...) until
 * {@link probeVerdict} gives a verdict on P(within the ceiling) >= the confidence; `onBatch`
 * hears of each batch after which another follows.
 */
export async function probeScenario(
  pool: ReplicationRunner,
  scenario: Scenario,
  options: Pick<TuneOptions, "seed" | "confidence" | "batch" | "maxReplications">,
  onBatch?: (replications: number, within: number) => void,
): Promise<ScenarioProbe> {
  const summaries: CampaignSummary[] = [];
  let verdict: TuneVerdict | null = null;
  let withinInterval: [number, number] = [0, 1];
  while (verdict === null) {
    const tasks: ReplicationTask[] = Array.from({ length: options.batch }, (_, id) => ({
      id,
      scenario: 0,
      seed: options.seed + summaries.length + id,
    }));
    const done = await pool.run([scenario], tasks);
    for (const s of done) if (s) summaries.push(s);
    const within = summaries.filter((s) => s.ceiling.within).length;
    withinInterval = wilsonInterval(within, summaries.length);
    verdict = probeVerdict(within, summaries.length, options);
    if (verdict === null) onBatch?.(summaries.length, within);
  }
  return { summaries, withinInterval, verdict };
}

/**
 * The least aggressive probed value more aggressive than `best` (than any value when null):
 * the one that bounds the answer. When it is undecided, more replications might move the
 * answer up to it.
 */
export function limitOfAnswer(
  result: Pick<TuneResult, "best" | "probes">,
  aggressiveUp: boolean,
): TuneProbe | null {
  const beyond = (p: TuneProbe) =>
    result.best === null ||
    (aggressiveUp ? p.value > result.best.value : p.value < result.best.value);
  const candidates = result.probes.filter(beyond);
  if (candidates.length === 0) return null;
  return aggressiveUp ? candidates[0] : candidates[candidates.length - 1];
}

/**
 * Finds the most aggressive setting of one key whose campaigns end within the ceiling with the
 * required probability, by bisection over the grid from..to (step) instead of a full sweep.
 *
 * At each probed value, replications run in batches (the same seeds at every value) until the
 * Wilson 95% interval of P(within ceiling) lies wholly above the confidence (feasible) or wholly
 * below it (not feasible); a value still undecided at `maxReplications`, or that could no longer
 * be shown feasible by then, is undecided (see {@link probeVerdict}), and the search treats it
 * as not shown feasible, so a result never claims more than was shown. Bisection assumes
 * feasibility falls, and the objective rises, as the key moves toward more aggressive dialing
 * (`aggressiveUp`); among feasible values with the same objective the most aggressive wins.
 *
 * The replications run on `pool` (threads in the CLI, web workers in the browser); a pool that
 * stops a run rejects, and the search with it.
 *
 * @throws RangeError unless `batch` and `maxReplications` are positive integers.
 */
export async function tune(
  scenario: Scenario,
  options: TuneOptions,
  pool: ReplicationRunner,
): Promise<TuneResult> {
  // A batch of none would never decide a value: the search would not end.
  for (const key of ["batch", "maxReplications"] as const) {
    if (!(Number.isInteger(options[key]) && options[key] >= 1)) {
      throw new RangeError(`tune: ${key} must be a positive integer, got ${options[key]}`);
    }
  }
  return search(scenario, options, pool);
}

/** The grid's last index: values from..to in steps of step are indices 0..steps. */
function stepsOf(range: TuningRange): number {
  return Math.floor((range.to - range.from) / range.step + 1e-9);
}

/** The grid's value at index `i`; index 0 is the least aggressive, so feasibility falls as it grows. */
function gridValue(range: TuningRange, i: number): number {
  const value = range.aggressiveUp ? range.from + i * range.step : range.to - i * range.step;
  return Number(value.toPrecision(12));
}

/**
 * Whether `value` is the most aggressive value of the searched grid: a setting found there is
 * the most the range allowed, and more aggressive ones, never tried, may be feasible too.
 */
export function isRangeEnd(range: TuningRange, value: number): boolean {
  return value === gridValue(range, stepsOf(range));
}

/** The most values {@link tune} can probe: bisection over the grid and one place past each end. */
export function mostProbes(range: TuningRange): number {
  return Math.ceil(Math.log2(stepsOf(range) + 2));
}

async function search(
  scenario: Scenario,
  options: TuneOptions,
  pool: ReplicationRunner,
): Promise<TuneResult> {
  const steps = stepsOf(options);
  const probes = new Map<number, TuneProbe>();
  const probe = async (i: number): Promise<TuneProbe> => {
    const known = probes.get(i);
    if (known) return known;
    const value = gridValue(options, i);
    const variant: Scenario = { ...scenario, pacing: options.pacingAt(value) };
    const onBatch = (n: number, within: number) => options.onBatch?.(value, n, within);
    const { summaries, withinInterval, verdict } = await probeScenario(
      pool,
      variant,
      options,
      onBatch,
    );
    const result: TuneProbe = {
      value,
      point: summarizePoint(i, { value }, summaries),
      withinInterval,
      verdict,
    };
    probes.set(i, result);
    options.onProbe?.(probes.size, result);
    return result;
  };
  // Invariant: lo is feasible (or -1), hi is not shown feasible (or steps + 1).
  let lo = -1;
  let hi = steps + 1;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if ((await probe(mid)).verdict === "feasible") lo = mid;
    else hi = mid;
  }
  // The best feasible probe by the objective (the bisection's last feasible one, when the
  // objective grows with the key as it should); on a tie, the more aggressive one, as promised.
  const score = (p: TuneProbe) =>
    p.point.metrics[options.objective]?.mean ?? Number.NEGATIVE_INFINITY;
  let best: TuneProbe | null = null;
  for (const [, p] of [...probes].sort(([a], [b]) => a - b)) {
    if (p.verdict === "feasible" && (best === null || score(p) >= score(best))) best = p;
  }
  // Without a feasible value the search ends having probed index 0, the least aggressive.
  const answer = best === null ? (probes.get(0) as TuneProbe).verdict : "feasible";
  const sorted = [...probes.values()].sort((a, b) => a.value - b.value);
  return { answer, best, probes: sorted };
}
