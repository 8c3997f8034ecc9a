/**
 * Zod schema for a rule-set file (docs/rules.md): strict mappings, plain-words expectations,
 * and a transform to the resolved {@link RuleSet} (hours to seconds, "HH:MM" ranges to seconds
 * since midnight, defaults applied).
 */
import * as z from "zod";
import {
  addIssue,
  bool,
  describeNumber,
  ifClean,
  num,
  obj,
  oneOf,
  windowList,
} from "../io/read/schema-kit.js";
import {
  CALLING_HOURS_TIME_ZONES,
  CUTOFF_TIMER_STARTS,
  DENOMINATORS,
  RATIO_SCOPES,
  RATIO_WINDOWS,
  type RuleSet,
  SAME_DAY_REPEATS,
  SILENT_DEFINITIONS,
  WAITING_TREATMENTS,
} from "./rule-set.js";

const ID_EXPECTED = "an identifier of lower-case letters, digits and dashes, e.g. it-garante-2014";
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

const id = z.string({ error: ID_EXPECTED }).refine((s) => ID_RE.test(s), { error: ID_EXPECTED });

const VERSION_EXPECTED = 'a version string such as "1"';

// YAML reads `version: 1` as a number: accept it and keep its text.
const version = z
  .union([z.string(), z.number()], { error: VERSION_EXPECTED })
  .transform((v) => String(v).trim())
  .refine((s) => s.length > 0, { error: VERSION_EXPECTED });

const text = z.string({ error: "a string" });
const percent = num({ min: 0, max: 100 });

const cutoff = obj({
  seconds: num({ min: 0, max: 60 }),
  timerStarts: oneOf(CUTOFF_TIMER_STARTS),
});

const numerator = obj({
  counts: oneOf(SILENT_DEFINITIONS).default("notConnectedWithinCutoff"),
  amdFalsePositives: bool.default(true),
  amdFalsePositiveEstimatePercent: percent.default(0),
  machineDropEstimatePercent: percent.default(0),
});

const ceiling = obj({
  per100: num({ min: 0, max: 100 }),
  numerator: numerator.prefault({}),
  denominator: oneOf(DENOMINATORS, " (Italy: connected is the strict reading)"),
  window: oneOf(RATIO_WINDOWS),
  scope: oneOf(RATIO_SCOPES),
});

const DURING_LOCKOUT = ["noCalls", "agentGuaranteed"] as const;

const afterSilentCall = obj({
  lockoutHours: num({ min: 0, max: 24 * 366 }),
  duringLockout: oneOf(DURING_LOCKOUT).default("noCalls"),
  nextCallAgentGuaranteed: bool,
});

const afterAmdHangup = obj({
  sameDayRepeat: oneOf(SAME_DAY_REPEATS).default("allowed"),
});

const MINIMUM_RING_EXPECTED = "a mapping { seconds, rings } or null (no minimum ring)";

const minimumRing = z
  .union(
    [
      z.null(),
      obj({
        seconds: num({ gt: 0, max: 600 }),
        rings: num({ int: true, min: 1, max: 100 }).nullable().default(null),
      }),
    ],
    { error: MINIMUM_RING_EXPECTED },
  )
  .default(null);

const callingHours = obj({
  timeZone: oneOf(CALLING_HOURS_TIME_ZONES).default("callCentre"),
  weekday: windowList,
  saturday: windowList,
  sunday: windowList,
  holiday: windowList,
  dayBeforeHoliday: windowList,
});

const retention = obj({ years: num({ gt: 0, max: 100 }) });

export const RULE_SET_KEYS = [
  "id",
  "version",
  "title",
  "source",
  "cutoff",
  "ceiling",
  "whileWaiting",
  "afterSilentCall",
  "afterAmdHangup",
  "minimumRing",
  "callingHours",
  "retention",
] as const;

/** The YAML form of a rule set, resolved to a {@link RuleSet}. */
export const ruleSetSchema = obj(
  {
    id,
    version,
    title: text.default(""),
    source: text.default(""),
    cutoff,
    ceiling,
    whileWaiting: oneOf(WAITING_TREATMENTS),
    afterSilentCall,
    afterAmdHangup: afterAmdHangup.prefault({}),
    minimumRing,
    callingHours,
    retention,
  },
  `a mapping of rule-set keys (${RULE_SET_KEYS.join(", ")})`,
)
  .superRefine((r, ctx) => {
    // A guaranteed call "during" a lock-out of no length is a contradiction, most likely a slip.
    if (
      r.afterSilentCall.duringLockout === "agentGuaranteed" &&
      r.afterSilentCall.lockoutHours === 0
    ) {
      addIssue(ctx, `${describeNumber({ gt: 0 })} when duringLockout is agentGuaranteed`, 0, [
        "afterSilentCall",
        "lockoutHours",
      ]);
    }
  }, ifClean)
  .transform(
    (r): RuleSet => ({
      id: r.id,
      version: r.version,
      title: r.title,
      source: r.source,
      ceilingPer100: r.ceiling.per100,
      denominator: r.ceiling.denominator,
      cutoffLimitSeconds: r.cutoff.seconds,
      lockoutSeconds: r.afterSilentCall.lockoutHours * 3600,
      guaranteeAgentAfterSilent: r.afterSilentCall.nextCallAgentGuaranteed,
      callingHours: {
        weekday: r.callingHours.weekday,
        saturday: r.callingHours.saturday,
        sunday: r.callingHours.sunday,
        holiday: r.callingHours.holiday,
        dayBeforeHoliday: r.callingHours.dayBeforeHoliday,
      },
      cutoffTimerStart: r.cutoff.timerStarts,
      numerator: r.ceiling.numerator,
      window: r.ceiling.window,
      scope: r.ceiling.scope,
      whileWaiting: r.whileWaiting,
      lockoutAllowsGuaranteedCall: r.afterSilentCall.duringLockout === "agentGuaranteed",
      sameDayRepeatAfterAmdHangup: r.afterAmdHangup.sameDayRepeat,
      minimumRing: r.minimumRing,
      callingHoursTimeZone: r.callingHours.timeZone,
      retentionYears: r.retention.years,
    }),
  );
