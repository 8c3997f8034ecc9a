import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import { loadScenario, parseScenario } from "../../src/scenario/load.js";
import { isoDate, parseTimeRange } from "../../src/scenario/schema.js";
import {
  MINIMAL_SCENARIO,
  scenarioErrorOf,
  temporaryFolders,
  withPacing,
} from "../support/scenario-text.js";

const SCENARIOS = join(import.meta.dirname, "../../scenarios");

/** Parses and returns the ScenarioError it must throw. */
const errorOf = (text: string, file = "test.yaml") =>
  scenarioErrorOf(() => parseScenario(text, file));

const tempDir = temporaryFolders("pacelab-scenario-");

describe("bundled scenarios", () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml"));

  it("include the documented ones", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "default.yaml",
        "small-team.yaml",
        "large-team.yaml",
        "machine-heavy.yaml",
        "multi-day.yaml",
      ]),
    );
  });

  it.each(files)("%s loads", (file) => {
    const s = loadScenario(join(SCENARIOS, file));
    expect(s.name).toBe(file.replace(/\.yaml$/, ""));
    expect(s.agents.groups.length).toBeGreaterThan(0);
  });

  it.each(files)("%s starts with comments saying what it models", (file) => {
    const text = readFileSync(join(SCENARIOS, file), "utf8");
    expect(text.startsWith("# ")).toBe(true);
  });

  it("default: 20 agents 09:00-17:00 with a break at 11:00, guarded binomial", () => {
    const s = loadScenario(join(SCENARIOS, "default.yaml"));
    expect(s.calendar).toEqual({ start: "2026-12-01", days: 1, holidays: [] });
    expect(s.agents.groups).toEqual([
      {
        count: 20,
        start: 9 * 3600,
        end: 17 * 3600,
        breaks: [{ start: 11 * 3600, durationSeconds: 900 }],
      },
    ]);
    expect(s.agents.talk).toEqual({ dist: "lognormal", mean: 150, sd: 90 });
    expect(s.agents.wrapUp).toEqual({ dist: "exponential", mean: 20 });
    expect(s.outcomes.probabilities).toEqual({
      person: 0.3,
      machine: 0.15,
      busy: 0.08,
      noAnswer: 0.37,
      invalid: 0.1,
    });
    expect(s.leads).toEqual({ kind: "count", count: 15000 });
    expect(s.pacing).toEqual({
      algorithm: "guarded",
      inner: {
        algorithm: "binomial",
        targetPercent: 3,
        maxLinesPerAgent: 3,
        warmupCalls: 50,
        cadenceSeconds: 1,
      },
      ceilingPer100: 3,
      denominator: "connected",
    });
    expect(s.rules).toEqual(IT_GARANTE_2014);
  });

  it("small-team reads its leads file relative to the scenario", () => {
    const s = loadScenario(join(SCENARIOS, "small-team.yaml"));
    expect(s.agents.groups.reduce((n, g) => n + g.count, 0)).toBe(5);
    expect(s.leads.kind).toBe("file");
    if (s.leads.kind !== "file") return;
    expect(s.leads.numbers.length).toBe(1200);
    expect(s.leads.path).toBe(join(SCENARIOS, "leads/sample-leads.csv"));
    for (const n of s.leads.numbers) expect(n).toMatch(/^\+\d{5,16}$/);
  });

  it("large-team has 200 agents and machine-heavy has AMD on", () => {
    const large = loadScenario(join(SCENARIOS, "large-team.yaml"));
    expect(large.agents.groups.reduce((n, g) => n + g.count, 0)).toBe(200);
    expect(Object.keys(large.outcomes.byHour).map(Number)).toEqual([18, 19]);
    const heavy = loadScenario(join(SCENARIOS, "machine-heavy.yaml"));
    expect(heavy.dialer.amd.enabled).toBe(true);
    expect(heavy.outcomes.probabilities.machine).toBeGreaterThan(
      heavy.outcomes.probabilities.person,
    );
  });

  it("multi-day spans days with a holiday and a 5-day lock-out", () => {
    const s = loadScenario(join(SCENARIOS, "multi-day.yaml"));
    expect(s.calendar.days).toBeGreaterThanOrEqual(7);
    expect(s.calendar.holidays.length).toBeGreaterThan(0);
    expect(s.rules.lockoutSeconds).toBe(5 * 86_400);
    expect(s.rules.guaranteeAgentAfterSilent).toBe(true);
    expect(s.pacing).toEqual({ algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 });
  });
});

