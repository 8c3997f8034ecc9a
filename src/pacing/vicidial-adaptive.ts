import type { AdaptiveConfig } from "./config.js";
import { copyOfPacer, type Pacer } from "./pacer.js";
import { activeAgents, callsForLevel, DUE_EPSILON, nextDue } from "./vicidial-ratio.js";
import type { DialerView } from "./view.js";

/** Seconds between samples of ready agents, waiting calls and active agents. */
export const ADAPT_SAMPLE_SECONDS = 1;
/** Samples kept: the level update averages the last 15 seconds. */
export const ADAPT_SAMPLES = 15;
/** Seconds between level updates. */
export const ADAPT_UPDATE_SECONDS = 15;
/** Seconds between drop checks. */
export const ADAPT_DROP_CHECK_SECONDS = 60;
/** Live answers in the last minute above which the minute's drop share is checked. */
const MINUTE_MIN_LIVE = 20;
/** Share of the last minute's live answers dropped above which the level is halved. */
const MINUTE_MAX_DROP_SHARE = 0.5;
/** Live answers today above which the day's drop percentage is checked. */
const DAY_MIN_LIVE = 50;
/** TAPERED: hours left in the shift below which the level is scaled down. */
const TAPER_HOURS = 10;

/**
 * VICIdial's adaptive modes (ADAPT_HARD_LIMIT, ADAPT_TAPERED, ADAPT_AVERAGE).
 *
 * On its own clock (`view.now`), independently of how often it is asked:
 * - every 1 s, sample ready agents, waiting calls and active agents (ready + talking); keep the
 *   last 15 samples;
 * - every 15 s, m = (mean(ready) - mean(waiting) + target) / mean(active); p = 100 m;
 *   p' = p x |I/100 - 1| when p < 0, p x (1 + I/100) otherwise; L = L x (1 + p'/100), capped at
 *   `maxLevel` and floored at 1 (no update while no agent was active);
 * - every 60 s: if more than 20 live answers in the last minute and over 50% of them dropped,
 *   halve L; then if more than 50 live answers today and the day's drop percentage exceeds
 *   `dropLimitPercent`, HARD_LIMIT sets L = 1, AVERAGE halves L and TAPERED multiplies L by
 *   min(1, hours left in the window / 10) (L = 1 once the window has closed); floor 1;
 * - every `cadenceSeconds`, place calls with the RATIO rule at the current level.
 *
 * The pacer is asked every 0.5 s so that the 1 s sampling runs on time. A pause of more than
 * 15 s between decisions (the night between two dialing windows) starts the clocks afresh:
 * the stale samples are dropped and the last-minute counters restart from the current view.
 */
export class VicidialAdaptivePacer implements Pacer {
  readonly name: AdaptiveConfig["algorithm"];
  readonly cadenceSeconds = 0.5;
  readonly decidesOnAgentReady = false;

  private readonly maxLevel: number;
  private readonly dropLimitPercent: number;
  private readonly intensity: number;
  private readonly targetDifference: number;
  private readonly placementSeconds: number;
  private currentLevel: number;

  private readonly readySamples = new Float64Array(ADAPT_SAMPLES);
  private readonly waitingSamples = new Float64Array(ADAPT_SAMPLES);
  private readonly agentSamples = new Float64Array(ADAPT_SAMPLES);
  private sampleCount = 0;
  private sampleHead = 0;

  private lastDecisionAt = Number.NEGATIVE_INFINITY;
  private nextSampleAt = 0;
  private nextUpdateAt = 0;
  private nextCheckAt = 0;
  private nextPlacementAt = 0;
  /** Cumulative counters at the previous drop check. */
  private minuteLive = 0;
  private minuteDropped = 0;

  constructor(config: AdaptiveConfig) {
    this.name = config.algorithm;
    this.maxLevel = Math.max(1, config.maxLevel);
    this.dropLimitPercent = config.dropLimitPercent;
    this.intensity = config.intensity;
    this.targetDifference = config.targetDifference;
    this.placementSeconds = config.cadenceSeconds;
    this.currentLevel = Math.min(this.maxLevel, Math.max(1, config.initialLevel));
  }

