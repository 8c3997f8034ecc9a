import type { ConsentMix } from "../consent/consent-mix.js";
import type { LeadConsent } from "../consent/consent-record.js";
import type { PacingConfig } from "../pacing/config.js";
import type { RuleSet } from "../rules/rule-set.js";
import type { DistributionSpec } from "../sim/distribution-spec.js";

/** What a dialed number does on one attempt. */
export type Outcome = "person" | "machine" | "busy" | "noAnswer" | "invalid";

export const OUTCOMES: readonly Outcome[] = ["person", "machine", "busy", "noAnswer", "invalid"];

/** Outcome probabilities; they sum to 1. */
export type OutcomeProbabilities = Readonly<Record<Outcome, number>>;

/** A campaign to simulate, as loaded from a scenario file with every default applied. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Default seed, overridden by `--seed`. */
  readonly seed: number;
  readonly calendar: {
    /** First day, `YYYY-MM-DD` (local time of the call centre). */
    readonly start: string;
    /** Number of calendar days the campaign may run. */
    readonly days: number;
    /** Holidays, `YYYY-MM-DD`: no calls. */
    readonly holidays: readonly string[];
    /**
     * The call centre's IANA time zone; needed only when leads carry time zones (calling hours
     * read on the called party's clock). Absent: every lead is in the centre's zone.
     */
    readonly timeZone?: string;
  };
  readonly rules: RuleSet;
  readonly agents: {
    readonly groups: readonly AgentGroup[];
    /** Conversation length with a person. */
    readonly talk: DistributionSpec;
    /** After-call work. */
    readonly wrapUp: DistributionSpec;
  };
  readonly leads: LeadSource;
  readonly outcomes: {
    /** Probabilities for hours without an override. */
    readonly probabilities: OutcomeProbabilities;
    /** Overrides by hour of day (0..23). */
    readonly byHour: Readonly<Partial<Record<number, OutcomeProbabilities>>>;
    /** Time from placing the call to the outcome (answer, busy tone, failure). `noAnswer` rings to the timeout. */
    readonly ring: Readonly<Record<Exclude<Outcome, "noAnswer">, DistributionSpec>>;
  };
  readonly dialer: {
    /** The dialer cancels a call still ringing after this many seconds. */
    readonly noAnswerTimeoutSeconds: number;
    /** Seconds a live answer may wait for an agent before the hang-up; at most the rule's. */
    readonly cutoffSeconds: number;
    readonly amd: AmdSettings;
  };
  readonly callee: {
    /** How long a person holds on without an agent before hanging up. */
    readonly patience: DistributionSpec;
    /** How long an agent spends on an answering machine AMD did not catch. */
    readonly machineMessage: DistributionSpec;
  };
  readonly retries: Readonly<Record<RetryOutcome, RetryRule>>;
  readonly pacing: PacingConfig;
  /** Seconds per row of the time series (default 900). */
  readonly intervalSeconds: number;
}

export interface AgentGroup {
  readonly count: number;
  /** Log-in time, seconds since local midnight. */
  readonly start: number;
  /** Log-out time, seconds since local midnight. */
  readonly end: number;
  readonly breaks: readonly { readonly start: number; readonly durationSeconds: number }[];
}

/**
 * The leads to dial. Without consent data (no `consent` fractions, no consent columns) every
 * lead consents to every channel and is not on the opt-out register.
 */
export type LeadSource =
  | {
      readonly kind: "count";
      readonly count: number;
      /** Fractions of generated leads the consent gate refuses, by kind. */
      readonly consentMix?: ConsentMix;
      /** Fractions of generated leads in each IANA time zone (summing to 1); absent: the centre's. */
      readonly timeZones?: Readonly<Record<string, number>>;
    }
  | {
      readonly kind: "file";
      readonly path: string;
      readonly numbers: readonly string[];
      /** Each lead's consent data, in the order of `numbers`, when the file has consent columns. */
      readonly consents?: readonly LeadConsent[];
      /** Each lead's IANA time zone ("" for the centre's), when the file has a time_zone column. */
      readonly timeZones?: readonly string[];
    };

export interface AmdSettings {
  readonly enabled: boolean;
  /** Time from answer to AMD's verdict. */
  readonly detection: DistributionSpec;
  /** Probability that a person is judged a machine (and hung up on: a silent call). */
  readonly falsePositiveRate: number;
  /** Probability that a machine is judged a person. */
  readonly falseNegativeRate: number;
  /**
   * Whether the dialer treats every AMD hang-up as a possible silent call: lock the number and
   * reserve an agent for the next call (YAML `lockAfterHangup`, default true). A dialer cannot
   * tell an AMD false positive from a machine, so without this its recontacts may breach the
   * lock-out, and the simulator counts them as violations.
   */
  readonly lockAfterHangup: boolean;
}

/** Outcomes after which a lead may be called again. */
export type RetryOutcome = "busy" | "noAnswer" | "machine" | "silent";

export interface RetryRule {
  /** Delay before the next attempt (for `silent`, the rule set's lock-out applies if longer). */
  readonly delaySeconds: number;
  /** Most attempts a lead gets in all when its last outcome was this one. */
  readonly maxAttempts: number;
}
