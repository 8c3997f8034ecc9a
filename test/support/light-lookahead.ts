import { type LookaheadConfig, PACING_DEFAULTS } from "../../src/pacing/config.js";

/**
 * A light lookahead for tests (fewer futures and candidates than the defaults), so that a
 * campaign with it takes seconds; `windowMinutes` is its estimates' sliding window.
 */
export function lightLookahead(windowMinutes: number): LookaheadConfig {
  return {
    algorithm: "lookahead",
    cadenceSeconds: 10,
    horizonMinutes: 10,
    confidence: PACING_DEFAULTS.lookahead.confidence,
    runs: 8,
    minTargetPercent: 2,
    maxTargetPercent: 20,
    candidates: 3,
    windowMinutes,
    ceilingPer100: 3,
    denominator: "connected",
  };
}
