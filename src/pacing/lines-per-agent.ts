import type { LinesPerAgentConfig } from "./config.js";
import { copyOfPacer, type Pacer } from "./pacer.js";
import { callsInFlight, type DialerView } from "./view.js";

/**
 * Lines per agent with abandon correction (Cisco style).
 *
 * LPA starts at `initial`. Each time the campaign's live answers (`totals.live`) cross a multiple
 * of `answersPerUpdate`, the block since the previous correction is judged:
 * observed = dropped / live over the block (differences of the cumulative counters), and
 * LPA = clamp(LPA x (1 + gain x (target - observed) / target), 1, max), target = targetPercent/100.
 * If one decision sees several multiples crossed at once, it makes one correction over the whole
 * block. Drops are booked when they happen, so a drop late in a block may count in the next one.
 *
 * Placement: floor(ready x LPA) - calls in flight, at least 0. Rounded down, not to nearest: a
 * fractional line is never dialed, so the error always goes toward fewer silent calls, and the
 * correction loop raises LPA to make up for the bias. With LPA >= 1 this never places fewer
 * calls than progressive dialing.
 */
export class LinesPerAgentPacer implements Pacer {
  readonly name = "lines-per-agent";
  readonly cadenceSeconds: number;
  readonly decidesOnAgentReady = true;

  private readonly max: number;
  private readonly target: number;
  private readonly gain: number;
  private readonly answersPerUpdate: number;
  private lpa: number;

  private started = false;
  /** Cumulative counters at the start of the current block. */
  private blockLive = 0;
  private blockDropped = 0;
  /** `totals.live` at which the current block ends. */
  private nextUpdateAt = 0;

  constructor(config: LinesPerAgentConfig) {
    this.cadenceSeconds = config.cadenceSeconds;
    this.max = Math.max(1, config.max);
    this.target = config.targetPercent / 100;
    this.gain = config.gain;
    this.answersPerUpdate = Math.max(1, config.answersPerUpdate);
    this.lpa = clamp(config.initial, 1, this.max);
  }

  /** The current lines per agent. */
  get linesPerAgent(): number {
    return this.lpa;
  }

  copy(): Pacer {
    return copyOfPacer(this);
  }

  decide(view: DialerView): number {
    const live = view.totals.live;
    if (!this.started) {
      this.started = true;
      this.startBlock(live, view.totals.dropped);
    } else if (live >= this.nextUpdateAt) {
      const dropped = view.totals.dropped;
      const observed = (dropped - this.blockDropped) / (live - this.blockLive);
      const error =
        this.target > 0
          ? (this.target - observed) / this.target
          : observed > 0
            ? Number.NEGATIVE_INFINITY
            : 0;
      this.lpa = clamp(this.lpa * (1 + this.gain * error), 1, this.max);
      this.startBlock(live, dropped);
    }
    const n = Math.floor(view.agents.ready * this.lpa + 1e-9) - callsInFlight(view);
    return Math.max(n, 0);
  }

  private startBlock(live: number, dropped: number): void {
    this.blockLive = live;
    this.blockDropped = dropped;
    this.nextUpdateAt = (Math.floor(live / this.answersPerUpdate) + 1) * this.answersPerUpdate;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo || Number.isNaN(x) ? lo : Math.min(x, hi);
}
