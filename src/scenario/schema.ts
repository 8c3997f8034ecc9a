/**
 * Zod schemas for the YAML form of a scenario (docs/scenario.md). Every object is strict, every
 * leaf carries a plain-words description of what it expects, and the schemas transform the YAML
 * form into the resolved types of `scenario.ts` (minutes and "HH:MM" to seconds, defaults
 * applied). What is left for the loader is reading files the scenario names: its leads and a
 * rule-set file. Shared building blocks are in `src/io/read/schema-kit.ts`.
 */
import * as z from "zod";
import type { DayWindow } from "../calendar/calendar.js";
import { isTimeZone, TIME_ZONE_EXPECTED } from "../calendar/local-time.js";
import { CONSENT_MIX_KINDS, type ConsentMix, type ConsentMixKind } from "../consent/consent-mix.js";
import {
  addIssue,
  bool,
  type Ctx,
  describeNumber,
  formatTimeOfDay,
  ifClean,
  isoDate,
  num,
  obj,
  oneOf,
  parseTimeRange,
  probability,
  timeOfDay,
  timeRange,
  windowList,
} from "../io/read/schema-kit.js";
import {
  ADAPTIVE_ALGORITHMS,
  ALGORITHMS,
  type GuardedConfig,
  INNER_ALGORITHMS,
  PACING_DEFAULTS,
  type PacingConfig,
} from "../pacing/config.js";
import {
  BUILT_IN_RULE_SETS,
  isRuleSetFileName,
  RULE_SET_REFERENCE_EXPECTED,
} from "../rules/built-in-rule-sets.js";
import { DEFAULT_RULE_SET_ID, DENOMINATORS, type RuleSet } from "../rules/rule-set.js";
import { DistributionParameterError } from "../sim/distribution-error.js";
import type { DistributionSpec } from "../sim/distribution-spec.js";
import { sampler } from "../sim/distributions.js";
import type { AgentGroup, Outcome, OutcomeProbabilities, RetryRule, Scenario } from "./scenario.js";

export {
  describeNumber,
  fallbackExpected,
  formatTimeOfDay,
  isoDate,
  type NumberConstraints,
  parseTimeOfDay,
  parseTimeRange,
} from "../io/read/schema-kit.js";

// ---------------------------------------------------------------------------------------------
// Distributions.

export const DISTRIBUTION_KINDS = [
  "fixed",
  "uniform",
  "exponential",
  "normal",
  "lognormal",
  "gamma",
  "weibull",
  "empirical",
] as const;

const DIST_EXPECTED =
  "a distribution in seconds: a mapping such as { dist: exponential, mean: 20 }, or a number >= 0 (a fixed value)";

const uniformDist = obj({
  dist: z.literal("uniform"),
  min: num({ min: 0 }),
  max: num({ min: 0 }),
}).superRefine((d, ctx) => {
  if (d.max < d.min) addIssue(ctx, `a number >= min (${d.min})`, d.max, ["max"]);
}, ifClean);

const distributionUnion = z
  .discriminatedUnion(
    "dist",
    [
      obj({ dist: z.literal("fixed"), value: num({ min: 0 }) }),
      uniformDist,
      obj({ dist: z.literal("exponential"), mean: num({ gt: 0 }) }),
      obj({ dist: z.literal("normal"), mean: num(), sd: num({ min: 0 }) }),
      obj({ dist: z.literal("lognormal"), mean: num({ gt: 0 }), sd: num({ min: 0 }) }),
      obj({ dist: z.literal("gamma"), shape: num({ gt: 0 }), scale: num({ gt: 0 }) }),
      obj({ dist: z.literal("weibull"), shape: num({ gt: 0 }), scale: num({ gt: 0 }) }),
      obj({
        dist: z.literal("empirical"),
        values: z
          .array(num({ min: 0 }), { error: "a non-empty list of numbers >= 0" })
          .min(1, { error: "a non-empty list of numbers >= 0" }),
      }),
    ],
    {
      error: (iss) =>
        iss.code === "invalid_union" ? `one of ${DISTRIBUTION_KINDS.join(", ")}` : DIST_EXPECTED,
    },
  )
  .superRefine((spec, ctx) => {
    // Whatever the samplers would refuse at run time (a normal almost entirely below 0, draws
    // or a mean that overflow), blamed on the parameter the sampler names.
    try {
      sampler(spec, () => 0.5);
    } catch (e) {
      if (!(e instanceof DistributionParameterError)) throw e;
      addIssue(ctx, e.expected, e.value, [e.param]);
    }
  }, ifClean);

