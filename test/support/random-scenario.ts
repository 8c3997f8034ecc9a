import fc from "fast-check";
import { formatTimeOfDay } from "../../src/io/read/schema-kit.js";

/**
 * Scenario files as fast-check draws them: plain objects in the file's own keys (stringify
 * with the `yaml` package and load with `parseScenario`), so every draw passes through the
 * schema as a user's file does and a failure prints as a file.
 *
 * The draws aim at the seams: shifts touching midnight (starting at 00:00, ending at 24:00),
 * several groups, breaks at a shift's edges, multi-day calendars with holidays, every pacer,
 * AMD, retries, lock-outs, UK and US rules, time zones and the consent gate.
 */

const QUARTER = 15;
const DAY_MINUTES = 24 * 60;

/** Minutes since midnight as the schema writes a time of day: "HH:MM", "24:00" at the end. */
const clock = (minutes: number) => formatTimeOfDay(minutes * 60);

/** A shift on a 15-minute grid, often touching midnight, with up to two breaks inside it. */
const group = fc
  .record({
    // Mostly small teams, where the seams show; now and then a large one (up to 500 in all).
    count: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: 41, max: 166 }) },
    ),
    start: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 95 }).map((q) => q * QUARTER),
    ),
    length: fc.oneof(
      fc.constant(DAY_MINUTES),
      fc.integer({ min: 2, max: 96 }).map((q) => q * QUARTER),
    ),
    breaks: fc.array(
      fc.record({
        at: fc.oneof(
          fc.constant("start"),
          fc.constant("end"),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        minutes: fc.integer({ min: 1, max: 4 }).map((q) => q * 5),
      }),
      { maxLength: 2 },
    ),
  })
  .map(({ count, start, length, breaks }) => {
    const end = Math.min(start + length, DAY_MINUTES);
    const placed: { at: string; minutes: number }[] = [];
    let free = start; // breaks go in order and never overlap
    for (const b of breaks) {
      const latest = end - b.minutes;
      if (latest < free) break;
      const at =
        b.at === "start"
          ? free
          : b.at === "end"
            ? latest
            : free + Math.floor(((latest - free) * b.at) / 5) * 5;
      if (at >= DAY_MINUTES) break;
      placed.push({ at: clock(at), minutes: b.minutes });
      free = at + b.minutes;
    }
    return { count, shift: `${clock(start)}-${clock(end)}`, breaks: placed };
  });

const ALL_DAY = ["00:00-24:00"];
const rules = fc.oneof(
  fc.constantFrom("it-garante-2014", "uk-ofcom-2016", "us-tcpa"),
  fc.constantFrom("it-garante-2014", "uk-ofcom-2016").map((preset) => ({
    preset,
    callingHours: {
      weekday: ALL_DAY,
      saturday: ALL_DAY,
      sunday: ALL_DAY,
      holiday: ALL_DAY,
      dayBeforeHoliday: ALL_DAY,
    },
  })),
);

const duration = (min: number, max: number) =>
  fc.oneof(
    fc.double({ min, max, noNaN: true }).map((mean) => ({ dist: "exponential", mean })),
    fc
      .record({
        mean: fc.double({ min, max, noNaN: true }),
        cv: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
      })
      .map(({ mean, cv }) => ({ dist: "lognormal", mean, sd: mean * cv })),
    fc.double({ min, max, noNaN: true }).map((value) => ({ dist: "fixed", value })),
  );

const cadence = fc.constantFrom(0.5, 1, 2.5, 5);
const innerPacing = fc.oneof(
  fc.constant({ algorithm: "progressive" }),
  fc.record({
    algorithm: fc.constant("vicidial-ratio"),
    level: fc.double({ min: 1, max: 4, noNaN: true }),
    cadenceSeconds: cadence,
  }),
  fc.record({
    algorithm: fc.constantFrom(
      "vicidial-adapt-hard-limit",
      "vicidial-adapt-tapered",
      "vicidial-adapt-average",
    ),
    maxLevel: fc.double({ min: 1, max: 4, noNaN: true }),
    intensity: fc.integer({ min: -40, max: 40 }),
    cadenceSeconds: cadence,
  }),
  fc.record({
    algorithm: fc.constant("lines-per-agent"),
    max: fc.double({ min: 1.5, max: 3, noNaN: true }),
    answersPerUpdate: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    algorithm: fc.constant("agents-about-to-free"),
    threshold: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
    warmupTalks: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    algorithm: fc.constant("binomial"),
    targetPercent: fc.double({ min: 0.5, max: 10, noNaN: true }),
    warmupCalls: fc.integer({ min: 0, max: 50 }),
    cadenceSeconds: cadence,
  }),
);
const pacing = fc.oneof(
  innerPacing,
  innerPacing.map((inner) => ({ algorithm: "guarded", inner })),
);

