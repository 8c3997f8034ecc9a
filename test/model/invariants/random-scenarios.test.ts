import fc from "fast-check";
import { describe, it } from "vitest";
import { stringify } from "yaml";
import { simulateCampaign } from "../../../src/model/campaign.js";
import { parseScenario } from "../../../src/scenario/load.js";
import { scenarioFile } from "../../support/random-scenario.js";

/**
 * Hundreds of valid scenarios drawn from the schema, each run with the invariants checked. CI
 * runs a fixed seed on short horizons; a developer runs more and longer with
 * `PACELAB_PROPERTY_RUNS=3000 npx vitest run test/model/invariants/random-scenarios.test.ts`
 * (and `PACELAB_PROPERTY_SEED` for another seed). A failure shrinks to a small scenario and
 * prints it as a file.
 */
const RUNS = Number(process.env.PACELAB_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.PACELAB_PROPERTY_SEED ?? 20261206);
const MAX_DAYS = Number(process.env.PACELAB_PROPERTY_DAYS ?? 30);
const MAX_LEADS = Number(process.env.PACELAB_PROPERTY_LEADS ?? 400);
// CI's fixed run has a guard; a longer run asked for by any of the variables takes as long as it
// takes (a synchronous test overrunning its timeout is reported as timed out, not as its result).
const LONGER = ["RUNS", "DAYS", "LEADS"].some((v) => process.env[`PACELAB_PROPERTY_${v}`]);
const TIMEOUT = LONGER ? 0 : 600_000;

describe("randomized scenarios", () => {
  it(`hold every invariant (${RUNS} scenarios, seed ${SEED})`, { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(
        scenarioFile({ maxDays: MAX_DAYS, maxLeads: MAX_LEADS }),
        fc.integer({ min: 1, max: 1000 }),
        (file, seed) => {
          const text = stringify(file);
          const scenario = parseScenario(text, "random.yaml");
          try {
            simulateCampaign(scenario, { seed, checkInvariants: true });
          } catch (error) {
            throw new Error(`${(error as Error).message}\nseed ${seed}, scenario:\n${text}`);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
  });
});
