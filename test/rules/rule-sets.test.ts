/**
 * Rule sets as data: the built-in files say what domain.md section 2 says, user-written files
 * are validated with file:line:key errors, and scenarios name a built-in or a file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IT_GARANTE_2014, RULE_SETS } from "../../src/model/rules.js";
import { packagePath } from "../../src/package-root.js";
import {
  BUILT_IN_RULE_SET_IDS,
  BUILT_IN_RULE_SETS,
  resolveRuleSet,
} from "../../src/rules/built-in-rule-sets.js";
import { loadRuleSet, parseRuleSet } from "../../src/rules/load-rule-set.js";
import { loadScenario, parseScenario } from "../../src/scenario/load.js";
import {
  MINIMAL_SCENARIO,
  scenarioErrorOf,
  temporaryFolders,
  withPacing,
} from "../support/scenario-text.js";

const h = (hh: number, mm = 0) => hh * 3600 + mm * 60;

const tempDir = temporaryFolders("pacelab-rules-");
const errorOf = scenarioErrorOf;

/** A complete user-written rule set; tests replace lines of it. */
const MINE = `# my rules
id: acme-2026
version: 3
cutoff: { seconds: 2.5, timerStarts: answer }
ceiling:
  per100: 2
  denominator: answered
  window: calendarDay
  scope: callCentre
whileWaiting: informationMessage
afterSilentCall: { lockoutHours: 48, nextCallAgentGuaranteed: true }
callingHours:
  weekday: ["09:00-12:30", "14:00-19:00"]
  saturday: []
  sunday: []
  holiday: []
  dayBeforeHoliday: ["09:00-12:30"]
retention: { years: 3 }
`;

describe("built-in rule sets", () => {
  it("are the three files in rules/, each citing its source in a comment header", () => {
    const dir = packagePath("rules");
    expect(readdirSync(dir).sort()).toEqual(BUILT_IN_RULE_SET_IDS.map((id) => `${id}.yaml`).sort());
    for (const id of BUILT_IN_RULE_SET_IDS) {
      const text = readFileSync(join(dir, `${id}.yaml`), "utf8");
      expect(text.startsWith("#"), id).toBe(true);
      expect(text, id).toMatch(/Source/);
      expect(BUILT_IN_RULE_SETS[id].id).toBe(id);
      expect(BUILT_IN_RULE_SETS[id].version).toBe("1");
    }
  });

  it("Italy: 3 per 100 connected per campaign, 3 s from the answer, 5 days then an agent", () => {
    const it = BUILT_IN_RULE_SETS["it-garante-2014"];
    expect(it).toMatchObject({
      ceilingPer100: 3,
      denominator: "connected",
      window: "campaign",
      scope: "campaign",
      cutoffLimitSeconds: 3,
      cutoffTimerStart: "answer",
      whileWaiting: "comfortNoise",
      lockoutSeconds: 5 * 86_400,
      lockoutAllowsGuaranteedCall: false,
      guaranteeAgentAfterSilent: true,
      sameDayRepeatAfterAmdHangup: "allowed",
      minimumRing: null,
      callingHoursTimeZone: "callCentre",
      retentionYears: 2,
      numerator: { counts: "notConnectedWithinCutoff", amdFalsePositives: true },
    });
    expect(it.callingHours).toEqual({
      weekday: [{ start: h(9), end: h(20) }],
      saturday: [{ start: h(10), end: h(19) }],
      sunday: [],
      holiday: [],
      dayBeforeHoliday: [{ start: h(10), end: h(19) }],
    });
    // The simulator's view is the same object.
    expect(IT_GARANTE_2014).toBe(it);
    expect(RULE_SETS).toBe(BUILT_IN_RULE_SETS);
  });

  it("UK: 3% of live calls per day, 2 s from speech, 72 h unless an agent, same-day AMD rule", () => {
    expect(BUILT_IN_RULE_SETS["uk-ofcom-2016"]).toMatchObject({
      ceilingPer100: 3,
      denominator: "answered",
      window: "calendarDay",
      cutoffLimitSeconds: 2,
      cutoffTimerStart: "speechStart",
      whileWaiting: "informationMessage",
      lockoutSeconds: 72 * 3600,
      lockoutAllowsGuaranteedCall: true,
      guaranteeAgentAfterSilent: false,
      sameDayRepeatAfterAmdHangup: "agentGuaranteed",
      minimumRing: { seconds: 15, rings: null },
      numerator: { amdFalsePositiveEstimatePercent: 0, machineDropEstimatePercent: 0 },
    });
  });

  it("US: 3% of live answers over 30 days, 2 s after the greeting, no lock-out, 08:00-21:00 theirs", () => {
    const us = BUILT_IN_RULE_SETS["us-tcpa"];
    expect(us).toMatchObject({
      ceilingPer100: 3,
      denominator: "answered",
      window: "rolling30Days",
      cutoffLimitSeconds: 2,
      cutoffTimerStart: "greetingEnd",
      lockoutSeconds: 0,
      guaranteeAgentAfterSilent: false,
      minimumRing: { seconds: 15, rings: 4 },
      callingHoursTimeZone: "calledParty",
      retentionYears: 5,
    });
    expect(us.callingHours.sunday).toEqual([{ start: h(8), end: h(21) }]);
  });
});