/** A distribution in seconds; a bare number is shorthand for `{ dist: fixed, value: N }`. */
export const distribution: z.ZodType<DistributionSpec, unknown> = z.preprocess(
  (v) => (typeof v === "number" ? { dist: "fixed", value: v } : v),
  distributionUnion,
);

const fixedDist = (value: number) => ({ dist: "fixed" as const, value });

// ---------------------------------------------------------------------------------------------
// Rules.

const PRESET_EXPECTED = RULE_SET_REFERENCE_EXPECTED;
const FILE_EXPECTED = "a rule-set file path (.yaml) relative to the scenario file";

const callingHours = obj({
  weekday: windowList.optional(),
  saturday: windowList.optional(),
  sunday: windowList.optional(),
  holiday: windowList.optional(),
  dayBeforeHoliday: windowList.optional(),
});

/** Rule-set files the loader has read, by the path as the scenario writes it. */
export type RuleSetFiles = ReadonlyMap<string, RuleSet>;

/**
 * The rule-set file a scenario's `rules` block names (`rules: my.yaml` or `rules: { file: ... }`),
 * with the key path that names it; undefined when it names a built-in or nothing readable. The
 * loader reads that file before validation, so the schema itself stays free of I/O.
 */
export function ruleSetFileReference(
  raw: unknown,
): { readonly file: string; readonly keyPath: readonly string[] } | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const rules = (raw as Record<string, unknown>).rules;
  if (typeof rules === "string" && isRuleSetFileName(rules)) {
    return { file: rules, keyPath: ["rules"] };
  }
  if (typeof rules === "object" && rules !== null) {
    const { file, preset } = rules as Record<string, unknown>;
    // With a preset too, the schema reports the conflict: no file to read.
    if (typeof file === "string" && file.trim() !== "" && preset === undefined) {
      return { file, keyPath: ["rules", "file"] };
    }
  }
  return undefined;
}

