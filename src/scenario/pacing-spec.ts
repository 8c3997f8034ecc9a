import { ScenarioError } from "../io/read/scenario-error.js";
import type { PacingConfig } from "../pacing/config.js";
import type { RuleSet } from "../rules/rule-set.js";
import { toIssues } from "./load.js";
import { fallbackExpected, pacing, resolvePacing } from "./schema.js";

/** Keys of the guarded wrapper itself; other settings belong to the pacer it wraps. */
const GUARD_KEYS = new Set(["ceilingPer100", "denominator"]);

/**
 * The algorithm of `config` as a pacing spec names it, settings left to their defaults:
 * `vicidial-ratio`, or `guarded:binomial` for a guarded pacer (what `tune` then tunes).
 */
export function pacingAlgorithmSpec(config: PacingConfig): string {
  return config.algorithm === "guarded" ? `guarded:${config.inner.algorithm}` : config.algorithm;
}

/**
 * Parses a pacing written on the command line, `name[:key=value...]`, where a guarded pacer
 * names the one it wraps next: `progressive`, `vicidial-ratio:level=2.5`,
 * `guarded:binomial:targetPercent=2`. Settings are validated exactly like a scenario's `pacing`
 * block (defaults included); errors name `option` and the key.
 */
export function parsePacingSpec(spec: string, rules: RuleSet, option = "--pacing"): PacingConfig {
  const [algorithm, ...rest] = spec.trim().split(":");
  const raw: Record<string, unknown> = { algorithm };
  let target = raw;
  if (algorithm === "guarded" && rest.length > 0 && !rest[0].includes("=")) {
    target = { algorithm: rest.shift() };
    raw.inner = target;
  }
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq <= 0) {
      throw new ScenarioError({
        file: option,
        keyPath: spec,
        expected: "name[:key=value...], e.g. vicidial-ratio:level=2 or guarded:binomial",
        got: `"${part}"`,
      });
    }
    const key = part.slice(0, eq);
    const text = part.slice(eq + 1);
    const value = text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    (GUARD_KEYS.has(key) && raw !== target ? raw : target)[key] = value;
  }
  const result = pacing.safeParse(raw, {
    reportInput: true,
    error: (iss) => fallbackExpected(iss),
  });
  if (!result.success) {
    throw new ScenarioError(
      toIssues(result.error.issues, raw, option, () => undefined).map((i) => ({
        ...i,
        keyPath: i.keyPath === "" ? spec : `${spec}: ${i.keyPath}`,
      })),
    );
  }
  return resolvePacing(result.data, rules);
}
