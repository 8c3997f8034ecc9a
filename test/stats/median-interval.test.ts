import { describe, expect, it } from "vitest";
import { medianInterval } from "../../src/stats/median-interval.js";

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => n - i); // unsorted on purpose

describe("medianInterval", () => {
  it("takes the order statistics the binomial tail allows", () => {
    // n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so x_(2) and x_(9).
    expect(medianInterval(oneTo(10))).toEqual([2, 9]);
    // n = 6: P(B = 0) = 1/64 <= 0.025 < 7/64: the extremes.
    expect(medianInterval(oneTo(6))).toEqual([1, 6]);
    // n = 40: P(B <= 13) = 0.0192 <= 0.025 < P(B <= 14) = 0.0403, so x_(14) and x_(27).
    expect(medianInterval(oneTo(40))).toEqual([14, 27]);
  });

  it("says nothing when too few values can cover the median at that level", () => {
    expect(medianInterval(oneTo(5))).toBeNull(); // P(B = 0) = 1/32 > 0.025
    expect(medianInterval([])).toBeNull();
    expect(medianInterval(oneTo(5), 0.9)).toEqual([1, 5]); // 1/32 <= 0.05
  });

  it("covers the median about as often as it promises, and no less", () => {
    // Uniform draws from a fixed generator: the median is 0.5.
    let state = 12345;
    const uniform = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const [lo, hi] = medianInterval(Array.from({ length: 25 }, uniform)) ?? [1, 0];
      if (lo <= 0.5 && 0.5 <= hi) covered++;
    }
    // Exact coverage at n = 25 is 1 - 2 P(B <= 7) = 0.957; 2000 trials put it within +-0.01.
    expect(covered / trials).toBeGreaterThan(0.94);
    expect(covered / trials).toBeLessThan(0.975);
  });
});