describe("defaults", () => {
  it("applies every default", () => {
    const s = parseScenario(withPacing(MINIMAL_SCENARIO), "minimal.yaml");
    expect(s.description).toBe("");
    expect(s.seed).toBe(1);
    expect(s.calendar).toEqual({ start: "2026-12-01", days: 1, holidays: [] });
    expect(s.rules).toEqual(IT_GARANTE_2014);
    expect(s.agents.groups).toEqual([{ count: 3, start: 32_400, end: 61_200, breaks: [] }]);
    expect(s.agents.wrapUp).toEqual({ dist: "fixed", value: 0 });
    expect(s.outcomes.ring).toEqual({
      person: { dist: "fixed", value: 10 },
      machine: { dist: "fixed", value: 12 },
      busy: { dist: "uniform", min: 2, max: 6 },
      invalid: { dist: "fixed", value: 2 },
    });
    expect(s.outcomes.byHour).toEqual({});
    expect(s.dialer).toEqual({
      noAnswerTimeoutSeconds: 25,
      cutoffSeconds: 3,
      amd: {
        enabled: false,
        detection: { dist: "uniform", min: 1.5, max: 3 },
        falsePositiveRate: 0.02,
        falseNegativeRate: 0.1,
        lockAfterHangup: true,
      },
    });
    expect(s.callee).toEqual({
      patience: { dist: "exponential", mean: 30 },
      machineMessage: { dist: "fixed", value: 15 },
    });
    expect(s.retries).toEqual({
      busy: { delaySeconds: 1800, maxAttempts: 3 },
      noAnswer: { delaySeconds: 7200, maxAttempts: 3 },
      machine: { delaySeconds: 14_400, maxAttempts: 2 },
      silent: { delaySeconds: 0, maxAttempts: 2 },
    });
    expect(s.pacing).toEqual({ algorithm: "progressive" });
    expect(s.intervalSeconds).toBe(900);
  });

  it("fills a partly given retry rule from that outcome's defaults", () => {
    const s = parseScenario(
      withPacing(
        `${MINIMAL_SCENARIO}retries: { noAnswer: { maxAttempts: 5 }, silent: { delayMinutes: 10 } }\n`,
      ),
      "t.yaml",
    );
    expect(s.retries.noAnswer).toEqual({ delaySeconds: 7200, maxAttempts: 5 });
    expect(s.retries.silent).toEqual({ delaySeconds: 600, maxAttempts: 2 });
  });

  it("applies each pacing algorithm's defaults", () => {
    const pace = (p: string) =>
      parseScenario(withPacing(MINIMAL_SCENARIO, `pacing: ${p}`), "t.yaml").pacing;
    expect(pace("{ algorithm: vicidial-ratio, level: 2 }")).toEqual({
      algorithm: "vicidial-ratio",
      level: 2,
      cadenceSeconds: 2.5,
    });
    expect(pace("{ algorithm: vicidial-adapt-tapered }")).toEqual({
      algorithm: "vicidial-adapt-tapered",
      initialLevel: 1,
      maxLevel: 3,
      dropLimitPercent: 3,
      intensity: 0,
      targetDifference: 0,
      cadenceSeconds: 2.5,
    });
    expect(pace("{ algorithm: lines-per-agent }")).toEqual({
      algorithm: "lines-per-agent",
      initial: 1.5,
      max: 3,
      targetPercent: 3,
      gain: 1,
      answersPerUpdate: 100,
      cadenceSeconds: 1,
    });
    expect(pace("{ algorithm: agents-about-to-free }")).toEqual({
      algorithm: "agents-about-to-free",
      threshold: 0.97,
      warmupTalks: 10,
      cadenceSeconds: 1,
    });
  });

  it("takes the guard's ceiling and denominator from the resolved rules unless given", () => {
    const text = `${MINIMAL_SCENARIO}rules: { preset: it-garante-2014, ceilingPer100: 2, denominator: answered }\n`;
    const s = parseScenario(
      withPacing(text, "pacing: { algorithm: guarded, inner: { algorithm: progressive } }"),
      "t.yaml",
    );
    expect(s.pacing).toEqual({
      algorithm: "guarded",
      inner: { algorithm: "progressive" },
      ceilingPer100: 2,
      denominator: "answered",
    });
    const own = parseScenario(
      withPacing(
        text,
        "pacing: { algorithm: guarded, inner: { algorithm: progressive }, ceilingPer100: 1.5, denominator: connected }",
      ),
      "t.yaml",
    );
    expect(own.pacing).toMatchObject({ ceilingPer100: 1.5, denominator: "connected" });
  });
});

