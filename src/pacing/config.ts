/**
 * Pacing settings as written in a scenario's `pacing` block, after defaults are applied.
 * Percentages are per 100 (3 means 3%).
 */
export type PacingConfig =
  | ProgressiveConfig
  | RatioConfig
  | AdaptiveConfig
  | LinesPerAgentConfig
  | AboutToFreeConfig
  | BinomialConfig
  | LookaheadConfig
  | GuardedConfig;

/** One call per ready agent. */
export interface ProgressiveConfig {
  readonly algorithm: "progressive";
}

/** VICIdial RATIO: `level` total lines per active agent, placed every 2.5 s. */
export interface RatioConfig {
  readonly algorithm: "vicidial-ratio";
  /** Lines per active agent, >= 1. */
  readonly level: number;
  /** Seconds between placements (VICIdial: 2.5). */
  readonly cadenceSeconds: number;
}

/** VICIdial ADAPT_HARD_LIMIT / ADAPT_TAPERED / ADAPT_AVERAGE. */
export interface AdaptiveConfig {
  readonly algorithm:
    | "vicidial-adapt-hard-limit"
    | "vicidial-adapt-tapered"
    | "vicidial-adapt-average";
  /** Starting level (default: PACING_DEFAULTS). */
  readonly initialLevel: number;
  /** Highest level (VICIdial's adaptive maximum level; default: PACING_DEFAULTS). */
  readonly maxLevel: number;
  /** Day's drop percentage that trips the limit (default: PACING_DEFAULTS). */
  readonly dropLimitPercent: number;
  /** Adaptive intensity I, -40..40 in VICIdial (default: PACING_DEFAULTS). */
  readonly intensity: number;
  /** Adaptive dial-level difference target (default: PACING_DEFAULTS). */
  readonly targetDifference: number;
  /** Seconds between placements (default: PACING_DEFAULTS). */
  readonly cadenceSeconds: number;
}

/** Lines per agent with abandon correction (Cisco style). */
export interface LinesPerAgentConfig {
  readonly algorithm: "lines-per-agent";
  /** Starting lines per agent (default: PACING_DEFAULTS). */
  readonly initial: number;
  /** Highest lines per agent (default: PACING_DEFAULTS). */
  readonly max: number;
  /** Target abandon percentage of live answers (default: PACING_DEFAULTS). */
  readonly targetPercent: number;
  /** Gain G (default: PACING_DEFAULTS). */
  readonly gain: number;
  /** Live answers between corrections (default: PACING_DEFAULTS). */
  readonly answersPerUpdate: number;
  /** Seconds between decisions (default: PACING_DEFAULTS). */
  readonly cadenceSeconds: number;
}

/** Agents about to free (Issabel style). */
export interface AboutToFreeConfig {
  readonly algorithm: "agents-about-to-free";
  /** Probability q at which a talking agent counts as nearly free (default: PACING_DEFAULTS). */
  readonly threshold: number;
  /** Completed conversations before leaving progressive mode (default: PACING_DEFAULTS). */
  readonly warmupTalks: number;
  /** Seconds between decisions (default: PACING_DEFAULTS). */
  readonly cadenceSeconds: number;
}

/** Binomial overdial with an abandon target. */
export interface BinomialConfig {
  readonly algorithm: "binomial";
  /** Target expected abandons per 100 live answers (default: PACING_DEFAULTS). */
  readonly targetPercent: number;
  /** Highest calls in flight per logged-in agent (default: PACING_DEFAULTS). */
  readonly maxLinesPerAgent: number;
  /** Calls placed before leaving progressive mode (default: PACING_DEFAULTS). */
  readonly warmupCalls: number;
  /** Seconds between decisions (default: PACING_DEFAULTS). */
  readonly cadenceSeconds: number;
}

/**
 * Lookahead: every `cadenceSeconds`, simulates the next `horizonMinutes` from what the dialer
 * observes, for progressive dialing and binomial overdial at `candidates` targets from
 * `minTargetPercent` to `maxTargetPercent`, and dials with the most productive one whose
 * campaign ends within the ceiling with probability >= `confidence`.
 */
