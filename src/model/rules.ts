/**
 * The silent-call rules a campaign runs under. Issue: the compliance work will load these from
 * data files; until then the Italian preset below is the only built-in one.
 */
export interface RuleSet {
  /** Identifier, e.g. `it-garante-2014`. */
  readonly id: string;
  /** Version of this rule set's encoding, recorded in every result. */
  readonly version: string;
  /** Highest silent calls per 100 calls of the denominator. */
  readonly ceilingPer100: number;
  /** `connected`: calls put through to an operator (strict); `answered`: all live answers. */
  readonly denominator: "connected" | "answered";
  /** Longest a silent call may be held after the answer before the dialer hangs up. */
  readonly cutoffSeconds: number;
  /** Seconds a number is locked after a silent call (Italy: 5 days). */
  readonly lockoutSeconds: number;
  /** Whether the next call after a lock-out must have an agent reserved before it is placed. */
  readonly guaranteeAgentAfterSilent: boolean;
  /** Calling hours by kind of day. */
  readonly callingHours: CallingHours;
}

/** A window of the day, in seconds since local midnight: [start, end). */
export interface DayWindow {
  readonly start: number;
  readonly end: number;
}

export interface CallingHours {
  readonly weekday: readonly DayWindow[];
  readonly saturday: readonly DayWindow[];
  readonly sunday: readonly DayWindow[];
  readonly holiday: readonly DayWindow[];
  /** Days before a holiday (Italy's code of conduct treats them like Saturdays). */
  readonly dayBeforeHoliday: readonly DayWindow[];
}

const hours = (from: number, to: number): DayWindow[] => [{ start: from * 3600, end: to * 3600 }];

/**
 * Garante general measure of 20 Feb 2014. Calling hours follow the code of conduct and are
 * unconfirmed: scenarios may override them.
 */
export const IT_GARANTE_2014: RuleSet = {
  id: "it-garante-2014",
  version: "1",
  ceilingPer100: 3,
  denominator: "connected",
  cutoffSeconds: 3,
  lockoutSeconds: 5 * 86_400,
  guaranteeAgentAfterSilent: true,
  callingHours: {
    weekday: hours(9, 20),
    saturday: hours(10, 19),
    sunday: [],
    holiday: [],
    dayBeforeHoliday: hours(10, 19),
  },
};

/** Built-in rule sets by id. */
export const RULE_SETS: Readonly<Record<string, RuleSet>> = {
  [IT_GARANTE_2014.id]: IT_GARANTE_2014,
};
