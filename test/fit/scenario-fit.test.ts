/** The pure pieces between the records and the scenario: spec CDFs, outcome shares, the sample. */
import { describe, expect, it } from "vitest";
import { auditText } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import { CallSampleCollector } from "../../src/fit/call-sample.js";
import { family } from "../../src/fit/families.js";
import { fittedNoAnswerTimeout, outcomeProbabilities } from "../../src/fit/fit-scenario.js";
import { probabilityBelow, thetaOf } from "../../src/fit/spec-cdf.js";
import type { DistributionSpec } from "../../src/sim/distribution-spec.js";
import { makeScenario } from "../support/scenario-fixture.js";

describe("spec CDFs", () => {
  it("inverts each family's spec and gives its CDF", () => {
    const specs: DistributionSpec[] = [
      { dist: "exponential", mean: 30 },
      { dist: "lognormal", mean: 12, sd: 6 },
      { dist: "gamma", shape: 4, scale: 3 },
      { dist: "weibull", shape: 1.5, scale: 20 },
      { dist: "normal", mean: 10, sd: 4 },
    ];
    for (const spec of specs) {
      const p = thetaOf(spec);
      const back = p && family(p.name).spec(p.theta);
      for (const [k, v] of Object.entries(spec)) {
        if (typeof v === "number")
          expect((back as unknown as Record<string, number>)[k]).toBeCloseTo(v, 9);
      }
    }
    expect(probabilityBelow({ dist: "exponential", mean: 30 }, 30)).toBeCloseTo(
      1 - Math.exp(-1),
      9,
    );
    expect(probabilityBelow({ dist: "weibull", shape: 2, scale: 10 }, 10)).toBeCloseTo(
      1 - Math.exp(-1),
      9,
    );
    expect(probabilityBelow({ dist: "lognormal", mean: 12, sd: 6 }, 1e9)).toBeCloseTo(1, 9);
    expect(probabilityBelow({ dist: "uniform", min: 2, max: 6 }, 3)).toBe(0.25);
    expect(probabilityBelow({ dist: "empirical", values: [1, 2, 30, 40] }, 25)).toBe(0.5);
    expect(probabilityBelow({ dist: "fixed", value: 25 }, 25)).toBe(0);
  });
});

describe("outcome probabilities", () => {
  it("scales answers up by what the timeout cut off, takes it from no-answers, and sums to 1", () => {
    const p = outcomeProbabilities([27, 12, 8, 43, 10], { person: 0.1, machine: 0.2 });
    expect(p.person).toBeCloseTo(0.3, 6);
    expect(p.machine).toBeCloseTo(0.15, 6);
    expect(p.noAnswer).toBeCloseTo(0.43 - 0.03 - 0.03, 6);
    expect(p.person + p.machine + p.busy + p.noAnswer + p.invalid).toBeCloseTo(1, 12);
  });

  it("keeps the observed shares when the correction would need negative no-answers", () => {
    const p = outcomeProbabilities([50, 0, 0, 1, 49], { person: 0.5, machine: 0 });
    expect(p).toEqual({ person: 0.5, machine: 0, busy: 0, noAnswer: 0.01, invalid: 0.49 });
  });
});

describe("the no-answer timeout", () => {
  it("is the no-answers' median, raised past the longest answer, for a million rings too", () => {
    const base = makeScenario();
    expect(fittedNoAnswerTimeout([24, 25, 26], [10, 12], base)).toBe(25);
    expect(fittedNoAnswerTimeout([], [10, 12], base)).toBe(base.dialer.noAnswerTimeoutSeconds);
    const answered = Array.from({ length: 1_000_000 }, (_, i) => (i % 30) + 0.5);
    answered[123_456] = 40;
    expect(fittedNoAnswerTimeout([25], answered, base)).toBeCloseTo(40.001, 9);
  });
});

describe("the sample of the records", () => {
  const header = "campaign,number,start,answer,agent_connect,end,outcome,amd_verdict";
  const rows = [
    // Put through after 1 s, then 60 s of talk: patience censored at 1, talk 60, ring 10.
    "c,1,2026-12-02T09:59:50.000,2026-12-02T10:00:00.000,2026-12-02T10:00:01.000,2026-12-02T10:01:01.000,person,",
    // Hung up after 1.5 s of waiting (cut-off 3): an observed patience.
    "c,2,2026-12-02T10:00:00.000,2026-12-02T10:00:05.000,,2026-12-02T10:00:06.500,person,",
    // Held to the cut-off (2.999 s on the clock): censored at the hold.
    "c,3,2026-12-02T10:00:00.000,2026-12-02T10:00:05.000,,2026-12-02T10:00:07.999,person,",
    // Dropped by AMD after 1 s: censored, not a hang-up.
    "c,4,2026-12-02T10:00:00.000,2026-12-02T10:00:05.000,,2026-12-02T10:00:06.000,person,machine",
    "c,5,2026-12-02T11:00:00.000,,,2026-12-02T11:00:25.000,no-answer,",
  ];

  it("splits waits into hang-ups and censored waits, and counts outcomes by hour", async () => {
    const run = await auditText(
      [header, ...rows].join("\n"),
      "calls.csv",
      new CallSampleCollector(3),
      pacelabFormat,
    );
    const s = run.result;
    expect(s.attempts).toBe(5);
    expect(s.byHour[9]).toEqual([1, 0, 0, 0, 0]);
    expect(s.byHour[10]).toEqual([3, 0, 0, 0, 0]);
    expect(s.byHour[11]).toEqual([0, 0, 0, 1, 0]);
    expect(s.patienceEvents).toEqual([1.5]);
    expect(s.patienceCensored).toEqual([1, 2.999, 1]);
    expect(s.talk).toEqual([60]);
    expect(s.ring[0]).toEqual([10, 5, 5, 5]);
    expect(s.ring[3]).toEqual([25]);
  });
});
