import { describe, expect, it } from "vitest";
import { recordsTimeScaleOption, timeScaleOption } from "../../src/cli/time-scale-option.js";
import { TimeScale } from "../../src/time/time-scale.js";

describe("TimeScale", () => {
  it("converts between the scenario clock and the wall clock", () => {
    const k = TimeScale.of(60);
    expect(k.factor).toBe(60);
    expect(k.toWallSeconds(120)).toBe(2);
    expect(k.toWallMs(120)).toBe(2000);
    expect(k.toScenarioSeconds(2)).toBe(120);
    expect(k.wallMsToScenarioSeconds(2000)).toBe(120);
    // The cut-off stays 3 real seconds on the wire: 180 s on the scenario clock.
    expect(k.toScenarioSeconds(3)).toBe(180);
  });

  it("goes there and back for a scale below 1 too", () => {
    const k = TimeScale.of(0.5);
    expect(k.toWallMs(10)).toBe(20_000);
    expect(k.wallMsToScenarioSeconds(k.toWallMs(10))).toBe(10);
  });

  it("is real time at 1 only, and leaves every figure as it is there", () => {
    const real = TimeScale.of(1);
    expect(real).toBe(TimeScale.REAL_TIME);
    expect(real.isRealTime).toBe(true);
    expect(TimeScale.of(1.5).isRealTime).toBe(false);
    expect(real.toWallSeconds(2.345)).toBe(2.345);
    expect(real.toScenarioSeconds(2.345)).toBe(2.345);
    expect(real.toWallMs(2.345)).toBe(2345);
  });

  it("prints as its factor, as the number did", () => {
    expect(`x${TimeScale.of(60)}`).toBe("x60");
    expect(String(TimeScale.of(2.5))).toBe("2.5");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s with a clear error", (k) => {
    expect(TimeScale.isValid(k)).toBe(false);
    expect(() => TimeScale.of(k)).toThrow(
      new RangeError(
        `a time scale is a positive number of scenario seconds per wall-clock second, not ${k}`,
      ),
    );
  });
});

describe("--time-scale", () => {
  const args = (typed: string) => ["--time-scale", typed];

  it("of live and endpoint takes any positive number", () => {
    expect(timeScaleOption(0.5).factor).toBe(0.5);
    expect(timeScaleOption(1)).toBe(TimeScale.REAL_TIME);
    expect(() => timeScaleOption(0)).toThrow("--time-scale: expected a positive number, got 0");
  });

  it("quotes what was typed when it is not a number", () => {
    const saved = process.argv;
    process.argv = ["node", "pacelab", "live", ...args("fast")];
    try {
      expect(() => timeScaleOption(Number.NaN)).toThrow('expected a positive number, got "fast"');
      expect(() => recordsTimeScaleOption(Number.NaN)).toThrow('got "fast"');
    } finally {
      process.argv = saved;
    }
  });

  it("of audit is real time unless given, and at least 1", () => {
    expect(recordsTimeScaleOption(undefined)).toBe(TimeScale.REAL_TIME);
    expect(recordsTimeScaleOption(10).factor).toBe(10);
    expect(() => recordsTimeScaleOption(0.5)).toThrow(
      "--time-scale: expected a number >= 1 (the live run's --time-scale), got 0.5",
    );
  });
});
