/**
 * The silent-call rules a campaign runs under and an audit checks against, as read from a
 * rule-set file (`rules/*.yaml`, docs/rules.md) by `load-rule-set.ts`. Plain data (no methods),
 * so a rule set crosses to worker threads unchanged.
 *
 * The first fields are the core the simulator has always enforced; the rest describe the rule
 * in full, and the simulator enforces the lock-out exception, the same-day rule, the minimum
 * ring and the calling hours' time zone among them too (docs/rules.md, "What is enforced where").
 */
import type { CallingHours } from "../calendar/calendar.js";

export interface RuleSet {
  /** Identifier, e.g. `it-garante-2014`. */
  readonly id: string;
  /** Version of this rule set's encoding, recorded in every result. */
  readonly version: string;
  /** What the rule set encodes, in a line. */
  readonly title: string;
  /** The texts it follows, as cited in the file. */
  readonly source: string;

  // --- Enforced by the simulator -------------------------------------------------------------

  /** Highest silent calls per 100 calls of the denominator. */
  readonly ceilingPer100: number;
  /** `connected`: calls put through to an operator (strict); `answered`: all live answers. */
  readonly denominator: Denominator;
  /**
   * The rule's cut-off limit: the longest a silent call may be held after the timer starts
   * before the dialer hangs up. A dialer's own cut-off (`Scenario.dialer.cutoffSeconds`) may be
   * shorter, never longer.
   */
  readonly cutoffLimitSeconds: number;
  /** Seconds a number is locked after a silent call (Italy: 5 days; 0: none). */
  readonly lockoutSeconds: number;
  /** Whether the first call after the lock-out must have an agent reserved before it is placed. */
  readonly guaranteeAgentAfterSilent: boolean;
  /** Calling hours by kind of day. */
  readonly callingHours: CallingHours;

  // --- The rest of the rule ------------------------------------------------------------------

  /** Where the cut-off timer starts. */
  readonly cutoffTimerStart: CutoffTimerStart;
  /** What counts as a silent (abandoned) call in the ratio. */
  readonly numerator: Numerator;
  /** The stretch of time one ratio covers. */
  readonly window: RatioWindow;
  /** Whose calls one ratio covers. */
  readonly scope: RatioScope;
  /** What a person held without an agent must hear. */
  readonly whileWaiting: WaitingTreatment;
  /**
   * Whether a call inside the lock-out is allowed when an agent is guaranteed for it (UK: a
   * repeat call within 72 h only with a dedicated agent). When false no call may be placed
   * inside the lock-out at all (Italy).
   */
  readonly lockoutAllowsGuaranteedCall: boolean;
  /** After an AMD hang-up: may the number be called again the same day without an agent? */
  readonly sameDayRepeatAfterAmdHangup: SameDayRepeat;
  /** Shortest ring before the dialer may give up on an unanswered call; null: not set. */
  readonly minimumRing: MinimumRing | null;
  /** Whose clock the calling hours are read on. */
  readonly callingHoursTimeZone: CallingHoursTimeZone;
  /** Years the statistical reports must be kept. */
  readonly retentionYears: number;
}

export const DENOMINATORS = ["connected", "answered"] as const;
export type Denominator = (typeof DENOMINATORS)[number];

/** `answer`: the call is answered; `speechStart`: the person starts to speak; `greetingEnd`: the person's greeting ends. */
export const CUTOFF_TIMER_STARTS = ["answer", "speechStart", "greetingEnd"] as const;
export type CutoffTimerStart = (typeof CUTOFF_TIMER_STARTS)[number];

/**
 * `notConnectedWithinCutoff`: an answered call not put through to an agent within the cut-off
 * (a late connection counts); `notConnected`: an answered call never put through to an agent.
 */
export const SILENT_DEFINITIONS = ["notConnectedWithinCutoff", "notConnected"] as const;
export type SilentDefinition = (typeof SILENT_DEFINITIONS)[number];

export interface Numerator {
  readonly counts: SilentDefinition;
  /** Whether a person hung up on by answering-machine detection counts as a silent call. */
  readonly amdFalsePositives: boolean;
  /**
   * Percentage of AMD hang-ups whose truth the records cannot show that is presumed to have
   * been a person, added to the silent calls (and live answers). UK: Ofcom's reasoned estimate
   * of AMD false positives. 0: add nothing.
   */
  readonly amdFalsePositiveEstimatePercent: number;
  /**
   * Percentage of silent calls presumed to have reached an answering machine, deducted from the
   * silent calls (and live answers): Ofcom's reasoned estimate for dialers without AMD, which
   * drop calls before knowing whether a person answered. 0: deduct nothing.
   */
  readonly machineDropEstimatePercent: number;
}

/**
 * `campaign`: everything a campaign did; `calendarDay`: each day; `rolling30Days`: every 30 days
 * ending on a day with calls; `successive30Days`: consecutive 30-day blocks from the first day
 * with calls.
 */
export const RATIO_WINDOWS = [
  "campaign",
  "calendarDay",
  "rolling30Days",
  "successive30Days",
] as const;
export type RatioWindow = (typeof RATIO_WINDOWS)[number];

export const RATIO_SCOPES = ["campaign", "callCentre"] as const;
export type RatioScope = (typeof RATIO_SCOPES)[number];

export const WAITING_TREATMENTS = ["comfortNoise", "informationMessage"] as const;
export type WaitingTreatment = (typeof WAITING_TREATMENTS)[number];

/** `allowed`: no restriction; `agentGuaranteed`: a same-day repeat only with an agent reserved. */
export const SAME_DAY_REPEATS = ["allowed", "agentGuaranteed"] as const;
export type SameDayRepeat = (typeof SAME_DAY_REPEATS)[number];

export const CALLING_HOURS_TIME_ZONES = ["callCentre", "calledParty"] as const;
export type CallingHoursTimeZone = (typeof CALLING_HOURS_TIME_ZONES)[number];

/** A minimum ring: either limit satisfies the rule (US: 15 s or 4 rings). */
export interface MinimumRing {
  readonly seconds: number;
  /** Rings, where the rule also allows a count of rings; records cannot show rings. */
  readonly rings: number | null;
}

/** The built-in rule set a scenario or an audit uses unless told otherwise. */
export const DEFAULT_RULE_SET_ID = "it-garante-2014";
