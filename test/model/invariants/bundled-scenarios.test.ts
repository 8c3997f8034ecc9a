import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulateCampaign } from "../../../src/model/campaign.js";
import { packagePath } from "../../../src/package-root.js";
import { loadScenario } from "../../../src/scenario/load.js";

const folders = [packagePath("scenarios"), packagePath("scenarios", "study")];
const files = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join(folder, name)),
);

describe("every bundled scenario", () => {
  it("is found", () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const file of files) {
    it(`holds every invariant: ${file.slice(packagePath().length + 1)}`, () => {
      const scenario = loadScenario(file);
      for (const seed of [scenario.seed, scenario.seed + 1]) {
        expect(() => simulateCampaign(scenario, { seed, checkInvariants: true })).not.toThrow();
      }
    });
  }
});