describe("user-written rule sets", () => {
  it("are read with defaults for the optional keys", () => {
    const r = parseRuleSet(MINE, "mine.yaml");
    expect(r).toMatchObject({
      id: "acme-2026",
      version: "3",
      title: "",
      ceilingPer100: 2,
      denominator: "answered",
      window: "calendarDay",
      scope: "callCentre",
      cutoffLimitSeconds: 2.5,
      lockoutSeconds: 48 * 3600,
      lockoutAllowsGuaranteedCall: false,
      guaranteeAgentAfterSilent: true,
      sameDayRepeatAfterAmdHangup: "allowed",
      minimumRing: null,
      callingHoursTimeZone: "callCentre",
      retentionYears: 3,
      numerator: {
        counts: "notConnectedWithinCutoff",
        amdFalsePositives: true,
        amdFalsePositiveEstimatePercent: 0,
        machineDropEstimatePercent: 0,
      },
    });
    expect(r.callingHours.weekday).toEqual([
      { start: h(9), end: h(12, 30) },
      { start: h(14), end: h(19) },
    ]);
  });

  it("reject bad keys and values with file, line and key", () => {
    const bad = (from: string, to: string) =>
      errorOf(() => parseRuleSet(MINE.replace(from, to), "mine.yaml"));
    expect(bad("  scope: callCentre", "  scope: planet").message).toBe(
      'mine.yaml:9: ceiling.scope: expected one of campaign, callCentre, got "planet"',
    );
    expect(bad("  per100: 2", "  per100: 2\n  perDay: 4").message).toBe(
      'mine.yaml:7: ceiling.perDay: expected a known key (one of per100, numerator, denominator, window, scope), got unknown key "perDay"',
    );
    expect(bad("retention: { years: 3 }\n", "").message).toBe(
      "mine.yaml:2: retention: expected a mapping with keys years, got nothing",
    );
    expect(
      bad('  weekday: ["09:00-12:30", "14:00-19:00"]', '  weekday: ["09:00-15:00", "14:00-19:00"]')
        .keyPath,
    ).toBe("callingHours.weekday[1]");
    expect(
      bad("{ lockoutHours: 48,", "{ lockoutHours: 0, duringLockout: agentGuaranteed,").keyPath,
    ).toBe("afterSilentCall.lockoutHours");
    expect(bad("id: acme-2026", "id: Acme 2026").message).toContain(
      "mine.yaml:2: id: expected an identifier",
    );
    expect(bad("version: 3", "version: 3\nversion: 4").expected).toBe("valid YAML");
    expect(errorOf(() => parseRuleSet("", "empty.yaml")).message).toBe(
      `empty.yaml: expected a mapping of rule-set keys (id, version, title, source, cutoff, ceiling, whileWaiting, afterSilentCall, afterAmdHangup, minimumRing, callingHours, retention), got an empty file`,
    );
  });

  it("report an unreadable file as bad input", () => {
    expect(errorOf(() => loadRuleSet("/nonexistent/rules.yaml")).message).toMatch(
      /^\/nonexistent\/rules.yaml: expected a readable rule-set file, got ENOENT/,
    );
  });

  it("are found by id or by path for --rules", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.yaml"), MINE);
    expect(resolveRuleSet("us-tcpa", dir, "--rules")).toBe(BUILT_IN_RULE_SETS["us-tcpa"]);
    expect(resolveRuleSet("mine.yaml", dir, "--rules").id).toBe("acme-2026");
    expect(resolveRuleSet(join(dir, "mine.yaml"), "/", "--rules").id).toBe("acme-2026");
    expect(errorOf(() => resolveRuleSet("uk", dir, "--rules")).message).toBe(
      '--rules: expected a built-in rule set (one of it-garante-2014, uk-ofcom-2016, us-tcpa) or a rule-set file ending in .yaml, got "uk"',
    );
  });
});