function rulesObject(files: RuleSetFiles) {
  return obj(
    {
      preset: z
        .string({ error: PRESET_EXPECTED })
        .refine((k) => Object.hasOwn(BUILT_IN_RULE_SETS, k), { error: PRESET_EXPECTED })
        .optional(),
      file: z.string({ error: FILE_EXPECTED }).min(1, { error: FILE_EXPECTED }).optional(),
      ceilingPer100: num({ min: 0, max: 100 }).optional(),
      denominator: oneOf(DENOMINATORS).optional(),
      cutoffSeconds: num({ min: 0 }).optional(),
      lockoutDays: num({ min: 0 }).optional(),
      guaranteeAgentAfterSilent: bool.optional(),
      callingHours: callingHours.optional(),
    },
    `${PRESET_EXPECTED}, or a mapping { preset or file, ceilingPer100, denominator, cutoffSeconds, lockoutDays, guaranteeAgentAfterSilent, callingHours }`,
  ).transform((r, ctx): RuleSet => {
    if (r.preset !== undefined && r.file !== undefined) {
      addIssue(ctx, "either preset or file, not both", undefined, ["file"], "file next to preset");
      return z.NEVER;
    }
    let base: RuleSet | undefined;
    if (r.file !== undefined) {
      base = files.get(r.file);
      if (base === undefined) {
        addIssue(ctx, `${FILE_EXPECTED}, read by the scenario loader`, r.file, ["file"]);
        return z.NEVER;
      }
    } else if (r.preset !== undefined) {
      base = BUILT_IN_RULE_SETS[r.preset];
    } else {
      addIssue(ctx, `${PRESET_EXPECTED} (key preset, or file for a file)`, undefined, ["preset"]);
      return z.NEVER;
    }
    const hours = r.callingHours ?? {};
    return {
      ...base,
      ceilingPer100: r.ceilingPer100 ?? base.ceilingPer100,
      denominator: r.denominator ?? base.denominator,
      // YAML `rules.cutoffSeconds` overrides the rule's limit (the dialer's is `dialer.cutoffSeconds`).
      cutoffLimitSeconds: r.cutoffSeconds ?? base.cutoffLimitSeconds,
      lockoutSeconds: r.lockoutDays === undefined ? base.lockoutSeconds : r.lockoutDays * 86_400,
      guaranteeAgentAfterSilent: r.guaranteeAgentAfterSilent ?? base.guaranteeAgentAfterSilent,
      callingHours: {
        weekday: hours.weekday ?? base.callingHours.weekday,
        saturday: hours.saturday ?? base.callingHours.saturday,
        sunday: hours.sunday ?? base.callingHours.sunday,
        holiday: hours.holiday ?? base.callingHours.holiday,
        dayBeforeHoliday: hours.dayBeforeHoliday ?? base.callingHours.dayBeforeHoliday,
      },
    };
  });
}

/** A built-in id or a file name, or a mapping `{ preset | file, ...overrides }`. */
function rulesBlock(files: RuleSetFiles) {
  return z
    .preprocess(
      (v) => (typeof v === "string" ? (isRuleSetFileName(v) ? { file: v } : { preset: v }) : v),
      rulesObject(files),
    )
    .default(() => BUILT_IN_RULE_SETS[DEFAULT_RULE_SET_ID]);
}

// ---------------------------------------------------------------------------------------------
// Calendar.

/** An IANA time zone name, checked against the runtime's time-zone database. */
const timeZone = z
  .string({ error: TIME_ZONE_EXPECTED })
  .refine(isTimeZone, { error: TIME_ZONE_EXPECTED });

const calendar = obj({
  start: isoDate,
  days: num({ int: true, min: 1, max: 366 }).default(1),
  holidays: z.array(isoDate, { error: "a list of dates YYYY-MM-DD" }).default([]),
  timeZone: timeZone.optional(),
});

// ---------------------------------------------------------------------------------------------
// Agents.

const MAX_AGENTS = 100_000;
const agentCount = num({ int: true, min: 1, max: MAX_AGENTS });
const DEFAULT_SHIFT = "09:00-17:00";
const breakSchema = obj({ at: timeOfDay, minutes: num({ gt: 0 }) });
const breaks = z.array(breakSchema, { error: "a list of breaks { at: HH:MM, minutes: N }" });

const group = obj({
  count: agentCount,
  shift: timeRange.optional(),
  breaks: breaks.optional(),
});

type BreakInput = { at: number; minutes: number };

/** Checks breaks against the shift (inside it, not overlapping) and builds the group. */
function buildGroup(
  ctx: Ctx,
  path: PropertyKey[],
  count: number,
  shift: DayWindow | undefined,
  breakList: readonly BreakInput[] | undefined,
): AgentGroup {
  const { start, end } = shift ?? (parseTimeRange(DEFAULT_SHIFT) as DayWindow);
  const list = (breakList ?? []).map((b, i) => ({
    index: i,
    start: b.at,
    durationSeconds: b.minutes * 60,
  }));
  for (const b of list) {
    if (b.start < start || b.start + b.durationSeconds > end) {
      addIssue(
        ctx,
        `a break inside the shift ${formatTimeOfDay(start)}-${formatTimeOfDay(end)}`,
        undefined,
        [...path, "breaks", b.index],
        `a break ${formatTimeOfDay(b.start)}-${formatTimeOfDay(b.start + b.durationSeconds)}`,
      );
    }
  }
  const sorted = [...list].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.start < prev.start + prev.durationSeconds) {
      addIssue(
        ctx,
        `a break that does not overlap the one at ${formatTimeOfDay(prev.start)}`,
        undefined,
        [...path, "breaks", cur.index],
        `a break starting at ${formatTimeOfDay(cur.start)}`,
      );
    }
  }
  return {
    count,
    start,
    end,
    breaks: sorted.map((b) => ({ start: b.start, durationSeconds: b.durationSeconds })),
  };
}

