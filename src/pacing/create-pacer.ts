import { AgentsAboutToFreePacer } from "./agents-about-to-free.js";
import { BinomialPacer } from "./binomial.js";
import type { PacingConfig } from "./config.js";
import type { Forecaster } from "./forecaster.js";
import { GuardedPacer } from "./guarded.js";
import { LinesPerAgentPacer } from "./lines-per-agent.js";
import { LookaheadPacer } from "./lookahead.js";
import type { Pacer } from "./pacer.js";
import { ProgressivePacer } from "./progressive.js";
import { VicidialAdaptivePacer } from "./vicidial-adaptive.js";
import { VicidialRatioPacer } from "./vicidial-ratio.js";

/**
 * A fresh pacer (with fresh state) for a scenario's pacing settings. `forecaster` is asked for
 * only by a lookahead pacer (the simulator inside the pacer, which `pacing/` does not own).
 */
export function createPacer(config: PacingConfig, forecaster?: () => Forecaster): Pacer {
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
    case "lookahead":
      if (forecaster === undefined) {
        throw new Error("lookahead pacing needs a forecaster: none was given to createPacer");
      }
      return new LookaheadPacer(config, forecaster());
    case "guarded": {
      const inner = createPacer(config.inner, forecaster);
      return new GuardedPacer(inner, config.ceilingPer100, config.denominator);
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown pacing algorithm: ${(unknown as { algorithm: string }).algorithm}`);
    }
  }
}
