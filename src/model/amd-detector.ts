import type { AmdSettings } from "../scenario/scenario.js";
import { copySamplerState, type Sampler, sampler } from "../sim/distributions.js";
import type { Rng } from "../sim/random.js";

/**
 * The dialer's answering-machine detection: how long it listens to an answered call, and
 * whether it judges a machine, with the scenario's false-positive and false-negative rates.
 * Both draws come from one stream, so every pacing sees the same verdicts.
 */
export class AmdDetector {
  private readonly detection: Sampler;

  constructor(
    private readonly settings: AmdSettings,
    private readonly rng: Rng,
  ) {
    this.detection = sampler(settings.detection, rng);
  }

  /** Puts this detector (on a copy of `other`'s stream) in `other`'s state. */
  copyFrom(other: AmdDetector): void {
    copySamplerState(this.detection, other.detection);
  }

  /** Seconds the detection listens before its verdict. */
  listenSeconds(): number {
    return this.detection();
  }

  /** Whether it judges the answer a machine (a person: wrongly, at the false-positive rate). */
  judgesMachine(isPerson: boolean): boolean {
    const u = this.rng();
    return isPerson ? u < this.settings.falsePositiveRate : u >= this.settings.falseNegativeRate;
  }
}