describe("scenarios naming a rule set", () => {
  const scenario = (rules: string, extra = "") =>
    withPacing(`${MINIMAL_SCENARIO}${rules}\n${extra}\n`);

  it("take a built-in id, with the rule set's cut-off bounding the dialer's", () => {
    const s = parseScenario(scenario("rules: uk-ofcom-2016"), "t.yaml");
    expect(s.rules).toEqual(BUILT_IN_RULE_SETS["uk-ofcom-2016"]);
    expect(s.dialer.cutoffSeconds).toBe(2);
    const e = errorOf(() =>
      parseScenario(scenario("rules: uk-ofcom-2016", "dialer: { cutoffSeconds: 3 }"), "t.yaml"),
    );
    expect(e.message).toContain(
      "dialer.cutoffSeconds: expected a number from 0 to 2 (the cut-off of rules uk-ofcom-2016)",
    );
  });

  it("take a file relative to the scenario, with overrides on top", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.yaml"), MINE);
    writeFileSync(join(dir, "a.yaml"), scenario("rules: mine.yaml"));
    writeFileSync(join(dir, "b.yaml"), scenario("rules: { file: mine.yaml, lockoutDays: 7 }"));
    const a = loadScenario(join(dir, "a.yaml"));
    expect(a.rules).toEqual(parseRuleSet(MINE, "x"));
    expect(a.dialer.cutoffSeconds).toBe(2.5);
    const b = loadScenario(join(dir, "b.yaml"));
    expect(b.rules.id).toBe("acme-2026");
    expect(b.rules.lockoutSeconds).toBe(7 * 86_400);
  });

  it("cite the scenario's line for a missing file and the rule file's lines for a bad one", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad-rules.yaml"), MINE.replace("per100: 2", "per100: lots"));
    writeFileSync(join(dir, "a.yaml"), scenario("rules: { file: nope.yaml }"));
    writeFileSync(join(dir, "b.yaml"), scenario("rules: bad-rules.yaml"));
    const missing = errorOf(() => loadScenario(join(dir, "a.yaml")));
    expect(missing.message).toMatch(
      new RegExp(
        `^${join(dir, "a.yaml")}:13: rules.file: expected a readable rule-set file \\(path relative to the scenario file\\), got "nope.yaml" \\(.*ENOENT`,
      ),
    );
    const bad = errorOf(() => loadScenario(join(dir, "b.yaml")));
    expect(bad.message).toBe(
      `${join(dir, "bad-rules.yaml")}:6: ceiling.per100: expected a number from 0 to 100, got "lots"\n${join(dir, "a.yaml").replace("a.yaml", "b.yaml")}:13: rules: names that file`,
    );
  });

  it("reject a preset and a file together, and neither", () => {
    const both = errorOf(() =>
      parseScenario(scenario("rules: { preset: us-tcpa, file: x.yaml }"), "t.yaml"),
    );
    expect(both.message).toBe(
      "t.yaml:13: rules.file: expected either preset or file, not both, got file next to preset",
    );
    expect(
      errorOf(() => parseScenario(scenario("rules: { ceilingPer100: 2 }"), "t.yaml")).keyPath,
    ).toBe("rules.preset");
  });
});