/** Five outcome weights summing to 1 (in hundredths, so the sum is exact enough). */
const probabilities = fc
  .array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 5 })
  .filter((w) => w[0] + w[1] > 0)
  .map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    const p = w.map((x) => Math.floor((x / total) * 100) / 100);
    p[3] = Math.round((1 - p[0] - p[1] - p[2] - p[4]) * 100) / 100;
    return p;
  });

const retry = (maxAttempts: number) =>
  fc.record({
    delayMinutes: fc.integer({ min: 0, max: 600 }),
    maxAttempts: fc.integer({ min: 1, max: maxAttempts }),
  });

/** Options that scale the draws: CI's short horizons, or a developer's longer run. */
export interface ScenarioLimits {
  readonly maxDays: number;
  readonly maxLeads: number;
}

/** A valid scenario file's contents. */
export function scenarioFile({ maxDays, maxLeads }: ScenarioLimits) {
  return fc
    .record({
      startDay: fc.integer({ min: 0, max: 364 }),
      days: fc.integer({ min: 1, max: maxDays }),
      holidayOffsets: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
      rules,
      groups: fc.array(group, { minLength: 1, maxLength: 3 }),
      talk: duration(10, 400),
      wrapUp: fc.integer({ min: 0, max: 30 }),
      leads: fc.integer({ min: 1, max: maxLeads }),
      zones: fc.constantFrom("centre", "centre-zone", "two-zones"),
      consent: fc.boolean(),
      probabilities,
      ring: duration(2, 30),
      amd: fc.record({
        enabled: fc.boolean(),
        falsePositiveRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
        lockAfterHangup: fc.boolean(),
      }),
      noAnswerTimeout: fc.integer({ min: 15, max: 40 }),
      cutoffShare: fc.double({ min: 0, max: 1, noNaN: true }),
      patience: duration(1, 60),
      retries: fc.record({
        busy: retry(4),
        noAnswer: retry(4),
        machine: retry(3),
        silent: fc.record({ maxAttempts: fc.integer({ min: 1, max: 3 }) }),
      }),
      pacing,
    })
    .map((d) => {
      const start = new Date(Date.UTC(2026, 0, 1 + d.startDay)).toISOString().slice(0, 10);
      const day = (offset: number) =>
        new Date(Date.UTC(2026, 0, 1 + d.startDay + offset)).toISOString().slice(0, 10);
      const [person, machine, busy, noAnswer, invalid] = d.probabilities;
      const preset = typeof d.rules === "string" ? d.rules : d.rules.preset;
      const maxCutoff = preset === "it-garante-2014" ? 3 : 2;
      return {
        name: "random",
        calendar: {
          start,
          days: d.days,
          holidays: [...new Set(d.holidayOffsets.filter((o) => o < d.days).map(day))],
          ...(d.zones === "centre" ? {} : { timeZone: "Europe/Rome" }),
        },
        rules: d.rules,
        agents: {
          groups: d.groups,
          talk: d.talk,
          wrapUp: { dist: "fixed", value: d.wrapUp },
        },
        leads: {
          count: d.leads,
          ...(d.zones === "two-zones"
            ? { timeZones: { "Europe/Rome": 0.5, "America/New_York": 0.5 } }
            : {}),
          ...(d.consent ? { consent: { optedOut: 0.1, noConsent: 0.05 } } : {}),
        },
        outcomes: {
          person: { probability: person, ring: d.ring },
          machine: { probability: machine, ring: d.ring },
          busy: { probability: busy, ring: 3 },
          noAnswer: { probability: noAnswer },
          invalid: { probability: invalid, ring: 2 },
        },
        dialer: {
          noAnswerTimeoutSeconds: d.noAnswerTimeout,
          cutoffSeconds: Math.round(d.cutoffShare * maxCutoff * 10) / 10,
          amd: d.amd,
        },
        callee: { patience: d.patience },
        retries: d.retries,
        pacing: d.pacing,
      };
    });
}
