import { describe, expect, it } from "vitest";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import { parsePacingSpec } from "../../src/scenario/pacing-spec.js";
import { wilsonInterval } from "../../src/stats/wilson.js";
import {
  ReplicationPool,
  runReplicationTasks,
  withReplicationPool,
} from "../../src/tuning/replication-pool.js";
import {
  DEFAULT_TUNING_KEYS,
  isRangeEnd,
  mostProbes,
  probeVerdict,
  replicationBudget,
  type TuneVerdict,
  tune,
} from "../../src/tuning/tune.js";
import { makeScenario } from "../support/scenario-fixture.js";

// A short morning keeps the many replications quick.
const base = makeScenario();
const scenario = makeScenario({
  leads: { kind: "count", count: 4000 },
  agents: { ...base.agents, groups: [{ count: 10, start: 9 * 3600, end: 12 * 3600, breaks: [] }] },
});
const pacingAt = (v: number) => parsePacingSpec(`binomial:targetPercent=${v}`, IT_GARANTE_2014);

describe("wilsonInterval", () => {
  it("matches known values and stays inside [0, 1]", () => {
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 20)[0]).toBe(0);
    expect(wilsonInterval(20, 20)[1]).toBe(1);
    expect(wilsonInterval(20, 20)[0]).toBeCloseTo(20 / (20 + 1.959964 ** 2), 6);
  });
});

describe("probeVerdict", () => {
  it("stops a probe exactly when no further batches could show it feasible", () => {
    for (const confidence of [0.8, 0.9, 0.95]) {
      for (const batch of [5, 10, 20]) {
        for (const maxReplications of [40, 60, 100]) {
          const options = { confidence, batch, maxReplications };
          // The rule without early stopping, one batch at a time.
          const plain = (within: number, n: number): TuneVerdict | null => {
            const [lower, upper] = wilsonInterval(within, n);
            if (lower >= confidence) return "feasible";
            if (upper < confidence) return "not feasible";
            return n >= maxReplications ? "undecided" : null;
          };
          // Whether some outcome of the batches still to run makes the plain rule say feasible.
          const memo = new Map<string, boolean>();
          const canBeShown = (within: number, n: number): boolean => {
            const verdict = plain(within, n);
            if (verdict !== null) return verdict === "feasible";
            const key = `${within}/${n}`;
            let reachable = memo.get(key);
            if (reachable === undefined) {
              reachable = false;
              for (let w = 0; w <= batch && !reachable; w++) {
                reachable = canBeShown(within + w, n + batch);
              }
              memo.set(key, reachable);
            }
            return reachable;
          };
          for (let n = batch; n <= maxReplications; n += batch) {
            for (let within = 0; within <= n; within++) {
              const verdict = probeVerdict(within, n, options);
              const expected = plain(within, n) ?? (canBeShown(within, n) ? null : "undecided");
              expect(verdict, `${within}/${n} at ${confidence}`).toBe(expected);
            }
          }
        }
      }
    }
  });

  it("calls a value undecided, not infeasible, when the budget cannot show the confidence", () => {
    const options = { confidence: 0.95, batch: 10, maxReplications: 30 };
    // 10 of 10 within: the Wilson interval [0.72, 1] straddles 0.95, and 30 all within would not lift it.
    expect(probeVerdict(10, 10, options)).toBe("undecided");
    expect(probeVerdict(0, 10, options)).toBe("not feasible");
    expect(probeVerdict(80, 80, { ...options, maxReplications: 80 })).toBe("feasible");
  });
});

describe("isRangeEnd", () => {
  it("names the most aggressive value of the grid, in either direction", () => {
    const up = { from: 1, to: 2.1, step: 0.25, aggressiveUp: true };
    expect([2, 2.1, 1.75, 1].map((v) => isRangeEnd(up, v))).toEqual([true, false, false, false]);
    // lookahead's confidence: more aggressive downwards, from 0.999 in steps of 0.001.
    const down = DEFAULT_TUNING_KEYS.lookahead;
    expect([0.5, 0.501, 0.999].map((v) => isRangeEnd(down, v))).toEqual([true, false, false]);
  });
});

describe("replicationBudget", () => {
  it("counts the whole batches a value can get", () => {
    expect(replicationBudget({ batch: 20, maxReplications: 70 })).toBe(80);
    expect(replicationBudget({ batch: 10, maxReplications: 30 })).toBe(30);
    expect(replicationBudget({ batch: 50, maxReplications: 20 })).toBe(50);
  });
});

