/**
 * A driver for instruction counts (not a timing benchmark): runs `n` replications (seeds 1 to
 * n) of one of model-ab's scenarios on the campaign model of `checkout` (a built pacelab),
 * printing nothing. Under valgrind, the count of 30 replications less that of 10, over 20, is
 * the instructions of one replication without start-up or compilation:
 *
 *   setarch -R valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
 *     node --predictable --hash-seed=1 --random-seed=1 \
 *     dist/bench/model-count.js <checkout> <default|multi-day|ratio> <n>
 *
 * `setarch -R` (no address randomization) and V8's fixed seeds make two runs of one build agree
 * within about 1%; without them they differed by up to 5%. `--cache-sim=yes --branch-sim=yes`
 * adds simulated cache misses and branch mispredictions.
 */

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CampaignOptions, CampaignRun } from "../src/model/campaign.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { benchScenario } from "./bench-scenario.js";

const [checkout = ".", which = "default", count = "10"] = process.argv.slice(2);
const SCENARIOS: Record<string, () => Scenario> = {
  default: () => loadScenario("scenarios/default.yaml"),
  "multi-day": () => loadScenario("scenarios/multi-day.yaml"),
  ratio: () => benchScenario(100, 200_000),
};
const scenario = SCENARIOS[which]?.();
if (scenario === undefined) {
  process.stderr.write(`expected one of ${Object.keys(SCENARIOS).join(", ")}, got ${which}\n`);
  process.exit(2);
}
const model = pathToFileURL(resolve(checkout, "dist/src/model/campaign.js")).href;
const { simulateCampaign } = (await import(model)) as {
  simulateCampaign: (scenario: Scenario, options: CampaignOptions) => CampaignRun;
};
for (let seed = 1; seed <= Number(count); seed++) simulateCampaign(scenario, { seed });
