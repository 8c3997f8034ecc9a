/**
 * The silent-call rules as the simulator sees them. Rule sets are data (`rules/*.yaml`, read by
 * `src/rules/load-rule-set.ts`); this module only re-exports their type and the built-ins.
 */
import { BUILT_IN_RULE_SETS } from "../rules/built-in-rule-sets.js";
import { DEFAULT_RULE_SET_ID, type RuleSet } from "../rules/rule-set.js";

import type { Scenario } from "../scenario/scenario.js";
import type { CallResult } from "./call.js";

export type { CallingHours, DayWindow } from "../calendar/calendar.js";
export type { RuleSet } from "../rules/rule-set.js";

/**
 * Whether every later call to the number the same day needs an agent guaranteed after an
 * attempt that ended with `result` (UK: an AMD hang-up, which may have been a person).
 */
export function agentRequiredRestOfDay(rules: RuleSet, result: CallResult): boolean {
  return (
    rules.sameDayRepeatAfterAmdHangup === "agentGuaranteed" &&
    (result === "machine-hangup" || result === "silent-amd-false-positive")
  );
}

/**
 * Throws unless the dialer's no-answer timer lets a call ring for the rules' minimum ring. The
 * scenario schema says so with the file and line; this guards scenarios built in code.
 */
export function requireMinimumRing(scenario: Scenario): void {
  const minimumRing = scenario.rules.minimumRing?.seconds ?? 0;
  const timeout = scenario.dialer.noAnswerTimeoutSeconds;
  if (timeout < minimumRing) {
    throw new RangeError(
      `dialer.noAnswerTimeoutSeconds: expected a number >= ${minimumRing} (the minimum ring of rules ${scenario.rules.id}), got ${timeout}`,
    );
  }
}

/** Built-in rule sets by id. */
export const RULE_SETS: Readonly<Record<string, RuleSet>> = BUILT_IN_RULE_SETS;

/** Garante general measure of 20 Feb 2014 (`rules/it-garante-2014.yaml`), the default. */
export const IT_GARANTE_2014: RuleSet = BUILT_IN_RULE_SETS[DEFAULT_RULE_SET_ID];
