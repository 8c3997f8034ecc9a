import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { gridPoints, keyPath, parseAxis } from "../../src/tuning/grid.js";

describe("grid", () => {
  it("reads inclusive ranges without floating-point drift", () => {
    const axis = parseAxis("pacing.level=1.0:3.0:0.1");
    expect(axis.key).toBe("pacing.level");
    expect(axis.values).toHaveLength(21);
    expect(axis.values[19]).toBe(2.9);
    expect(axis.values[20]).toBe(3);
  });

  it("reads lists of numbers and words", () => {
    expect(parseAxis("agents.count=5,10,20").values).toEqual([5, 10, 20]);
    expect(parseAxis("pacing.algorithm=progressive,binomial").values).toEqual([
      "progressive",
      "binomial",
    ]);
  });

  it("rejects malformed settings with the option named", () => {
    for (const bad of ["pacing.level", "=3", "x=3:1:1", "x=1:3:0", "x=1:a:1", "x=1,,2"]) {
      expect(() => parseAxis(bad), bad).toThrow(ScenarioError);
    }
    expect(() => parseAxis("x=1:3:0")).toThrow(/--set: x=1:3:0: expected from:to:step/);
  });

  it("crosses axes with the first varying slowest", () => {
    const points = gridPoints([
      { key: "a", values: [1, 2] },
      { key: "b", values: ["x", "y", "z"] },
    ]);
    expect(points).toEqual([
      [1, "x"],
      [1, "y"],
      [1, "z"],
      [2, "x"],
      [2, "y"],
      [2, "z"],
    ]);
  });

  it("turns dotted keys with indexes into paths", () => {
    expect(keyPath("agents.groups[1].count")).toEqual(["agents", "groups", 1, "count"]);
    expect(() => keyPath("a..b")).toThrow(ScenarioError);
  });
});
