import { runReplications } from "../../src/model/replications.js";
import { type ResultDocument, resultDocument } from "../../src/result/result-document.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parsePacingSpec } from "../../src/scenario/pacing-spec.js";
import { comparePacings } from "../../src/tuning/compare.js";

/**
 * Result documents from the bundled scenarios with fixed seeds, built in-process and memoised
 * per test file: the default day once (one replication) and under two pacings (two
 * replications each, on the same draws), and the two-day small team once.
 */
export const fixtures = {
  defaultOne: memo(() => simulate("scenarios/default.yaml", 1)),
  smallTeam: memo(() => simulate("scenarios/small-team.yaml", 1)),
  compared: memo((): ResultDocument[] => {
    const file = "scenarios/default.yaml";
    const scenario = loadScenario(file);
    const pacings = ["progressive", "guarded:binomial"].map((spec) => ({
      spec,
      config: parsePacingSpec(spec, scenario.rules),
    }));
    return comparePacings(scenario, file, pacings, 1, 2);
  }),
};

function simulate(file: string, replications: number): ResultDocument {
  const scenario = loadScenario(file);
  return resultDocument(scenario, file, runReplications(scenario, scenario.seed, replications));
}

function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** A copy of `doc` with some fields replaced, for edge cases the simulator rarely produces. */
export function variant(
  doc: ResultDocument,
  change: { [K in keyof ResultDocument]?: Partial<ResultDocument[K]> },
): ResultDocument {
  const out: Record<string, unknown> = { ...doc };
  for (const [key, value] of Object.entries(change)) {
    const base = (doc as unknown as Record<string, unknown>)[key];
    out[key] =
      typeof base === "object" && base !== null && !Array.isArray(base)
        ? { ...base, ...(value as object) }
        : value;
  }
  return out as unknown as ResultDocument;
}
