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
  /** Starting level (default 1). */
  readonly initialLevel: number;
  /** Highest level (VICIdial's adaptive maximum level, default 3). */
  readonly maxLevel: number;
  /** Day's drop percentage that trips the limit (default 3). */
  readonly dropLimitPercent: number;
  /** Adaptive intensity I, -40..40 in VICIdial (default 0). */
  readonly intensity: number;
  /** Adaptive dial-level difference target (default 0). */
  readonly targetDifference: number;
  /** Seconds between placements (default 2.5). */
  readonly cadenceSeconds: number;
}

/** Lines per agent with abandon correction (Cisco style). */
export interface LinesPerAgentConfig {
  readonly algorithm: "lines-per-agent";
  /** Starting lines per agent (default 1.5). */
  readonly initial: number;
  /** Highest lines per agent (default 3). */
  readonly max: number;
  /** Target abandon percentage of live answers (default 3). */
  readonly targetPercent: number;
  /** Gain G (default 1). */
  readonly gain: number;
  /** Live answers between corrections (default 100). */
  readonly answersPerUpdate: number;
  /** Seconds between decisions (default 1). */
  readonly cadenceSeconds: number;
}

/** Agents about to free (Issabel style). */
export interface AboutToFreeConfig {
  readonly algorithm: "agents-about-to-free";
  /** Probability q at which a talking agent counts as nearly free (default 0.97). */
  readonly threshold: number;
  /** Completed conversations before leaving progressive mode (default 10). */
  readonly warmupTalks: number;
  /** Seconds between decisions (default 1). */
  readonly cadenceSeconds: number;
}

/** Binomial overdial with an abandon target. */
export interface BinomialConfig {
  readonly algorithm: "binomial";
  /** Target expected abandons per 100 live answers (default 3). */
  readonly targetPercent: number;
  /** Highest calls in flight per logged-in agent (default 3). */
  readonly maxLinesPerAgent: number;
  /** Calls placed before leaving progressive mode (default 50). */
  readonly warmupCalls: number;
  /** Seconds between decisions (default 1). */
  readonly cadenceSeconds: number;
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
