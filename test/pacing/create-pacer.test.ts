import { describe, expect, it } from "vitest";
import { AgentsAboutToFreePacer } from "../../src/pacing/agents-about-to-free.js";
import { BinomialPacer } from "../../src/pacing/binomial.js";
import type { AlgorithmName, GuardedConfig, PacingConfig } from "../../src/pacing/config.js";
import { createPacer } from "../../src/pacing/create-pacer.js";
import { GuardedPacer } from "../../src/pacing/guarded.js";
import { LinesPerAgentPacer } from "../../src/pacing/lines-per-agent.js";
import { ProgressivePacer } from "../../src/pacing/progressive.js";
import { VicidialAdaptivePacer } from "../../src/pacing/vicidial-adaptive.js";
import { VicidialRatioPacer } from "../../src/pacing/vicidial-ratio.js";
import { makeView } from "./view-fixture.js";

const adaptive = {
  initialLevel: 1,
  maxLevel: 3,
  dropLimitPercent: 3,
  intensity: 0,
  targetDifference: 0,
  cadenceSeconds: 2.5,
};

// Lookahead needs a forecaster and an observing view: test/lookahead covers it.
const configs: Record<
  Exclude<AlgorithmName, "guarded" | "lookahead">,
  Exclude<PacingConfig, GuardedConfig>
> = {
  progressive: { algorithm: "progressive" },
  "vicidial-ratio": { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 },
  "vicidial-adapt-hard-limit": { algorithm: "vicidial-adapt-hard-limit", ...adaptive },
  "vicidial-adapt-tapered": { algorithm: "vicidial-adapt-tapered", ...adaptive },
  "vicidial-adapt-average": { algorithm: "vicidial-adapt-average", ...adaptive },
  "lines-per-agent": {
    algorithm: "lines-per-agent",
    initial: 1.5,
    max: 3,
    targetPercent: 3,
    gain: 1,
    answersPerUpdate: 100,
    cadenceSeconds: 1,
  },
  "agents-about-to-free": {
    algorithm: "agents-about-to-free",
    threshold: 0.97,
    warmupTalks: 10,
    cadenceSeconds: 1,
  },
  binomial: {
    algorithm: "binomial",
    targetPercent: 3,
    maxLinesPerAgent: 3,
    warmupCalls: 50,
    cadenceSeconds: 1,
  },
};

const classes = {
  progressive: ProgressivePacer,
  "vicidial-ratio": VicidialRatioPacer,
  "vicidial-adapt-hard-limit": VicidialAdaptivePacer,
  "vicidial-adapt-tapered": VicidialAdaptivePacer,
  "vicidial-adapt-average": VicidialAdaptivePacer,
  "lines-per-agent": LinesPerAgentPacer,
  "agents-about-to-free": AgentsAboutToFreePacer,
  binomial: BinomialPacer,
} as const;

describe("createPacer", () => {
  for (const [name, config] of Object.entries(configs)) {
    it(`builds ${name}`, () => {
      const pacer = createPacer(config);
      expect(pacer).toBeInstanceOf(classes[name as keyof typeof classes]);
      expect(pacer.name).toBe(name);
      const n = pacer.decide(makeView({ agents: { ready: 4 } }));
      expect(Number.isInteger(n) && n >= 0).toBe(true);
    });

    it(`builds guarded ${name} around a fresh inner pacer`, () => {
      const pacer = createPacer({
        algorithm: "guarded",
        inner: config,
        ceilingPer100: 3,
        denominator: "connected",
      });
      expect(pacer).toBeInstanceOf(GuardedPacer);
      expect(pacer.name).toBe("guarded");
      const inner = (pacer as GuardedPacer).inner;
      expect(inner).toBeInstanceOf(classes[name as keyof typeof classes]);
      expect(pacer.cadenceSeconds).toBe(inner.cadenceSeconds);
      expect(pacer.decidesOnAgentReady).toBe(true);
      // No record yet: nothing beyond progressive.
      expect(pacer.decide(makeView({ agents: { ready: 4 }, calls: { ringing: 1 } }))).toBe(3);
    });
  }

  it("uses the configured cadences", () => {
    expect(createPacer(configs["vicidial-ratio"]).cadenceSeconds).toBe(2.5);
    expect(createPacer(configs["vicidial-adapt-average"]).cadenceSeconds).toBe(0.5);
    expect(
      createPacer({ ...configs.binomial, cadenceSeconds: 2 } as PacingConfig).cadenceSeconds,
    ).toBe(2);
    expect(createPacer(configs.progressive).cadenceSeconds).toBe(1);
  });
});