describe("tune", () => {
  it("refuses a batch or a most of replications that would never decide a value", async () => {
    const options = {
      pacingAt,
      from: 1,
      to: 2,
      step: 1,
      aggressiveUp: true,
      confidence: 0.9,
      objective: "agentOccupancy" as const,
      seed: 1,
      batch: 10,
      maxReplications: 20,
    };
    const inThisThread = new ReplicationPool(1);
    await expect(tune(scenario, { ...options, batch: 0 }, inThisThread)).rejects.toThrow(
      "tune: batch must be a positive integer, got 0",
    );
    await expect(
      tune(scenario, { ...options, maxReplications: 2.5 }, inThisThread),
    ).rejects.toThrow("tune: maxReplications must be a positive integer, got 2.5");
  });

  it("finds a setting whose fresh replications meet the confidence it claims", async () => {
    const confidence = 0.8;
    const options = {
      pacingAt,
      from: 0.5,
      to: 12,
      step: 0.5,
      aggressiveUp: true,
      confidence,
      objective: "agentOccupancy" as const,
      seed: 1,
      batch: 10,
      maxReplications: 60,
    };
    const told: number[] = [];
    const batches: [number, number, number][] = [];
    const result = await withReplicationPool(2, false, (pool) =>
      tune(
        scenario,
        {
          ...options,
          onProbe: (probed) => told.push(probed),
          onBatch: (value, n, within) => batches.push([value, n, within]),
        },
        pool,
      ),
    );
    // Each new value probed is told, and the bisection stays within the most it can need.
    expect(told).toEqual(result.probes.map((_, i) => i + 1));
    // So is each batch but a probe's last, with the replications and the count within so far.
    for (const p of result.probes) {
      const seen = batches.filter(([value]) => value === p.value);
      const n = p.point.replications;
      expect(seen.map(([, k]) => k)).toEqual(
        Array.from({ length: n / options.batch - 1 }, (_, i) => (i + 1) * options.batch),
      );
      for (const [, k, within] of seen) expect(within).toBeLessThanOrEqual(k);
    }
    expect(batches.length).toBeGreaterThan(0);
    expect(result.probes.length).toBeLessThanOrEqual(mostProbes(options));
    const best = result.best;
    expect(best).not.toBeNull();
    if (best === null) return;
    expect(best.verdict).toBe("feasible");
    expect(result.answer).toBe("feasible");
    expect(best.withinInterval[0]).toBeGreaterThanOrEqual(confidence);
    // Something more aggressive was probed and refused: the search did bound the answer.
    expect(result.probes.some((p) => p.verdict !== "feasible" && p.value > best.value)).toBe(true);
    // Fresh seeds: the share within the ceiling is at least the confidence, give or take 2 SE.
    const fresh = await runReplicationTasks(
      [{ ...scenario, pacing: pacingAt(best.value) }],
      Array.from({ length: 100 }, (_, id) => ({ id, scenario: 0, seed: 10_000 + id })),
      2,
    );
    const within = fresh.filter((s) => s?.ceiling.within).length / fresh.length;
    expect(within).toBeGreaterThanOrEqual(
      confidence - 2 * Math.sqrt((confidence * (1 - confidence)) / 100),
    );
    // And more occupancy than progressive dialing on the same seeds.
    const progressive = await runReplicationTasks(
      [{ ...scenario, pacing: { algorithm: "progressive" } }],
      Array.from({ length: 10 }, (_, id) => ({ id, scenario: 0, seed: 1 + id })),
      2,
    );
    const mean = progressive.reduce((a, s) => a + (s?.agentOccupancy ?? 0), 0) / 10;
    expect(best.point.metrics.agentOccupancy?.mean).toBeGreaterThan(mean);
  });
});

describe("DEFAULT_TUNING_KEYS", () => {
  it("names a key each algorithm takes at both ends of its range, and which way dials more", () => {
    for (const [algorithm, { key, from, to }] of Object.entries(DEFAULT_TUNING_KEYS)) {
      for (const value of [from, to]) {
        expect(() =>
          parsePacingSpec(`${algorithm}:${key}=${value}`, IT_GARANTE_2014),
        ).not.toThrow();
      }
    }
    // A lookahead planning for a lower confidence takes more risk: the search runs downwards.
    expect(DEFAULT_TUNING_KEYS.lookahead).toMatchObject({ key: "confidence", aggressiveUp: false });
  });
});
