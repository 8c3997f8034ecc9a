import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/pacing/normal-cdf.js";

describe("normalCdf", () => {
  it("gives the standard normal's known values, symmetric about 0", () => {
    const table: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [1.6448536269514722, 0.95],
      [2.326347874040841, 0.99],
      [-3, 0.0013498980316301],
      [6, 0.9999999990134123],
    ];
    for (const [z, p] of table) expect(Math.abs(normalCdf(z) - p)).toBeLessThan(7.5e-8);
    for (const z of [0.3, 1.7, 4.2]) expect(normalCdf(-z)).toBeCloseTo(1 - normalCdf(z), 12);
  });
});