const agents = obj({
  count: agentCount.optional(),
  shift: timeRange.optional(),
  breaks: breaks.optional(),
  groups: z
    .array(group, { error: "a non-empty list of groups { count, shift, breaks }" })
    .min(1, { error: "a non-empty list of groups { count, shift, breaks }" })
    .optional(),
  talk: distribution,
  wrapUp: distribution.default(fixedDist(0)),
}).transform((a, ctx): Scenario["agents"] => {
  let groups: AgentGroup[] = [];
  if (a.groups !== undefined) {
    for (const key of ["count", "shift", "breaks"] as const) {
      if (a[key] !== undefined) {
        addIssue(
          ctx,
          "either count (with shift and breaks) or groups, not both: give shift and breaks per group",
          undefined,
          [key],
          `${key} next to groups`,
        );
      }
    }
    groups = a.groups.map((g, i) => buildGroup(ctx, ["groups", i], g.count, g.shift, g.breaks));
  } else if (a.count === undefined) {
    addIssue(
      ctx,
      `${describeNumber({ int: true, min: 1, max: MAX_AGENTS })} (or a list of groups)`,
      undefined,
      ["count"],
    );
  } else {
    groups = [buildGroup(ctx, [], a.count, a.shift, a.breaks)];
  }
  return { groups, talk: a.talk, wrapUp: a.wrapUp };
});

// ---------------------------------------------------------------------------------------------
// Leads.

export const MAX_LEADS = 10_000_000;

/** Leads as the schema resolves them: the loader reads `file` (relative to the scenario). */
export type LeadsDraft =
  | {
      readonly kind: "count";
      readonly count: number;
      readonly consentMix?: ConsentMix;
      readonly timeZones?: Readonly<Record<string, number>>;
    }
  | { readonly kind: "file"; readonly file: string };

const TIME_ZONE_MIX_EXPECTED =
  "a mapping from IANA time zone (e.g. America/Chicago) to the fraction of leads in it, summing to 1";

/** Fractions of generated leads by time zone. */
const timeZoneMix = z
  .record(z.string(), probability, { error: TIME_ZONE_MIX_EXPECTED })
  .superRefine((m, ctx) => {
    for (const zone of Object.keys(m)) {
      if (!isTimeZone(zone)) addIssue(ctx, TIME_ZONE_EXPECTED, zone, [zone], JSON.stringify(zone));
    }
    const sum = Object.values(m).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      addIssue(
        ctx,
        TIME_ZONE_MIX_EXPECTED,
        undefined,
        [],
        `a sum of ${Number(sum.toPrecision(12))}`,
      );
    }
  }, ifClean);

const consentMix = obj(
  Object.fromEntries(CONSENT_MIX_KINDS.map((k) => [k, probability.default(0)])) as Record<
    ConsentMixKind,
    z.ZodDefault<typeof probability>
  >,
).superRefine((m, ctx) => {
  const sum = CONSENT_MIX_KINDS.reduce((s, k) => s + m[k], 0);
  if (sum > 1 + SUM_TOLERANCE) {
    addIssue(
      ctx,
      `fractions ${CONSENT_MIX_KINDS.join(", ")} summing to at most 1`,
      undefined,
      [],
      `a sum of ${Number(sum.toPrecision(12))}`,
    );
  }
}, ifClean);

