/**
 * What `pacelab tune` is asked, as its options (or the workbench's fields) say it, turned into
 * the search to run: the key and range (the pacing's defaults unless named), the pacing at each
 * value, checked before any replication runs. The CLI and the page share it, so the same
 * request gives the same search and the same tune.json.
 */
import { ScenarioError } from "../io/read/scenario-error.js";
import type { PacingConfig } from "../pacing/config.js";
import { parsePacingSpec } from "../scenario/pacing-spec.js";
import type { Scenario } from "../scenario/scenario.js";
import { SWEPT_METRICS, type SweptMetric } from "./sweep-point.js";
import { DEFAULT_TUNING_KEYS, type TuneOptions, tunedAlgorithm } from "./tune.js";

/** A tune request as the command line takes it. */
export interface TuneAsk {
  /** The pacing to tune, as `compare -p` takes it (e.g. `guarded:binomial`). */
  readonly pacing: string;
  /** The setting to tune; the pacing's default key when absent. */
  readonly key?: string;
  /** `from:to:step`; the key's default range when absent. */
  readonly range?: string;
  readonly confidence: number;
  readonly objective: string;
  /** The scenario's seed when absent. */
  readonly seed?: number;
  readonly batch: number;
  readonly maxReplications: number;
}

/** The search a request names: the tuned key, the pacing at the range's start, the options. */
export interface TunePlan {
  readonly key: string;
  readonly basePacing: PacingConfig;
  readonly options: TuneOptions;
}

const bad = (option: string, keyPath: string, expected: string, got: string): never => {
  throw new ScenarioError({ file: option, keyPath, expected, got });
};

/**
 * The search `ask` names on `scenario`.
 *
 * @throws ScenarioError naming the option (`--key`, `--range`, `--objective`, `--pacing`) that
 *   is missing or wrong.
 */
export function planTune(scenario: Scenario, ask: TuneAsk): TunePlan {
  const algorithm = tunedAlgorithm(ask.pacing);
  const defaults = DEFAULT_TUNING_KEYS[algorithm];
  const key = ask.key ?? defaults?.key;
  if (key === undefined) {
    parsePacingSpec(ask.pacing, scenario.rules); // an unknown pacing is named as such
    bad("--key", ask.pacing, `a key to tune (${algorithm} has no default one)`, "nothing");
  }
  let { from, to, step } = defaults ?? { from: 0, to: 0, step: 0 };
  if (ask.range !== undefined) {
    [from, to, step] = ask.range.split(":").map(Number);
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) {
      bad("--range", ask.range, "from:to:step with step > 0 and to >= from", `"${ask.range}"`);
    }
  } else if (defaults === undefined || (ask.key !== undefined && ask.key !== defaults.key)) {
    bad("--range", "", `a range for ${key}`, "nothing");
  }
  if (!(SWEPT_METRICS as readonly string[]).includes(ask.objective)) {
    bad("--objective", "", `one of ${SWEPT_METRICS.join(", ")}`, `"${ask.objective}"`);
  }
  const tuned = key as string;
  const pacingAt = (value: number) =>
    parsePacingSpec(`${ask.pacing}:${tuned}=${value}`, scenario.rules);
  const basePacing = pacingAt(from); // validates the key once, before any simulation
  return {
    key: tuned,
    basePacing,
    options: {
      pacingAt,
      from,
      to,
      step,
      aggressiveUp: defaults?.aggressiveUp ?? true,
      confidence: ask.confidence,
      objective: ask.objective as SweptMetric,
      seed: ask.seed ?? scenario.seed,
      batch: ask.batch,
      maxReplications: ask.maxReplications,
    },
  };
}
