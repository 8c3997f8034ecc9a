import { AgentsAboutToFreePacer } from "./agents-about-to-free.js";
import { BinomialPacer } from "./binomial.js";
import type { PacingConfig } from "./config.js";
import { GuardedPacer } from "./guarded.js";
import { LinesPerAgentPacer } from "./lines-per-agent.js";
import type { Pacer } from "./pacer.js";
import { ProgressivePacer } from "./progressive.js";
import { VicidialAdaptivePacer } from "./vicidial-adaptive.js";
import { VicidialRatioPacer } from "./vicidial-ratio.js";

/** A fresh pacer (with fresh state) for a scenario's pacing settings. */
export function createPacer(config: PacingConfig): Pacer {
  switch (config.algorithm) {
    case "progressive":
      return new ProgressivePacer();
    case "vicidial-ratio":
      return new VicidialRatioPacer(config);
    case "vicidial-adapt-hard-limit":
    case "vicidial-adapt-tapered":
    case "vicidial-adapt-average":
      return new VicidialAdaptivePacer(config);
    case "lines-per-agent":
      return new LinesPerAgentPacer(config);
    case "agents-about-to-free":
      return new AgentsAboutToFreePacer(config);
    case "binomial":
      return new BinomialPacer(config);
    case "guarded":
      return new GuardedPacer(createPacer(config.inner), config.ceilingPer100, config.denominator);
    default: {
      const unknown: never = config;
      throw new Error(`unknown pacing algorithm: ${(unknown as { algorithm: string }).algorithm}`);
    }
  }
}