const leads = obj({
  count: num({ int: true, min: 1, max: MAX_LEADS }).optional(),
  file: z
    .string({ error: "a CSV file path relative to the scenario file" })
    .min(1, { error: "a CSV file path relative to the scenario file" })
    .optional(),
  consent: consentMix.optional(),
  timeZones: timeZoneMix.optional(),
}).transform((l, ctx): LeadsDraft => {
  if (l.count !== undefined && l.file !== undefined) {
    addIssue(ctx, "either count or file, not both", undefined, ["file"], "file next to count");
    return z.NEVER;
  }
  if (l.file !== undefined && l.consent !== undefined) {
    addIssue(
      ctx,
      "consent fractions only with count (a leads file gives each lead's consents in its columns)",
      undefined,
      ["consent"],
      "consent next to file",
    );
    return z.NEVER;
  }
  if (l.file !== undefined && l.timeZones !== undefined) {
    addIssue(
      ctx,
      "time-zone fractions only with count (a leads file gives each lead's zone in a time_zone column)",
      undefined,
      ["timeZones"],
      "timeZones next to file",
    );
    return z.NEVER;
  }
  if (l.file !== undefined) return { kind: "file", file: l.file };
  if (l.count !== undefined) {
    return {
      kind: "count",
      count: l.count,
      ...(l.consent === undefined ? {} : { consentMix: l.consent }),
      ...(l.timeZones === undefined ? {} : { timeZones: l.timeZones }),
    };
  }
  addIssue(
    ctx,
    `a lead count (${describeNumber({ int: true, min: 1, max: MAX_LEADS })}) or a file`,
    undefined,
    ["count"],
  );
  return z.NEVER;
});

// ---------------------------------------------------------------------------------------------
// Outcomes.

const OUTCOME_KEYS: readonly Outcome[] = ["person", "machine", "busy", "noAnswer", "invalid"];
const SUM_TOLERANCE = 1e-6;

function checkSum(p: OutcomeProbabilities, ctx: Ctx, path: PropertyKey[]): void {
  const sum = OUTCOME_KEYS.reduce((s, k) => s + p[k], 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    addIssue(
      ctx,
      "probabilities of person, machine, busy, noAnswer and invalid summing to 1",
      undefined,
      path,
      `a sum of ${Number(sum.toPrecision(12))}`,
    );
  }
}

const hourProbabilities = obj({
  person: probability,
  machine: probability,
  busy: probability,
  noAnswer: probability,
  invalid: probability,
}).superRefine((p, ctx) => checkSum(p, ctx, []), ifClean);

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));
const byHour = obj(
  Object.fromEntries(HOURS.map((h) => [h, hourProbabilities.optional()])) as Record<
    string,
    z.ZodOptional<typeof hourProbabilities>
  >,
  'a mapping from hour of day ("0" to "23") to { person, machine, busy, noAnswer, invalid }',
);

const outcomes = obj({
  person: obj({ probability, ring: distribution }),
  machine: obj({ probability, ring: distribution }),
  busy: obj({ probability, ring: distribution.default({ dist: "uniform", min: 2, max: 6 }) }),
  noAnswer: obj(
    { probability },
    undefined,
    "noAnswer has no ring: it rings until dialer.noAnswerTimeoutSeconds",
  ),
  invalid: obj({ probability, ring: distribution.default(fixedDist(2)) }),
  byHour: byHour.default({}),
}).transform((o, ctx): Scenario["outcomes"] => {
  const probabilities: OutcomeProbabilities = {
    person: o.person.probability,
    machine: o.machine.probability,
    busy: o.busy.probability,
    noAnswer: o.noAnswer.probability,
    invalid: o.invalid.probability,
  };
  checkSum(probabilities, ctx, []);
  const hours: Partial<Record<number, OutcomeProbabilities>> = {};
  for (const [h, p] of Object.entries(o.byHour)) if (p !== undefined) hours[Number(h)] = p;
  return {
    probabilities,
    byHour: hours,
    ring: {
      person: o.person.ring,
      machine: o.machine.ring,
      busy: o.busy.ring,
      invalid: o.invalid.ring,
    },
  };
});

