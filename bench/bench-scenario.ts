import { fileURLToPath } from "node:url";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";

/** scenarios/default.yaml with `agents` agents (no break), `leads` leads, `days` days and RATIO 2.5. */
export function benchScenario(agents: number, leads: number, days = 1): Scenario {
  const base = loadScenario(
    fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url)),
  );
  return {
    ...base,
    calendar: { ...base.calendar, days },
    agents: { ...base.agents, groups: [{ ...base.agents.groups[0], count: agents, breaks: [] }] },
    leads: { kind: "count", count: leads },
    pacing: { algorithm: "vicidial-ratio", level: 2.5, cadenceSeconds: 2.5 },
  };
}
