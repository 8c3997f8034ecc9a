import { describe, expect, it } from "vitest";
import { simulateCampaign } from "../../src/model/campaign.js";
import { runReplications } from "../../src/model/replications.js";
import { resultDocument } from "../../src/result/result-document.js";
import { comparePacings } from "../../src/tuning/compare.js";
import { makeScenario } from "../support/scenario-fixture.js";

describe("comparePacings", () => {
  const scenario = makeScenario({ leads: { kind: "count", count: 20_000 } });
  const progressive = { algorithm: "progressive" } as const;
  const ratio = { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 } as const;
  const compared = [
    { spec: "progressive", config: progressive },
    { spec: "vicidial-ratio:level=2", config: ratio },
  ];

  it("gives each pacing exactly what a simulation with that pacing gives", () => {
    const [a, b] = comparePacings(scenario, "fixture", compared, 3, 2);
    const alone = resultDocument(
      { ...scenario, pacing: ratio },
      "fixture",
      runReplications({ ...scenario, pacing: ratio }, 3, 2),
      "vicidial-ratio:level=2",
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(alone));
    expect(b.pacingSpec).toBe("vicidial-ratio:level=2");
    expect(a.campaign.silent).toBe(0);
    expect(b.campaign.silent).toBeGreaterThan(0);
  });

  it("meets the same callees whatever the pacing (common random numbers)", () => {
    // The n-th call placed draws the n-th outcome and ring time of their streams, whichever
    // pacing placed it and whenever.
    const log = (pacing: typeof progressive | typeof ratio) =>
      simulateCampaign({ ...scenario, pacing }, { seed: 5, recordCalls: true }).calls ?? [];
    const a = log(progressive);
    const b = log(ratio);
    const n = Math.min(a.length, b.length);
    expect(n).toBeGreaterThan(1000);
    expect(b.slice(0, n).map((c) => c.outcome)).toEqual(a.slice(0, n).map((c) => c.outcome));
    const ring = (c: (typeof a)[number]) =>
      c.answeredAt >= 0 ? (c.answeredAt - c.placedAt).toFixed(6) : null;
    expect(b.slice(0, n).map(ring)).toEqual(a.slice(0, n).map(ring));
  });
});
