import { describe, expect, it } from "vitest";
import { runReplications } from "../../src/model/replications.js";
import { timeseries } from "../../src/result/timeseries.js";
import { makeScenario } from "../support/scenario-fixture.js";

const scenario = makeScenario({
  pacing: { algorithm: "vicidial-ratio", level: 2.5, cadenceSeconds: 2.5 },
  leads: { kind: "count", count: 20_000 },
});

describe("timeseries", () => {
  const reps = runReplications(scenario, 1, 4);
  const rows = timeseries(reps.intervals, scenario.calendar.start);

  it("splits staffed agents into talking, wrap-up and idle", () => {
    for (const r of rows) {
      expect(r.agentsTalking + r.agentsWrapUp + r.agentsIdle).toBeCloseTo(r.agentsStaffed, 9);
      expect(r.agentsIdle).toBeGreaterThanOrEqual(-1e-9);
    }
    expect(rows[4].agentsStaffed).toBeCloseTo(10, 9); // 10 agents, 10:00-10:15
  });

  it("measures calls in flight as a time average that respects the level", () => {
    // RATIO 2.5 keeps at most round(2.5 x active) lines, talking ones included.
    const busy = rows.filter((r) => r.agentsStaffed > 9.99);
    expect(busy.length).toBeGreaterThan(20);
    for (const r of busy) {
      expect(r.callsInFlight).toBeGreaterThan(0);
      expect(r.callsInFlight + r.agentsTalking).toBeLessThanOrEqual(25 + 1e-9);
    }
  });

  it("matches the campaign's silent calls and carries a band across replications", () => {
    const silent = rows.reduce((n, r) => n + r.silent, 0);
    expect(silent).toBe(reps.summaries[0].silent);
    const last = rows[rows.length - 1];
    expect(last.cumulativeSilentPer100Connected).toBeCloseTo(
      reps.summaries[0].silentPer100Connected as number,
      9,
    );
    // Row 10 exists in every replication: its band is over the four cumulative ratios there.
    const band = rows[10].acrossReplications?.cumulativeSilentPer100Connected;
    const there = reps.intervals.map((rs) => {
      const r = rs.find((x) => x.start === reps.intervals[0][10].start);
      return r ? (100 * r.cumulativeSilent) / r.cumulativeConnected : Number.NaN;
    });
    expect(band?.n).toBe(4);
    expect(band?.mean).toBeCloseTo(there.reduce((a, b) => a + b) / 4, 9);
    expect(band?.ci95[0]).toBeLessThan(band?.mean as number);
  });

  it("puts every silent call in the hold histogram, none past the cut-off", () => {
    const h = reps.summaries[0].silentHoldHistogram;
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(reps.summaries[0].silent);
    expect(h.counts.length * h.binSeconds).toBeLessThanOrEqual(3 + h.binSeconds + 1e-9);
  });
});