export interface LookaheadConfig {
  readonly algorithm: "lookahead";
  /** Seconds between forecasts (default: PACING_DEFAULTS). */
  readonly cadenceSeconds: number;
  /** Minutes each forecast simulates (default: PACING_DEFAULTS). */
  readonly horizonMinutes: number;
  /** Lowest acceptable P(campaign ends within the ceiling) (default: PACING_DEFAULTS). */
  readonly confidence: number;
  /** Simulated futures per candidate and forecast (default: PACING_DEFAULTS). */
  readonly runs: number;
  /** Lowest binomial target among the candidates, per 100 (default: PACING_DEFAULTS). */
  readonly minTargetPercent: number;
  /** Highest binomial target among the candidates, per 100 (default: PACING_DEFAULTS). */
  readonly maxTargetPercent: number;
  /** Binomial candidates, spaced geometrically, besides progressive (default: PACING_DEFAULTS). */
  readonly candidates: number;
  /** Minutes of the campaign's own outcomes the estimates use (default: PACING_DEFAULTS). */
  readonly windowMinutes: number;
  /** Ceiling in silent calls per 100 (default: the rule set's). */
  readonly ceilingPer100: number;
  /** Denominator of the ceiling (default: the rule set's). */
  readonly denominator: "connected" | "answered";
}

/**
 * Wraps any pacer so that the campaign never ends above the ceiling: a call beyond the ready
 * agents is placed only while the record so far leaves room for it to go silent.
 */
export interface GuardedConfig {
  readonly algorithm: "guarded";
  /** The pacer whose proposals are guarded. */
  readonly inner: Exclude<PacingConfig, GuardedConfig>;
  /** Ceiling in silent calls per 100 (default: the rule set's). */
  readonly ceilingPer100: number;
  /** Denominator of the ceiling (default: the rule set's). */
  readonly denominator: "connected" | "answered";
}

export type AlgorithmName = PacingConfig["algorithm"];

/** VICIdial's three adaptive algorithms, which share their settings. */
export const ADAPTIVE_ALGORITHMS = [
  "vicidial-adapt-hard-limit",
  "vicidial-adapt-tapered",
  "vicidial-adapt-average",
] as const;

/** Every algorithm a guarded pacer may wrap. */
export const INNER_ALGORITHMS = [
  "progressive",
  "vicidial-ratio",
  ...ADAPTIVE_ALGORITHMS,
  "lines-per-agent",
  "agents-about-to-free",
  "binomial",
  "lookahead",
] as const;

/** Every algorithm a scenario may name. */
export const ALGORITHMS = [...INNER_ALGORITHMS, "guarded"] as const;

/**
 * The settings a scenario may leave out, with the values they then take: the one place they
 * are defined (the scenario schema fills them in; the interfaces above point here). A guarded
 * or lookahead pacer's ceiling and denominator default to the rule set's.
 */
export const PACING_DEFAULTS = {
  "vicidial-ratio": { cadenceSeconds: 2.5 },
  adaptive: {
    initialLevel: 1,
    maxLevel: 3,
    dropLimitPercent: 3,
    intensity: 0,
    targetDifference: 0,
    cadenceSeconds: 2.5,
  },
  "lines-per-agent": {
    initial: 1.5,
    max: 3,
    targetPercent: 3,
    gain: 1,
    answersPerUpdate: 100,
    cadenceSeconds: 1,
  },
  "agents-about-to-free": { threshold: 0.97, warmupTalks: 10, cadenceSeconds: 1 },
  binomial: { targetPercent: 3, maxLinesPerAgent: 3, warmupCalls: 50, cadenceSeconds: 1 },
  lookahead: {
    cadenceSeconds: 10,
    horizonMinutes: 15,
    confidence: 0.99,
    runs: 20,
    minTargetPercent: 1,
    maxTargetPercent: 20,
    candidates: 5,
    windowMinutes: 30,
  },
} as const satisfies {
  readonly "vicidial-ratio": Partial<RatioConfig>;
  readonly adaptive: Partial<AdaptiveConfig>;
  readonly "lines-per-agent": Partial<LinesPerAgentConfig>;
  readonly "agents-about-to-free": Partial<AboutToFreeConfig>;
  readonly binomial: Partial<BinomialConfig>;
  readonly lookahead: Partial<LookaheadConfig>;
};