// ---------------------------------------------------------------------------------------------
// Dialer, callee, retries.

const amd = obj({
  enabled: bool.default(false),
  detection: distribution.default({ dist: "uniform", min: 1.5, max: 3 }),
  falsePositiveRate: probability.default(0.02),
  falseNegativeRate: probability.default(0.1),
  lockAfterHangup: bool.default(true),
});

const dialer = obj({
  noAnswerTimeoutSeconds: num({ gt: 0 }).default(25),
  cutoffSeconds: num({ min: 0 }).optional(),
  amd: amd.prefault({}),
});

const callee = obj({
  patience: distribution.default({ dist: "exponential", mean: 30 }),
  machineMessage: distribution.default(fixedDist(15)),
});

function retryRule(delayMinutes: number, maxAttempts: number) {
  return obj({
    delayMinutes: num({ min: 0 }).default(delayMinutes),
    maxAttempts: num({ int: true, min: 1 }).default(maxAttempts),
  })
    .transform(
      (r): RetryRule => ({ delaySeconds: r.delayMinutes * 60, maxAttempts: r.maxAttempts }),
    )
    .prefault({});
}

const retries = obj({
  busy: retryRule(30, 3),
  noAnswer: retryRule(120, 3),
  machine: retryRule(240, 2),
  silent: retryRule(0, 2),
});

// ---------------------------------------------------------------------------------------------
// Pacing.

const cadence = (seconds: number) => num({ gt: 0 }).default(seconds);
const percent = (d: number) => num({ gt: 0, max: 100 }).default(d);

const ratio = PACING_DEFAULTS["vicidial-ratio"];
const adaptive = PACING_DEFAULTS.adaptive;
const lpa = PACING_DEFAULTS["lines-per-agent"];
const aboutToFree = PACING_DEFAULTS["agents-about-to-free"];
const binomial = PACING_DEFAULTS.binomial;
const lookahead = PACING_DEFAULTS.lookahead;