  /** The current dial level L. */
  get level(): number {
    return this.currentLevel;
  }

  copy(): Pacer {
    return copyOfPacer(this);
  }

  decide(view: DialerView): number {
    const now = view.now;
    if (now - this.lastDecisionAt > ADAPT_SAMPLES * ADAPT_SAMPLE_SECONDS) this.restart(view);
    this.lastDecisionAt = now;
    const due = now + DUE_EPSILON;
    if (due >= this.nextSampleAt) {
      this.sample(view);
      this.nextSampleAt = nextDue(this.nextSampleAt, ADAPT_SAMPLE_SECONDS, now);
    }
    if (due >= this.nextUpdateAt) {
      this.updateLevel();
      this.nextUpdateAt = nextDue(this.nextUpdateAt, ADAPT_UPDATE_SECONDS, now);
    }
    if (due >= this.nextCheckAt) {
      this.checkDrops(view);
      this.nextCheckAt = nextDue(this.nextCheckAt, ADAPT_DROP_CHECK_SECONDS, now);
    }
    if (due < this.nextPlacementAt) return 0;
    this.nextPlacementAt = nextDue(this.nextPlacementAt, this.placementSeconds, now);
    return callsForLevel(view, this.currentLevel);
  }

  private restart(view: DialerView): void {
    const now = view.now;
    this.sampleCount = 0;
    this.sampleHead = 0;
    this.nextSampleAt = now;
    this.nextUpdateAt = now + ADAPT_UPDATE_SECONDS;
    this.nextCheckAt = now + ADAPT_DROP_CHECK_SECONDS;
    this.nextPlacementAt = now;
    this.minuteLive = view.totals.live;
    this.minuteDropped = view.totals.dropped;
  }

  private sample(view: DialerView): void {
    const i = this.sampleHead;
    this.readySamples[i] = view.agents.ready;
    this.waitingSamples[i] = view.calls.waiting;
    this.agentSamples[i] = activeAgents(view);
    this.sampleHead = i + 1 === ADAPT_SAMPLES ? 0 : i + 1;
    if (this.sampleCount < ADAPT_SAMPLES) this.sampleCount++;
  }

  private updateLevel(): void {
    const count = this.sampleCount;
    if (count === 0) return;
    let ready = 0;
    let waiting = 0;
    let agents = 0;
    for (let i = 0; i < count; i++) {
      ready += this.readySamples[i];
      waiting += this.waitingSamples[i];
      agents += this.agentSamples[i];
    }
    if (agents <= 0) return;
    // The sums share the divisor `count`, which cancels out of m.
    const m = (ready - waiting + this.targetDifference * count) / agents;
    const p = 100 * m;
    const i = this.intensity / 100;
    const adjusted = p < 0 ? p * Math.abs(i - 1) : p * (1 + i);
    this.setLevel(this.currentLevel * (1 + adjusted / 100));
  }

  private checkDrops(view: DialerView): void {
    const totals = view.totals;
    const live = totals.live - this.minuteLive;
    const dropped = totals.dropped - this.minuteDropped;
    this.minuteLive = totals.live;
    this.minuteDropped = totals.dropped;
    if (live > MINUTE_MIN_LIVE && dropped > MINUTE_MAX_DROP_SHARE * live) {
      this.setLevel(this.currentLevel / 2);
    }
    const today = view.today;
    if (today.live > DAY_MIN_LIVE && today.dropped * 100 > this.dropLimitPercent * today.live) {
      switch (this.name) {
        case "vicidial-adapt-hard-limit":
          this.setLevel(1);
          break;
        case "vicidial-adapt-average":
          this.setLevel(this.currentLevel / 2);
          break;
        case "vicidial-adapt-tapered": {
          const hoursLeft = view.secondsToWindowEnd / 3600;
          this.setLevel(
            hoursLeft > 0 ? this.currentLevel * Math.min(1, hoursLeft / TAPER_HOURS) : 1,
          );
          break;
        }
      }
    }
  }

  private setLevel(level: number): void {
    this.currentLevel = level > this.maxLevel ? this.maxLevel : Math.max(level, 1);
  }
}