describe("conversions", () => {
  it("converts rule overrides: lock-out days, calling hours, cut-off", () => {
    const s = parseScenario(
      withPacing(`${MINIMAL_SCENARIO}rules:
  preset: it-garante-2014
  lockoutDays: 7
  cutoffSeconds: 2
  guaranteeAgentAfterSilent: false
  callingHours:
    weekday: ["09:00-13:00", "14:00-20:00"]
    saturday: []
    holiday: ["00:00-24:00"]
`),
      "t.yaml",
    );
    expect(s.rules.id).toBe("it-garante-2014");
    expect(s.rules.lockoutSeconds).toBe(7 * 86_400);
    expect(s.rules.cutoffLimitSeconds).toBe(2);
    expect(s.rules.guaranteeAgentAfterSilent).toBe(false);
    expect(s.rules.callingHours).toEqual({
      weekday: [
        { start: 9 * 3600, end: 13 * 3600 },
        { start: 14 * 3600, end: 20 * 3600 },
      ],
      saturday: [],
      sunday: [],
      holiday: [{ start: 0, end: 86_400 }],
      dayBeforeHoliday: IT_GARANTE_2014.callingHours.dayBeforeHoliday,
    });
    // The dialer's cut-off defaults to the resolved rule's.
    expect(s.dialer.cutoffSeconds).toBe(2);
  });

  it("converts agent groups, shifts and breaks to seconds; breaks sorted", () => {
    const text = MINIMAL_SCENARIO.replace(
      "  count: 3\n",
      `  groups:
    - { count: 2, shift: "08:30-12:30", breaks: [{ at: "11:00", minutes: 10 }, { at: "10:00", minutes: 5 }] }
    - { count: 4 }
`,
    );
    const s = parseScenario(withPacing(text), "t.yaml");
    expect(s.agents.groups).toEqual([
      {
        count: 2,
        start: 8.5 * 3600,
        end: 12.5 * 3600,
        breaks: [
          { start: 10 * 3600, durationSeconds: 300 },
          { start: 11 * 3600, durationSeconds: 600 },
        ],
      },
      { count: 4, start: 9 * 3600, end: 17 * 3600, breaks: [] },
    ]);
  });

  it("converts byHour keys to numbers and intervalMinutes to seconds", () => {
    const byHour = `  invalid: { probability: 0.1 }
  byHour:
    18: { person: 0.4, machine: 0.12, busy: 0.08, noAnswer: 0.32, invalid: 0.08 }
    "9": { person: 0.2, machine: 0.2, busy: 0.1, noAnswer: 0.4, invalid: 0.1 }
`;
    const text = `${MINIMAL_SCENARIO.replace("  invalid: { probability: 0.1 }\n", byHour)}intervalMinutes: 5\n`;
    const s = parseScenario(withPacing(text), "t.yaml");
    expect(s.outcomes.byHour[18]).toEqual({
      person: 0.4,
      machine: 0.12,
      busy: 0.08,
      noAnswer: 0.32,
      invalid: 0.08,
    });
    expect(s.outcomes.byHour[9]?.person).toBe(0.2);
    expect(s.intervalSeconds).toBe(300);
  });

  it("accepts a calendar date as a string or a Date, and outputs YYYY-MM-DD", () => {
    expect(isoDate.parse("2026-12-01")).toBe("2026-12-01");
    expect(isoDate.parse(new Date(Date.UTC(2026, 11, 1)))).toBe("2026-12-01");
    expect(isoDate.safeParse("2026-02-29").success).toBe(false);
    expect(isoDate.safeParse("2028-02-29").success).toBe(true);
  });

  it("accepts a YAML timestamp as the start date", () => {
    const text = MINIMAL_SCENARIO.replace("start: 2026-12-01", "start: !!timestamp 2026-12-01");
    expect(parseScenario(withPacing(text), "t.yaml").calendar.start).toBe("2026-12-01");
  });

  it("parses time ranges", () => {
    expect(parseTimeRange("09:00-17:00")).toEqual({ start: 32_400, end: 61_200 });
    expect(parseTimeRange("17:00-09:00")).toBeUndefined();
    expect(parseTimeRange("09:00-24:00")).toEqual({ start: 32_400, end: 86_400 });
    expect(parseTimeRange("9-17")).toBeUndefined();
  });

  it("accepts cutoffSeconds 0 (drop at once)", () => {
    const s = parseScenario(
      withPacing(`${MINIMAL_SCENARIO}dialer: { cutoffSeconds: 0 }\n`),
      "t.yaml",
    );
    expect(s.dialer.cutoffSeconds).toBe(0);
  });
});