const innerOptions = [
  obj({ algorithm: z.literal("progressive") }),
  obj({
    algorithm: z.literal("vicidial-ratio"),
    level: num({ min: 1 }),
    cadenceSeconds: cadence(ratio.cadenceSeconds),
  }),
  obj({
    algorithm: z.enum(ADAPTIVE_ALGORITHMS),
    initialLevel: num({ min: 1 }).default(adaptive.initialLevel),
    maxLevel: num({ min: 1 }).default(adaptive.maxLevel),
    dropLimitPercent: percent(adaptive.dropLimitPercent),
    intensity: num({ min: -40, max: 40 }).default(adaptive.intensity),
    targetDifference: num().default(adaptive.targetDifference),
    cadenceSeconds: cadence(adaptive.cadenceSeconds),
  }).superRefine((p, ctx) => {
    if (p.initialLevel > p.maxLevel) {
      addIssue(ctx, `a number <= maxLevel (${p.maxLevel})`, p.initialLevel, ["initialLevel"]);
    }
  }, ifClean),
  obj({
    algorithm: z.literal("lines-per-agent"),
    initial: num({ min: 1 }).default(lpa.initial),
    max: num({ min: 1 }).default(lpa.max),
    targetPercent: percent(lpa.targetPercent),
    gain: num({ gt: 0 }).default(lpa.gain),
    answersPerUpdate: num({ int: true, min: 1 }).default(lpa.answersPerUpdate),
    cadenceSeconds: cadence(lpa.cadenceSeconds),
  }).superRefine((p, ctx) => {
    if (p.initial > p.max) addIssue(ctx, `a number <= max (${p.max})`, p.initial, ["initial"]);
  }, ifClean),
  obj({
    algorithm: z.literal("agents-about-to-free"),
    threshold: num({ gt: 0, lt: 1 }).default(aboutToFree.threshold),
    warmupTalks: num({ int: true, min: 0 }).default(aboutToFree.warmupTalks),
    cadenceSeconds: cadence(aboutToFree.cadenceSeconds),
  }),
  obj({
    algorithm: z.literal("binomial"),
    targetPercent: num({ gt: 0, lt: 100 }).default(binomial.targetPercent),
    maxLinesPerAgent: num({ min: 1 }).default(binomial.maxLinesPerAgent),
    warmupCalls: num({ int: true, min: 0 }).default(binomial.warmupCalls),
    cadenceSeconds: cadence(binomial.cadenceSeconds),
  }),
  obj({
    algorithm: z.literal("lookahead"),
    cadenceSeconds: cadence(lookahead.cadenceSeconds),
    horizonMinutes: num({ gt: 0 }).default(lookahead.horizonMinutes),
    confidence: num({ gt: 0, max: 1 }).default(lookahead.confidence),
    runs: num({ int: true, min: 1 }).default(lookahead.runs),
    minTargetPercent: num({ gt: 0, lt: 100 }).default(lookahead.minTargetPercent),
    maxTargetPercent: num({ gt: 0, lt: 100 }).default(lookahead.maxTargetPercent),
    candidates: num({ int: true, min: 1 }).default(lookahead.candidates),
    windowMinutes: num({ gt: 0 }).default(lookahead.windowMinutes),
    ceilingPer100: num({ min: 0, max: 100 }).optional(),
    denominator: oneOf(DENOMINATORS).optional(),
  }).superRefine((p, ctx) => {
    if (p.minTargetPercent > p.maxTargetPercent) {
      const expected = `a number <= maxTargetPercent (${p.maxTargetPercent})`;
      addIssue(ctx, expected, p.minTargetPercent, ["minTargetPercent"]);
    }
  }, ifClean),
] as const;

const PACING_EXPECTED = "a pacing mapping such as { algorithm: binomial }";

const innerPacing = z.discriminatedUnion("algorithm", [...innerOptions], {
  error: (iss) =>
    iss.code === "invalid_union"
      ? `one of ${INNER_ALGORITHMS.join(", ")} (a guarded pacer cannot wrap another guarded one)`
      : PACING_EXPECTED,
});

type GuardedDraft = Omit<GuardedConfig, "ceilingPer100" | "denominator"> & {
  readonly ceilingPer100?: number;
  readonly denominator?: GuardedConfig["denominator"];
};

/** A scenario's `pacing` block; `resolvePacing` then fills a guarded pacer's rule defaults. */
export const pacing = z.discriminatedUnion(
  "algorithm",
  [
    ...innerOptions,
    obj({
      algorithm: z.literal("guarded"),
      inner: innerPacing,
      ceilingPer100: num({ min: 0, max: 100 }).optional(),
      denominator: oneOf(DENOMINATORS).optional(),
    }),
  ],
  {
    error: (iss) =>
      iss.code === "invalid_union" ? `one of ${ALGORITHMS.join(", ")}` : PACING_EXPECTED,
  },
);

type Ceiling = {
  readonly ceilingPer100: number;
  readonly denominator: GuardedConfig["denominator"];
};

/**
 * A validated pacing block with a guarded or lookahead pacer's ceiling and denominator taken
 * from the rules (a lookahead under a guard: from the guard's).
 */
export function resolvePacing(draft: z.output<typeof pacing>, rules: Ceiling): PacingConfig {
  if (draft.algorithm === "lookahead") return withCeiling(draft, rules);
  if (draft.algorithm !== "guarded") return draft;
  const g = draft as GuardedDraft;
  const ceilingPer100 = g.ceilingPer100 ?? rules.ceilingPer100;
  const denominator = g.denominator ?? rules.denominator;
  const ceiling = { ceilingPer100, denominator };
  const inner = g.inner.algorithm === "lookahead" ? withCeiling(g.inner, ceiling) : g.inner;
  return { algorithm: "guarded", inner, ...ceiling };
}

