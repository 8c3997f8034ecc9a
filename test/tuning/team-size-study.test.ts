import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import { parsePacingSpec } from "../../src/scenario/pacing-spec.js";
import type { ReplicationKeeper } from "../../src/tuning/cached-runner.js";
import { ReplicationStore } from "../../src/tuning/replication-store.js";
import { teamSizeStudy } from "../../src/tuning/team-size-study.js";
import { makeScenario } from "../support/scenario-fixture.js";

describe("teamSizeStudy", () => {
  it("gives each size and algorithm its occupancy at the ceiling; the guard never below progressive", async () => {
    const base = makeScenario();
    const scenarioFor = (agents: number) =>
      makeScenario({
        agents: {
          ...base.agents,
          groups: [{ count: agents, start: 9 * 3600, end: 11 * 3600, breaks: [] }],
        },
        leads: { kind: "count", count: agents * 200 },
      });
    const pacing = (spec: string, key: string | null) => ({
      label: spec,
      key,
      range: key ? { from: 1, to: 8, step: 1, aggressiveUp: true } : null,
      pacingAt: (v: number) => parsePacingSpec(key ? `${spec}:${key}=${v}` : spec, IT_GARANTE_2014),
    });
    const seen: string[] = [];
    const cells = await teamSizeStudy(
      scenarioFor,
      [3, 12],
      [pacing("progressive", null), pacing("guarded:binomial", "targetPercent")],
      {
        confidence: 0.8,
        objective: "agentOccupancy",
        seed: 1,
        batch: 10,
        maxReplications: 30,
        workers: 2,
      },
      (c) => seen.push(`${c.agents}:${c.pacing}`),
    );
    expect(seen).toEqual([
      "3:progressive",
      "3:guarded:binomial",
      "12:progressive",
      "12:guarded:binomial",
    ]);
    for (const agents of [3, 12]) {
      const progressive = cells.find((c) => c.agents === agents && c.pacing === "progressive");
      const guarded = cells.find((c) => c.agents === agents && c.pacing === "guarded:binomial");
      expect(progressive?.silentPer100Connected?.mean).toBe(0);
      // Nothing to tune, yet judged as tune judges a value: 10 of 10 within is not enough for
      // 0.8 (Wilson lower bound 0.72), 20 of 20 is (0.84).
      expect(progressive?.verdict).toBe("feasible");
      expect(progressive?.replications).toBe(20);
      expect(progressive?.withinLowerBound).toBeCloseTo(0.839, 3);
      expect(guarded?.verdict).toBe("feasible");
      expect(guarded?.setting?.key).toBe("targetPercent");
      // Marked when it is the searched range's last value (8), beyond which nothing was tried.
      expect(guarded?.setting?.atRangeEnd).toBe(guarded?.setting?.value === 8);
      expect(guarded?.withinLowerBound).toBeGreaterThanOrEqual(0.8);
      expect(guarded?.agentOccupancy?.mean).toBeGreaterThanOrEqual(
        (progressive?.agentOccupancy?.mean as number) - 0.005,
      );
    }
  });

  it("run again with its replication store, repeats none and gives the same cells", async () => {
    const base = makeScenario();
    const scenarioFor = (agents: number) =>
      makeScenario({
        agents: {
          ...base.agents,
          groups: [{ count: agents, start: 9 * 3600, end: 10 * 3600, breaks: [] }],
        },
      });
    const pacings = [
      {
        label: "vicidial-ratio",
        key: "level",
        range: { from: 1, to: 3, step: 0.5, aggressiveUp: true },
        pacingAt: (v: number) => parsePacingSpec(`vicidial-ratio:level=${v}`, IT_GARANTE_2014),
      },
    ];
    const work = mkdtempSync(join(tmpdir(), "pacelab-study-cache-"));
    const study = async () => {
      const store = ReplicationStore.open(join(work, "replications.sqlite"));
      let ran = 0; // replications run (and so kept) by this study
      const keeper: ReplicationKeeper = {
        find: (scenario, seed) => store.find(scenario, seed),
        keep: (done) => {
          ran += done.length;
          store.keep(done);
        },
      };
      const cells = await teamSizeStudy(scenarioFor, [4], pacings, {
        confidence: 0.5,
        objective: "agentOccupancy",
        seed: 1,
        batch: 5,
        maxReplications: 10,
        workers: 1,
        keeper,
      });
      store.close();
      return { cells, ran };
    };
    try {
      const first = await study();
      const again = await study();
      expect(first.ran).toBeGreaterThan(0);
      expect(again).toEqual({ cells: first.cells, ran: 0 });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