describe("errors", () => {
  it("is a ScenarioError with exit code 2 and the documented message format", () => {
    const e = errorOf(
      withPacing(MINIMAL_SCENARIO, "pacing: { algorithm: vicidial-ratio, level: abc }"),
    );
    expect(e.exitCode).toBe(2);
    expect(e.file).toBe("test.yaml");
    expect(e.line).toBe(13);
    expect(e.keyPath).toBe("pacing.level");
    expect(e.expected).toBe("a number >= 1");
    expect(e.got).toBe('"abc"');
    expect(e.message).toBe('test.yaml:13: pacing.level: expected a number >= 1, got "abc"');
  });

  it("rejects an unknown key, naming it, its line and the allowed keys", () => {
    const text = MINIMAL_SCENARIO.replace("  count: 3\n", "  count: 3\n  cont: 4\n");
    const e = errorOf(withPacing(text));
    expect(e.line).toBe(5);
    expect(e.keyPath).toBe("agents.cont");
    expect(e.message).toBe(
      'test.yaml:5: agents.cont: expected a known key (one of count, shift, breaks, groups, talk, wrapUp), got unknown key "cont"',
    );
  });

  it("rejects an unknown top-level key", () => {
    const e = errorOf(withPacing(`${MINIMAL_SCENARIO}colour: blue\n`));
    expect(e.line).toBe(13);
    expect(e.keyPath).toBe("colour");
    expect(e.expected).toContain("intervalMinutes");
  });

  it("rejects a wrong type with expected and got", () => {
    const e = errorOf(withPacing(MINIMAL_SCENARIO.replace("count: 3", 'count: "three"')));
    expect(e.message).toBe(
      'test.yaml:4: agents.count: expected an integer from 1 to 100000, got "three"',
    );
    const seed = errorOf(withPacing(`${MINIMAL_SCENARIO}seed: 1.5\n`));
    expect(seed.message).toBe("test.yaml:13: seed: expected an integer, got 1.5");
    const list = errorOf(
      withPacing(MINIMAL_SCENARIO.replace("leads: { count: 50 }", "leads: [1, 2]")),
    );
    expect(list.message).toBe(
      "test.yaml:6: leads: expected a mapping with keys count, file, consent, timeZones, got a list of 2",
    );
  });

  it("rejects probabilities that do not sum to 1, naming the sum", () => {
    const e = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace("invalid: { probability: 0.1 }", "invalid: { probability: 0.15 }"),
      ),
    );
    expect(e.line).toBe(7);
    expect(e.keyPath).toBe("outcomes");
    expect(e.got).toBe("a sum of 1.05");
    expect(e.expected).toContain("summing to 1");
  });

  it("accepts probabilities summing to 1 within 1e-6", () => {
    const text = MINIMAL_SCENARIO.replace(
      "invalid: { probability: 0.1 }",
      "invalid: { probability: 0.1000004 }",
    );
    expect(() => parseScenario(withPacing(text), "t.yaml")).not.toThrow();
  });

  it("rejects a probability outside [0, 1] and a ring on noAnswer", () => {
    const e = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace(
          "busy: { probability: 0.1 }",
          "busy: { probability: 1.2 }",
        ).replace("noAnswer: { probability: 0.3 }", "noAnswer: { probability: 0.3, ring: 5 }"),
      ),
    );
    expect(e.issues.map((i) => `${i.line} ${i.keyPath}`)).toEqual([
      "10 outcomes.busy.probability",
      "11 outcomes.noAnswer.ring",
    ]);
    expect(e.issues[1].expected).toContain("dialer.noAnswerTimeoutSeconds");
  });

  it("rejects a byHour entry that does not sum to 1 or names an hour outside 0..23", () => {
    const e = errorOf(
      withPacing(
        `${MINIMAL_SCENARIO.replace(
          "  invalid: { probability: 0.1 }\n",
          `  invalid: { probability: 0.1 }
  byHour:
    18: { person: 0.5, machine: 0.12, busy: 0.08, noAnswer: 0.32, invalid: 0.08 }
    24: { person: 0.4, machine: 0.12, busy: 0.08, noAnswer: 0.32, invalid: 0.08 }
`,
        )}`,
      ),
    );
    expect(e.issues.map((i) => `${i.line} ${i.keyPath}`)).toEqual([
      "14 outcomes.byHour.18",
      "15 outcomes.byHour.24",
    ]);
    expect(e.issues[0].got).toBe("a sum of 1.1");
  });

  it("rejects cutoffSeconds above the rule's, naming both values", () => {
    const e = errorOf(withPacing(`${MINIMAL_SCENARIO}dialer: { cutoffSeconds: 5 }\n`));
    expect(e.message).toBe(
      "test.yaml:13: dialer.cutoffSeconds: expected a number from 0 to 3 (the cut-off of rules it-garante-2014), got 5",
    );
    const overridden = errorOf(
      withPacing(
        `${MINIMAL_SCENARIO}rules: { preset: it-garante-2014, cutoffSeconds: 2 }\ndialer: { cutoffSeconds: 2.5 }\n`,
      ),
    );
    expect(overridden.expected).toContain("from 0 to 2");
    expect(overridden.got).toBe("2.5");
  });

  it("rejects bad distributions", () => {
    const talk = (spec: string) =>
      errorOf(
        withPacing(
          MINIMAL_SCENARIO.replace("talk: { dist: exponential, mean: 100 }", `talk: ${spec}`),
        ),
      );
    const mean = talk("{ dist: uniform, min: 1, max: 5, mean: 3 }");
    expect(mean.message).toBe(
      'test.yaml:5: agents.talk.mean: expected a known key (one of dist, min, max), got unknown key "mean"',
    );
    expect(talk("{ dist: lognorm, mean: 3 }").message).toBe(
      'test.yaml:5: agents.talk.dist: expected one of fixed, uniform, exponential, normal, lognormal, gamma, weibull, empirical, got "lognorm"',
    );
    expect(talk("{ dist: exponential, mean: 0 }").message).toBe(
      "test.yaml:5: agents.talk.mean: expected a number > 0, got 0",
    );
    expect(talk("{ dist: lognormal, mean: 10, sd: -1 }").keyPath).toBe("agents.talk.sd");
    expect(talk("{ dist: uniform, min: 5, max: 1 }").message).toBe(
      "test.yaml:5: agents.talk.max: expected a number >= min (5), got 1",
    );
    expect(talk("{ dist: gamma, shape: 0, scale: 1 }").keyPath).toBe("agents.talk.shape");
    expect(talk("{ dist: empirical, values: [] }").expected).toBe(
      "a non-empty list of numbers >= 0",
    );
    const negative = talk("{ dist: normal, mean: -100, sd: 1 }");
    expect(negative.keyPath).toBe("agents.talk.mean");
    expect(negative.expected).toMatch(/^a mean leaving P\(X >= 0\) at least/);
    expect(talk("{ mean: 3 }").keyPath).toBe("agents.talk.dist");
    expect(talk("-4").message).toBe("test.yaml:5: agents.talk: expected a number >= 0, got -4");
    expect(talk("fast").message).toMatch(/^test\.yaml:5: agents\.talk: expected a distribution/);
  });

  it("rejects distributions whose draws or mean overflow, naming the key (not exit 70 mid-run)", () => {
    const talk = (spec: string) =>
      errorOf(
        withPacing(
          MINIMAL_SCENARIO.replace("talk: { dist: exponential, mean: 100 }", `talk: ${spec}`),
        ),
      );
    expect(talk("{ dist: lognormal, mean: 12, sd: 1e308 }").message).toBe(
      "test.yaml:5: agents.talk.sd: expected an sd at most 1.34e+154 times the mean (12), so that ln(1 + (sd/mean)²) is a finite number, got 1e+308",
    );
    expect(talk("{ dist: lognormal, mean: 5e-324, sd: 1 }").keyPath).toBe("agents.talk.sd");
    expect(talk("{ dist: gamma, shape: 1e-308, scale: 1e308 }").message).toBe(
      "test.yaml:5: agents.talk.scale: expected a value small enough that every draw is a finite number, got 1e+308",
    );
    expect(talk("{ dist: weibull, shape: 0.001, scale: 1 }").keyPath).toBe("agents.talk.shape");
    expect(talk("{ dist: exponential, mean: 1e308 }").keyPath).toBe("agents.talk.mean");
    expect(talk("{ dist: empirical, values: [1e308, 1e308] }").keyPath).toBe("agents.talk.values");
  });

  it("reports every issue, one per line, each with its own line number", () => {
    const text = `name: many
calendar: { start: 2026-13-01 }
agents:
  count: 0
  talk: { dist: fixed, value: 1 }
leads: { count: 50, extra: 1 }
outcomes:
  person: { probability: 0.3, ring: 1 }
  machine: { probability: 0.2, ring: 1 }
  busy: { probability: 0.1 }
  noAnswer: { probability: 0.3 }
  invalid: { probability: 0.1 }
pacing: { algorithm: turbo }
`;
    const e = errorOf(text);
    const lines = e.message.split("\n");
    expect(lines).toEqual([
      'test.yaml:2: calendar.start: expected a date YYYY-MM-DD, got "2026-13-01"',
      "test.yaml:4: agents.count: expected an integer from 1 to 100000, got 0",
      'test.yaml:6: leads.extra: expected a known key (one of count, file, consent, timeZones), got unknown key "extra"',
      expect.stringMatching(
        /^test\.yaml:13: pacing\.algorithm: expected one of progressive, .*guarded, got "turbo"$/,
      ),
    ]);
    expect(e.issues).toHaveLength(4);
  });

  it("cites the mapping's line for a missing required key", () => {
    const e = errorOf(MINIMAL_SCENARIO);
    expect(e.message).toMatch(/^test\.yaml:1: pacing: expected a pacing mapping/);
    expect(e.got).toBe("nothing");
    const noTalk = errorOf(
      withPacing(MINIMAL_SCENARIO.replace("  talk: { dist: exponential, mean: 100 }\n", "")),
    );
    expect(noTalk.line).toBe(3);
    expect(noTalk.keyPath).toBe("agents.talk");
  });

  it("rejects a guarded pacer inside a guarded pacer", () => {
    const e = errorOf(
      withPacing(
        MINIMAL_SCENARIO,
        "pacing: { algorithm: guarded, inner: { algorithm: guarded, inner: { algorithm: progressive } } }",
      ),
    );
    expect(e.keyPath).toBe("pacing.inner.algorithm");
    expect(e.expected).toContain("cannot wrap another guarded");
  });

  it("rejects pacing values out of range", () => {
    const pacing = (p: string) => errorOf(withPacing(MINIMAL_SCENARIO, `pacing: ${p}`));
    expect(pacing("{ algorithm: vicidial-ratio }").message).toBe(
      "test.yaml:13: pacing.level: expected a number >= 1, got nothing",
    );
    expect(pacing("{ algorithm: vicidial-adapt-average, intensity: 50 }").expected).toBe(
      "a number from -40 to 40",
    );
    expect(pacing("{ algorithm: agents-about-to-free, threshold: 1 }").expected).toBe(
      "a number > 0 and < 1",
    );
    expect(pacing("{ algorithm: lines-per-agent, initial: 4 }").expected).toBe(
      "a number <= max (3)",
    );
  });

  it("rejects count next to groups, and breaks outside the shift", () => {
    const both = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace("  count: 3\n", "  count: 3\n  groups: [{ count: 2 }]\n"),
      ),
    );
    expect(both.keyPath).toBe("agents.count");
    expect(both.expected).toContain("not both");
    const outside = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace(
          "  count: 3\n",
          '  count: 3\n  shift: "09:00-13:00"\n  breaks:\n    - { at: "12:50", minutes: 15 }\n',
        ),
      ),
    );
    expect(outside.message).toBe(
      "test.yaml:7: agents.breaks[0]: expected a break inside the shift 09:00-13:00, got a break 12:50-13:05",
    );
    const neither = errorOf(withPacing(MINIMAL_SCENARIO.replace("  count: 3\n", "")));
    expect(neither.keyPath).toBe("agents.count");
  });

  it("rejects bad times and overlapping calling hours", () => {
    const shift = errorOf(
      withPacing(MINIMAL_SCENARIO.replace("  count: 3\n", '  count: 3\n  shift: "17:00-09:00"\n')),
    );
    expect(shift.message).toBe(
      'test.yaml:5: agents.shift: expected a time range "HH:MM-HH:MM" with the end after the start, got "17:00-09:00"',
    );
    const hours = errorOf(
      withPacing(
        `${MINIMAL_SCENARIO}rules: { preset: it-garante-2014, callingHours: { weekday: ["09:00-13:00", "12:00-18:00"] } }\n`,
      ),
    );
    expect(hours.keyPath).toBe("rules.callingHours.weekday[1]");
    expect(hours.expected).toContain("13:00");
  });

  it("rejects an unknown rules preset, as a name or in a mapping", () => {
    expect(errorOf(withPacing(`${MINIMAL_SCENARIO}rules: uk-ofcom\n`)).message).toBe(
      'test.yaml:13: rules: expected a built-in rule set (one of it-garante-2014, uk-ofcom-2016, us-tcpa) or a rule-set file ending in .yaml, got "uk-ofcom"',
    );
    expect(errorOf(withPacing(`${MINIMAL_SCENARIO}rules: { preset: x }\n`)).keyPath).toBe(
      "rules.preset",
    );
  });

  it("rejects a calendar outside its limits", () => {
    const e = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace(
          "calendar: { start: 2026-12-01 }",
          "calendar: { start: 2026-12-01, days: 400, holidays: [christmas] }",
        ),
      ),
    );
    expect(e.issues.map((i) => i.keyPath)).toEqual(["calendar.days", "calendar.holidays[0]"]);
  });

  it("turns YAML syntax errors into ScenarioErrors with the line", () => {
    const e = errorOf("name: x\nagents: [1, 2\nleads: 3\n");
    expect(e.line).toBe(3);
    expect(e.expected).toBe("valid YAML");
    const dup = errorOf("name: x\nname: y\n");
    expect(dup.line).toBe(2);
    expect(dup.message).toMatch(/^test\.yaml:2: expected valid YAML, got Map keys must be unique/);
  });

  it("rejects an empty file and a file that is not a mapping", () => {
    expect(errorOf("").message).toMatch(
      /^test\.yaml: expected a mapping of scenario keys .* got an empty file$/,
    );
    expect(errorOf("- 1\n").line).toBe(1);
  });
});

