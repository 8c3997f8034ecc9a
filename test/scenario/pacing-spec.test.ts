import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import { pacingAlgorithmSpec, parsePacingSpec } from "../../src/scenario/pacing-spec.js";

const parse = (spec: string) => parsePacingSpec(spec, IT_GARANTE_2014);

describe("parsePacingSpec", () => {
  it("reads a bare name with the scenario defaults", () => {
    expect(parse("progressive")).toEqual({ algorithm: "progressive" });
    expect(parse("binomial")).toMatchObject({ algorithm: "binomial", targetPercent: 3 });
  });

  it("reads settings as numbers and strings", () => {
    expect(parse("vicidial-ratio:level=2.5")).toEqual({
      algorithm: "vicidial-ratio",
      level: 2.5,
      cadenceSeconds: 2.5,
    });
  });

  it("wraps the named pacer in a guard with the rule set's ceiling", () => {
    expect(parse("guarded:vicidial-ratio:level=2:ceilingPer100=2")).toEqual({
      algorithm: "guarded",
      inner: { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 },
      ceilingPer100: 2,
      denominator: "connected",
    });
    expect(parse("guarded:progressive")).toMatchObject({ ceilingPer100: 3 });
  });

  it("gives lookahead the rule set's ceiling, or its guard's", () => {
    expect(parse("lookahead:runs=5")).toMatchObject({
      algorithm: "lookahead",
      runs: 5,
      horizonMinutes: 15,
      ceilingPer100: 3,
      denominator: "connected",
    });
    expect(parse("guarded:lookahead:ceilingPer100=2")).toMatchObject({
      ceilingPer100: 2,
      inner: { algorithm: "lookahead", ceilingPer100: 2, denominator: "connected" },
    });
    expect(() => parse("lookahead:minTargetPercent=9:maxTargetPercent=4")).toThrow(
      /minTargetPercent: expected a number <= maxTargetPercent \(4\)/,
    );
  });

  it("rejects unknown pacings, keys and malformed parts, naming the spec", () => {
    for (const bad of [
      "warp-speed",
      "vicidial-ratio",
      "binomial:speed=3",
      "binomial:3",
      "guarded:guarded",
    ]) {
      expect(() => parse(bad), bad).toThrow(ScenarioError);
    }
    expect(() => parse("vicidial-ratio:level=0.5")).toThrow(
      /--pacing: vicidial-ratio:level=0.5: level: expected a number >= 1/,
    );
  });
});

describe("pacingAlgorithmSpec", () => {
  it("names the algorithm as a spec does, a guarded pacer with the one it wraps", () => {
    for (const spec of [
      "progressive",
      "vicidial-ratio",
      "guarded:binomial",
      "guarded:vicidial-ratio",
    ]) {
      expect(pacingAlgorithmSpec(parse(`${spec}${spec.includes("ratio") ? ":level=2" : ""}`))).toBe(
        spec,
      );
    }
  });
});
