import { describe, expect, it } from "vitest";
import { createStreams, type Rng } from "../../src/sim/random.js";

function take(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rng());
  return out;
}

describe("createStreams", () => {
  it("gives identical sequences for the same seed and name", () => {
    const a = take(createStreams(42).stream("arrivals"), 1000);
    const b = take(createStreams(42).stream("arrivals"), 1000);
    expect(a).toEqual(b);
  });

  it("gives different sequences for different names and different seeds", () => {
    const base = take(createStreams(42).stream("arrivals"), 100);
    const otherName = take(createStreams(42).stream("talk"), 100);
    const otherSeed = take(createStreams(43).stream("arrivals"), 100);
    // Not merely "not equal as arrays": no position should coincide for independent streams.
    expect(base.filter((x, i) => x === otherName[i])).toHaveLength(0);
    expect(base.filter((x, i) => x === otherSeed[i])).toHaveLength(0);
  });

  it("isolates streams: drawing from A does not shift B", () => {
    const reference = take(createStreams("run-7").stream("B"), 500);

    const streams = createStreams("run-7");
    const a = streams.stream("A");
    const b = streams.stream("B");
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      // Irregular number of A draws between B draws.
      for (let k = 0; k < i % 7; k++) a();
      interleaved.push(b());
    }
    expect(interleaved).toEqual(reference);
  });

  it("returns the same generator for the same name, so draws continue", () => {
    const streams = createStreams(1);
    const first = streams.stream("x");
    expect(streams.stream("x")).toBe(first);

    const expected = take(createStreams(1).stream("x"), 20);
    const got = [...take(streams.stream("x"), 10), ...take(streams.stream("x"), 10)];
    expect(got).toEqual(expected);
  });

  it("draws uniformly in [0, 1)", () => {
    const n = 100_000;
    const rng = createStreams(2024).stream("u");
    let min = 1;
    let max = 0;
    let sum = 0;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng();
      if (u < min) min = u;
      if (u > max) max = u;
      sum += u;
      bins[Math.floor(u * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Var(U) = 1/12; 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    const sdBin = Math.sqrt(n * 0.1 * 0.9);
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(5 * sdBin);
  });

  it("rejects non-finite numeric seeds", () => {
    expect(() => createStreams(Number.NaN)).toThrow(RangeError);
    expect(() => createStreams(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