describe("loadScenario", () => {
  it("reads a leads file relative to the scenario file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "leads.csv"), "number\n+39 333 1234567\n0612345678\n");
    const text = withPacing(
      MINIMAL_SCENARIO.replace("leads: { count: 50 }", "leads: { file: leads.csv }"),
    );
    writeFileSync(join(dir, "s.yaml"), text);
    const s = loadScenario(join(dir, "s.yaml"));
    expect(s.leads).toEqual({
      kind: "file",
      path: join(dir, "leads.csv"),
      numbers: ["+393331234567", "0612345678"],
    });
  });

  it("cites the leads.file line when the file is missing, and the CSV line when it is bad", () => {
    const dir = tempDir();
    const text = withPacing(
      MINIMAL_SCENARIO.replace("leads: { count: 50 }", "leads: { file: nope.csv }"),
    );
    writeFileSync(join(dir, "s.yaml"), text);
    const missing = (() => {
      try {
        loadScenario(join(dir, "s.yaml"));
      } catch (e) {
        return e as ScenarioError;
      }
      throw new Error("expected an error");
    })();
    expect(missing).toBeInstanceOf(ScenarioError);
    expect(missing.line).toBe(6);
    expect(missing.keyPath).toBe("leads.file");

    writeFileSync(join(dir, "nope.csv"), "number\n12345\n12x45\n");
    expect(() => loadScenario(join(dir, "s.yaml"))).toThrow(`${join(dir, "nope.csv")}:3: number:`);
  });

  it("rejects count and file together", () => {
    const e = errorOf(
      withPacing(
        MINIMAL_SCENARIO.replace("leads: { count: 50 }", "leads: { count: 5, file: a.csv }"),
      ),
    );
    expect(e.keyPath).toBe("leads.file");
    expect(e.expected).toBe("either count or file, not both");
  });

  it("reports an unreadable scenario file as a ScenarioError", () => {
    expect(() => loadScenario("/nonexistent/scenario.yaml")).toThrow(ScenarioError);
    expect(() => loadScenario("/nonexistent/scenario.yaml")).toThrow(
      /^\/nonexistent\/scenario\.yaml: expected a readable scenario file, got ENOENT/,
    );
  });
});

