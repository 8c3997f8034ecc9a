import { describe, expect, it } from "vitest";
import { createFateDrawer } from "../../src/endpoint/fate.js";
import { createStreams } from "../../src/sim/random.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { makeScenario } from "../support/scenario-fixture.js";

const draw = (seed: number, n: number, timeScale = 1) => {
  const next = createFateDrawer(makeScenario(), createStreams(seed), {
    timeScale: TimeScale.of(timeScale),
    noAnswerLimitSeconds: 120,
  });
  return Array.from({ length: n }, next);
};

describe("createFateDrawer", () => {
  it("gives the same fates for the same seed and different ones for another", () => {
    expect(draw(5, 200)).toEqual(draw(5, 200));
    expect(draw(5, 200)).not.toEqual(draw(6, 200));
  });

  it("draws outcomes in the scenario's proportions", () => {
    const fates = draw(1, 20_000);
    const share = (o: string) => fates.filter((f) => f.outcome === o).length / fates.length;
    // Fixture: person 0.3, machine 0.1, busy 0.1, noAnswer 0.4, invalid 0.1; 4 sd of a share.
    expect(share("person")).toBeCloseTo(0.3, 1);
    expect(Math.abs(share("noAnswer") - 0.4)).toBeLessThan(0.014);
    expect(Math.abs(share("invalid") - 0.1)).toBeLessThan(0.009);
  });

  it("divides every scenario duration by the time scale, the no-answer limit included", () => {
    const real = draw(3, 50);
    const fast = draw(3, 50, 10);
    fast.forEach((f, i) => {
      expect(f.outcome).toBe(real[i]?.outcome);
      expect(f.ringMs).toBeCloseTo((real[i]?.ringMs ?? 0) / 10, 6);
      expect(f.patienceMs).toBeCloseTo((real[i]?.patienceMs ?? 0) / 10, 6);
    });
    const noAnswer = fast.find((f) => f.outcome === "noAnswer");
    expect(noAnswer?.ringMs).toBe(12_000);
  });
});
