export { AgentsAboutToFreePacer, nearlyFreeFrom } from "./agents-about-to-free.js";
export {
  BinomialPacer,
  expectedMinBinomial,
  expectedOverflowRatio,
  largestOverdial,
} from "./binomial.js";
export type {
  AboutToFreeConfig,
  AdaptiveConfig,
  AlgorithmName,
  BinomialConfig,
  GuardedConfig,
  LinesPerAgentConfig,
  LookaheadConfig,
  PacingConfig,
  ProgressiveConfig,
  RatioConfig,
} from "./config.js";
export { createPacer } from "./create-pacer.js";
export type {
  CandidateForecast,
  Forecaster,
  ForecastRequest,
  RecentOutcomes,
} from "./forecaster.js";
export { atRiskAllowance, GuardedPacer } from "./guarded.js";
export { LinesPerAgentPacer } from "./lines-per-agent.js";
export { candidatePacings, candidateTargets, LookaheadPacer } from "./lookahead.js";
export {
  chooseCandidate,
  estimateSilent,
  horizonsAfter,
  withinProbability,
} from "./lookahead-choice.js";
export { ElapsedTimes, Observation } from "./observation.js";
export type { Pacer } from "./pacer.js";
export { ProgressivePacer, progressiveCalls } from "./progressive.js";
export { VicidialAdaptivePacer } from "./vicidial-adaptive.js";
export { activeAgents, callsForLevel, VicidialRatioPacer } from "./vicidial-ratio.js";
export type { AgentCounts, CallCounts, DialerCounters, DialerView } from "./view.js";
export { callsInFlight } from "./view.js";