describe("time zones", () => {
  const zoned = (calendar: string, leads: string) =>
    withPacing(
      MINIMAL_SCENARIO.replace("calendar: { start: 2026-12-01 }", calendar).replace(
        "leads: { count: 50 }",
        leads,
      ),
    );
  const mix = "leads: { count: 50, timeZones: { America/Chicago: 0.25, America/New_York: 0.75 } }";

  it("reads the centre's zone and the leads' fractions by zone", () => {
    const s = parseScenario(
      zoned("calendar: { start: 2026-12-01, timeZone: America/New_York }", mix),
      "t.yaml",
    );
    expect(s.calendar.timeZone).toBe("America/New_York");
    expect(s.leads).toEqual({
      kind: "count",
      count: 50,
      timeZones: { "America/Chicago": 0.25, "America/New_York": 0.75 },
    });
  });

  it("rejects zones it does not know, fractions not summing to 1 and a missing centre zone", () => {
    const bad = errorOf(
      zoned(
        "calendar: { start: 2026-12-01, timeZone: Europe/Atlantis }",
        "leads: { count: 50, timeZones: { America/Chicago: 0.5, Mars/Base: 0.5 } }",
      ),
    );
    expect(bad.issues.map((i) => `${i.line} ${i.keyPath}: ${i.expected}`)).toEqual([
      "2 calendar.timeZone: an IANA time zone such as Europe/Rome or America/New_York",
      "6 leads.timeZones.Mars/Base: an IANA time zone such as Europe/Rome or America/New_York",
    ]);
    const sum = errorOf(
      zoned(
        "calendar: { start: 2026-12-01, timeZone: America/New_York }",
        "leads: { count: 50, timeZones: { America/Chicago: 0.5 } }",
      ),
    );
    expect(sum.keyPath).toBe("leads.timeZones");
    expect(sum.got).toBe("a sum of 0.5");
    const centre = errorOf(zoned("calendar: { start: 2026-12-01 }", mix));
    expect(centre.message).toBe(
      "test.yaml:2: calendar.timeZone: expected an IANA time zone such as Europe/Rome or America/New_York (the call centre's: the leads have time zones), got nothing",
    );
  });

  it("reads each lead's zone from the leads file, and wants the centre's zone with it", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "leads.csv"),
      "number,time_zone\n+12125550100,\n+13105550100,America/Los_Angeles\n",
    );
    const text = (calendar: string) => zoned(calendar, "leads: { file: leads.csv }");
    const s = parseScenario(
      text("calendar: { start: 2026-12-01, timeZone: America/New_York }"),
      join(dir, "s.yaml"),
    );
    expect(s.leads).toMatchObject({ kind: "file", timeZones: ["", "America/Los_Angeles"] });
    const e = errorOf(text("calendar: { start: 2026-12-01 }"), join(dir, "s.yaml"));
    expect(e.message).toBe(
      `${join(dir, "s.yaml")}:2: calendar.timeZone: expected an IANA time zone such as Europe/Rome or America/New_York (the call centre's: the leads file gives time zones), got nothing`,
    );
  });
});
