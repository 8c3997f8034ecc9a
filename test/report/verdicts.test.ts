import { describe, expect, it } from "vitest";
import { verdicts } from "../../src/report/html/verdicts.js";
import type { ResultDocument } from "../../src/result/result-document.js";
import { fixtures, variant } from "./result-fixtures.js";

function withCampaign(doc: ResultDocument, campaign: Partial<ResultDocument["campaign"]>) {
  return variant(doc, { campaign });
}
const ceiling = (ratio: number | null, within: boolean) => ({
  rules: "it-garante-2014",
  per100: 3,
  denominator: "connected" as const,
  ratio,
  within,
});

describe("verdicts in plain words", () => {
  it("states each rule of a compliant run with its figure", () => {
    const doc = withCampaign(fixtures.defaultOne(), {
      ceiling: ceiling(1.9712, true),
      maxSilentHoldSeconds: 3,
      recontactViolations: 0,
    });
    expect(verdicts(doc)).toEqual([
      {
        rule: "Silent calls",
        text: "Silent calls: 1.97 per 100 connected, under the ceiling of 3 — compliant",
        compliant: true,
      },
      {
        rule: "Cut-off",
        text: "Longest silent hold: 3.00 s, within the 3 s cut-off — compliant",
        compliant: true,
      },
      {
        rule: "Lock-out",
        text: "Recontacts inside the 5-day lock-out or without an agent reserved: 0 — compliant",
        compliant: true,
      },
    ]);
  });

  it("says when a run is at, over or without a ratio, past the cut-off or broke a lock-out", () => {
    const base = fixtures.defaultOne();
    expect(verdicts(withCampaign(base, { ceiling: ceiling(3, true) }))[0].text).toBe(
      "Silent calls: 3.00 per 100 connected, at the ceiling of 3 — compliant",
    );
    const over = verdicts(withCampaign(base, { ceiling: ceiling(4.2, false) }))[0];
    expect(over).toMatchObject({ compliant: false });
    expect(over.text).toBe(
      "Silent calls: 4.20 per 100 connected, over the ceiling of 3 — not compliant",
    );
    const none = verdicts(withCampaign(base, { ceiling: ceiling(null, false), silent: 2 }))[0];
    expect(none.compliant).toBe(false);
    expect(none.text).toContain("2 with nobody connected");
    const late = verdicts(withCampaign(base, { maxSilentHoldSeconds: 3.2 }))[1];
    expect(late).toEqual({
      rule: "Cut-off",
      text: "Longest silent hold: 3.20 s, beyond the 3 s cut-off — not compliant",
      compliant: false,
    });
    const relocked = verdicts(withCampaign(base, { recontactViolations: 1234 }))[2];
    expect(relocked.compliant).toBe(false);
    expect(relocked.text).toContain(": 1,234 — not compliant");
  });

  it("counts replications over the ceiling when there are several", () => {
    const doc = fixtures.compared()[1];
    const [silent, hold] = verdicts(doc);
    const m = doc.acrossReplications?.metrics.silentPer100Connected;
    expect(silent.text).toContain(`in replication 1 (seed ${doc.seed})`);
    expect(silent.text).toContain(
      `a mean of ${m?.mean.toFixed(2)} (95% confidence interval ${m?.ci95[0].toFixed(2)} to ${m?.ci95[1].toFixed(2)}) over all 2 replications`,
    );
    expect(silent.text).toMatch(/none over the ceiling — compliant$/);
    expect(hold.text).toMatch(/^Longest silent hold in replication 1 \(seed 1\): /);
    const someOver = variant(doc, {
      acrossReplications: { overCeiling: 1, overCeilingFraction: 1 / 2 },
    });
    expect(verdicts(someOver)[0]).toMatchObject({ compliant: false });
    expect(verdicts(someOver)[0].text).toMatch(
      /1 of 2 over the ceiling — not compliant in 1 of 2 replications$/,
    );
  });
});
