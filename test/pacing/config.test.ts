import { describe, expect, it } from "vitest";
import { ADAPTIVE_ALGORITHMS, INNER_ALGORITHMS, PACING_DEFAULTS } from "../../src/pacing/config.js";
import { parseScenario } from "../../src/scenario/load.js";
import { MINIMAL_SCENARIO, withPacing } from "../support/scenario-text.js";

/** The pacing a scenario gets when its block names only the algorithm (and RATIO's level). */
function pacingOf(algorithm: string) {
  const level = algorithm === "vicidial-ratio" ? ", level: 2" : "";
  const text = withPacing(MINIMAL_SCENARIO, `pacing: { algorithm: ${algorithm}${level} }`);
  return parseScenario(text, "defaults.yaml").pacing;
}

describe("pacing settings left out of a scenario", () => {
  for (const algorithm of INNER_ALGORITHMS) {
    it(`take PACING_DEFAULTS' values: ${algorithm}`, () => {
      const adaptive = (ADAPTIVE_ALGORITHMS as readonly string[]).includes(algorithm);
      const key = adaptive ? "adaptive" : algorithm;
      const defaults = (PACING_DEFAULTS as Record<string, object>)[key] ?? {};
      // Lookahead's ceiling and denominator are the rule set's (it-garante-2014 by default).
      const ceiling = { ceilingPer100: 3, denominator: "connected" };
      expect(pacingOf(algorithm)).toEqual({
        algorithm,
        ...(algorithm === "vicidial-ratio" ? { level: 2 } : {}),
        ...(algorithm === "lookahead" ? ceiling : {}),
        ...defaults,
      });
    });
  }
});
