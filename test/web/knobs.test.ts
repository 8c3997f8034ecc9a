import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load.js";
import {
  NUMBER_KNOBS,
  readKnobs,
  writeNumberKnob,
  writePacing,
} from "../../src/web/app/playground/knobs.js";

const DEFAULT = readFileSync("scenarios/default.yaml", "utf8");
const knob = (id: string) => {
  const found = NUMBER_KNOBS.find((k) => k.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

describe("the playground's knobs", () => {
  it("read the scenario's values, and leave out what it does not have in that form", () => {
    const values = readKnobs(DEFAULT);
    expect(values?.numbers).toEqual({
      agents: 20,
      person: 0.3,
      talk: 150,
      wrapUp: 20,
      cutoff: 3,
      days: 1,
    });
    expect(values?.pacing).toEqual({ algorithm: "binomial", guarded: true, setting: undefined });
    const groups = readKnobs("agents:\n  groups: [{ count: 3 }]\n");
    expect(groups?.numbers.agents).toBeUndefined();
    expect(readKnobs("a: [")).toBeNull();
  });

  it("write a value back keeping the comments, and the scenario stays valid", () => {
    const text = writeNumberKnob(DEFAULT, knob("agents"), 25);
    expect(text).toContain("  count: 25\n");
    expect(text).toContain("# Default scenario: one ordinary weekday");
    expect(parseScenario(text, "scenarios/default.yaml").agents.groups[0].count).toBe(25);
  });

  it("move no-answer against person so the outcome probabilities still sum to 1", () => {
    const text = writeNumberKnob(DEFAULT, knob("person"), 0.42);
    const p = parseScenario(text, "scenarios/default.yaml").outcomes.probabilities;
    expect(p.person).toBe(0.42);
    expect(p.noAnswer).toBe(0.25);
  });

  it("replace the pacing block for a new pacer and only the setting for a new value", () => {
    const ratio = writePacing(DEFAULT, {
      algorithm: "vicidial-ratio",
      guarded: false,
      setting: undefined,
    });
    expect(parseScenario(ratio, "x.yaml").pacing).toEqual({
      algorithm: "vicidial-ratio",
      level: 1.5,
      cadenceSeconds: 2.5,
    });
    const level = writePacing(ratio, { algorithm: "vicidial-ratio", guarded: false, setting: 2.2 });
    expect(readKnobs(level)?.pacing).toEqual({
      algorithm: "vicidial-ratio",
      guarded: false,
      setting: 2.2,
    });
    const guarded = writePacing(DEFAULT, { algorithm: "binomial", guarded: true, setting: 2 });
    const pacing = parseScenario(guarded, "x.yaml").pacing;
    expect(pacing.algorithm === "guarded" && pacing.inner).toMatchObject({
      algorithm: "binomial",
      targetPercent: 2,
    });
  });
});
