import type { PacingConfig } from "../pacing/config.js";
import { scenarioHash } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";
import type { TuneResult, TuningRange } from "../tuning/tune.js";
import type { TunePlan } from "../tuning/tune-plan.js";
import { VERSION } from "../version.js";
import { pacingLabel } from "./summary-text.js";

/** What a tune run was asked, besides the scenario and its answer. */
export interface TuneRequest {
  readonly file: string;
  /** The tuned pacing's settings at the range's start. */
  readonly pacingConfig: PacingConfig;
  /** The tuned key, as in the pacing block (e.g. `targetPercent`), and the range searched. */
  readonly key: string;
  readonly range: TuningRange;
  /** Required P(campaign ends within the ceiling), shown by a 95% Wilson lower bound. */
  readonly confidence: number;
  readonly objective: string;
  /** Replications at every probed value use seeds seed, seed + 1, ... */
  readonly seed: number;
  readonly batch: number;
  readonly maxReplications: number;
}

/** What `tune --json` prints and `tune --out`/`--report` save as `tune.json`: the search and its answer. */
export interface TuneDocument extends TuneResult, Omit<TuneRequest, "file"> {
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly rules: {
    readonly id: string;
    readonly version: string;
    readonly ceilingPer100: number;
    readonly denominator: "connected" | "answered";
  };
  /** The tuned pacing's label, e.g. `guarded(binomial)`. */
  readonly pacing: string;
}

/** What a planned search was asked (see planTune), for its document. */
export function tuneRequest(file: string, plan: TunePlan): TuneRequest {
  const o = plan.options;
  return {
    file,
    pacingConfig: plan.basePacing,
    key: plan.key,
    range: { from: o.from, to: o.to, step: o.step, aggressiveUp: o.aggressiveUp },
    confidence: o.confidence,
    objective: o.objective,
    seed: o.seed,
    batch: o.batch,
    maxReplications: o.maxReplications,
  };
}

/** The tune document of a finished search, naming exactly what ran (scenario hash, seeds). */
export function tuneDocument(
  scenario: Scenario,
  request: TuneRequest,
  result: TuneResult,
): TuneDocument {
  const { file, pacingConfig, ...asked } = request;
  return {
    tool: { name: "pacelab", version: VERSION },
    scenario: { name: scenario.name, file, sha256: scenarioHash(scenario) },
    rules: {
      id: scenario.rules.id,
      version: scenario.rules.version,
      ceilingPer100: scenario.rules.ceilingPer100,
      denominator: scenario.rules.denominator,
    },
    pacing: pacingLabel(pacingConfig),
    pacingConfig,
    ...asked,
    ...result,
  };
}