/** `draft` with its ceiling and denominator, each defaulting to `rules`'. */
function withCeiling<T extends Partial<Ceiling>>(draft: T, rules: Ceiling): T & Ceiling {
  return {
    ...draft,
    ceilingPer100: draft.ceilingPer100 ?? rules.ceilingPer100,
    denominator: draft.denominator ?? rules.denominator,
  };
}

// ---------------------------------------------------------------------------------------------
// The scenario.

/** What the schema outputs: a {@link Scenario} whose leads file is not read yet. */
export type ScenarioDraft = Omit<Scenario, "leads"> & { readonly leads: LeadsDraft };

export const SCENARIO_KEYS = [
  "name",
  "description",
  "seed",
  "calendar",
  "rules",
  "agents",
  "leads",
  "outcomes",
  "dialer",
  "callee",
  "retries",
  "pacing",
  "intervalMinutes",
] as const;

/**
 * The scenario schema, given the rule-set files the loader has read (see
 * {@link ruleSetFileReference}).
 */
export function scenarioSchemaFor(ruleFiles: RuleSetFiles) {
  return obj(
    {
      name: z
        .string({ error: "a non-empty string" })
        .trim()
        .min(1, { error: "a non-empty string" }),
      description: z.string({ error: "a string" }).default(""),
      seed: num({ int: true }).default(1),
      calendar,
      rules: rulesBlock(ruleFiles),
      agents,
      leads,
      outcomes,
      dialer: dialer.prefault({}),
      callee: callee.prefault({}),
      retries: retries.prefault({}),
      pacing,
      intervalMinutes: num({ int: true, min: 1, max: 1440 }).default(15),
    },
    `a mapping of scenario keys (${SCENARIO_KEYS.join(", ")})`,
  ).transform((s, ctx): ScenarioDraft => {
    const ruleSet = s.rules;
    const cutoff = s.dialer.cutoffSeconds ?? ruleSet.cutoffLimitSeconds;
    if (cutoff > ruleSet.cutoffLimitSeconds) {
      addIssue(
        ctx,
        `a number from 0 to ${ruleSet.cutoffLimitSeconds} (the cut-off of rules ${ruleSet.id})`,
        cutoff,
        ["dialer", "cutoffSeconds"],
      );
    }
    const minimumRing = ruleSet.minimumRing?.seconds ?? 0;
    if (s.dialer.noAnswerTimeoutSeconds < minimumRing) {
      addIssue(
        ctx,
        `a number >= ${minimumRing} (the minimum ring of rules ${ruleSet.id}: the dialer may not give up sooner)`,
        s.dialer.noAnswerTimeoutSeconds,
        ["dialer", "noAnswerTimeoutSeconds"],
      );
    }
    if (
      s.leads.kind === "count" &&
      s.leads.timeZones !== undefined &&
      s.calendar.timeZone === undefined
    ) {
      addIssue(
        ctx,
        `${TIME_ZONE_EXPECTED} (the call centre's: the leads have time zones)`,
        undefined,
        ["calendar", "timeZone"],
        "nothing",
      );
    }
    const pacingConfig = resolvePacing(s.pacing, ruleSet);
    return {
      name: s.name,
      description: s.description,
      seed: s.seed,
      calendar: s.calendar,
      rules: ruleSet,
      agents: s.agents,
      leads: s.leads,
      outcomes: s.outcomes,
      dialer: {
        noAnswerTimeoutSeconds: s.dialer.noAnswerTimeoutSeconds,
        cutoffSeconds: cutoff,
        amd: s.dialer.amd,
      },
      callee: s.callee,
      retries: s.retries,
      pacing: pacingConfig,
      intervalSeconds: s.intervalMinutes * 60,
    };
  });
}

/** The scenario schema for scenarios naming built-in rule sets only. */
export const scenarioSchema = scenarioSchemaFor(new Map());
