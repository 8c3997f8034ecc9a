/**
 * The simulator and the audit agree on the same calls: simulate with every call recorded, write
 * the simulator's calls.csv, audit it with the same rule set, and compare counts, ratios and
 * verdicts. The one documented difference: the simulator counts a recontact violation on the
 * first call after a silent call only, the audit on every call inside the lock-out, so the audit's
 * violations are compared by the silent call they follow.
 *
 * Under the UK and US rule sets the simulator enforces more (calls inside the 72-hour lock-out
 * and the day of an AMD hang-up only with an agent reserved, the minimum ring, calling hours in
 * the called party's time zone): audited under the same rules, its calls break none of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Audit, VIOLATION_KINDS } from "../../src/compliance/audit.js";
import { auditFile } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import { writeFilesAtomically } from "../../src/io/write/write-files.js";
import { simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { callsCsv } from "../../src/report/calls-csv.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";

const SCENARIOS = join(import.meta.dirname, "../../scenarios");
const dir = mkdtempSync(join(tmpdir(), "pacelab-agreement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function simulateAndAudit(scenario: Scenario, name: string, withTimeZones = true) {
  const run = simulateCampaign(scenario, { seed: scenario.seed, recordCalls: true });
  const summary = summarizeCampaign(run, scenario.rules);
  const numbers = scenario.leads.kind === "file" ? scenario.leads.numbers : null;
  const zones = withTimeZones ? run.timeZoneOf : null;
  const [file] = writeFilesAtomically(dir, [
    {
      name: `${name}.csv`,
      content: callsCsv(scenario.name, run.calls ?? [], numbers, scenario.calendar.start, zones),
    },
  ]);
  const timeZone = scenario.calendar.timeZone;
  const audit = new Audit(scenario.rules, {
    holidays: scenario.calendar.holidays,
    listLimit: 1e6,
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  const { result } = await auditFile(file, audit, pacelabFormat);
  return { summary, result };
}

/** `scenario` under another built-in rule set, its cut-off lowered to the rule's if need be. */
function under(scenario: Scenario, id: string): Scenario {
  const rules = BUILT_IN_RULE_SETS[id];
  const cutoffSeconds = Math.min(scenario.dialer.cutoffSeconds, rules.cutoffLimitSeconds);
  return { ...scenario, rules, dialer: { ...scenario.dialer, cutoffSeconds } };
}

/** The audit counted every attempt and the same answers, connections and silent calls. */
function expectSameCalls(
  summary: Awaited<ReturnType<typeof simulateAndAudit>>["summary"],
  result: Awaited<ReturnType<typeof simulateAndAudit>>["result"],
): void {
  expect(result.rows).toBe(summary.attempts);
  expect(result.totals).toMatchObject({
    attempts: summary.attempts,
    liveAnswers: summary.humanAnswered,
    connected: summary.connected,
    silent: summary.silent,
  });
  expect(summary.silent).toBeGreaterThan(0);
}

describe("the simulator and the audit agree", () => {
  const cases: [string, () => Scenario][] = [
    [
      "multi-day: 10 days, silent calls, 5-day lock-outs, a holiday",
      () => loadScenario(join(SCENARIOS, "multi-day.yaml")),
    ],
    [
      "machine-heavy: AMD false positives and too-slow detection",
      () => loadScenario(join(SCENARIOS, "machine-heavy.yaml")),
    ],
    [
      "machine-heavy with AMD hang-ups not locked: recontact violations",
      () => {
        const s = loadScenario(join(SCENARIOS, "machine-heavy.yaml"));
        return {
          ...s,
          calendar: { ...s.calendar, days: 7 },
          dialer: { ...s.dialer, amd: { ...s.dialer.amd, lockAfterHangup: false } },
        };
      },
    ],
  ];

  for (const [name, make] of cases) {
    it(name, async () => {
      const scenario = make();
      const { summary, result } = await simulateAndAudit(
        scenario,
        name.split(":")[0].replaceAll(" ", "-"),
      );
      // Every attempt audited, the same calls counted, the same ratio to the last bit.
      expectSameCalls(summary, result);
      expect(result.windows).toHaveLength(1);
      const w = result.windows[0];
      expect(w.per100).toBe(summary.ceiling.ratio);
      expect(w.per100).toBe(summary.silentPer100Connected);
      expect(w.within).toBe(summary.ceiling.within);
      // The simulator enforces the cut-off and the calling hours.
      expect(summary.maxSilentHoldSeconds).toBeLessThanOrEqual(scenario.rules.cutoffLimitSeconds);
      expect(result.violations.heldPastCutoff.count).toBe(0);
      expect(result.violations.outsideCallingHours.count).toBe(0);
      // Recontacts, by the silent call they follow.
      const recontacts = [
        ...result.violations.recontactInsideLockout.listed,
        ...result.violations.recontactWithoutAgent.listed,
      ];
      expect(new Set(recontacts.map((v) => v.relatedLine)).size).toBe(summary.recontactViolations);
      // Locking AMD hang-ups keeps the rule; leaving them unlocked breaks it, and both see it.
      expect(summary.recontactViolations > 0).toBe(!scenario.dialer.amd.lockAfterHangup);
    });
  }

  const stricter: [string, () => Scenario][] = [
    [
      "multi-day under uk-ofcom-2016: recontacts inside the 72-hour lock-out",
      () => under(loadScenario(join(SCENARIOS, "multi-day.yaml")), "uk-ofcom-2016"),
    ],
    [
      "machine-heavy under uk-ofcom-2016: same-day repeats after AMD hang-ups",
      () => {
        const s = under(loadScenario(join(SCENARIOS, "machine-heavy.yaml")), "uk-ofcom-2016");
        // Hang-ups on machines are not locked, so their same-day repeats meet the AMD rule.
        return { ...s, dialer: { ...s.dialer, amd: { ...s.dialer.amd, lockAfterHangup: false } } };
      },
    ],
    [
      "machine-heavy under us-tcpa: leads in four US time zones, the centre in New York",
      () => {
        const s = under(loadScenario(join(SCENARIOS, "machine-heavy.yaml")), "us-tcpa");
        return {
          ...s,
          calendar: { ...s.calendar, days: 2, timeZone: "America/New_York" },
          agents: {
            ...s.agents,
            groups: s.agents.groups.map((g) => ({ ...g, start: 7 * 3600, end: 23.5 * 3600 })),
          },
          leads: {
            kind: "count",
            count: 20_000,
            timeZones: {
              "America/New_York": 0.4,
              "America/Chicago": 0.3,
              "America/Denver": 0.1,
              "America/Los_Angeles": 0.2,
            },
          },
        };
      },
    ],
  ];

  for (const [name, make] of stricter) {
    it(name, async () => {
      const scenario = make();
      const slug = name.split(":")[0].replaceAll(" ", "-");
      const { summary, result } = await simulateAndAudit(scenario, slug);
      expectSameCalls(summary, result);
      // Nothing the simulator claims to prevent is found by the audit.
      expect(summary.recontactViolations).toBe(0);
      for (const kind of VIOLATION_KINDS)
        expect([kind, result.violations[kind].count]).toEqual([kind, 0]);
      if (scenario.rules.lockoutAllowsGuaranteedCall) {
        // The rule that was put to work: calls inside the lock-out, each with an agent reserved.
        expect(summary.guaranteedCalls).toBeGreaterThan(0);
      }
      if (scenario.calendar.timeZone !== undefined) {
        // The gate held calls back to their leads' hours; the centre's clock alone would not.
        expect(summary.gateRefusals.outsideCallingHours).toBeGreaterThan(0);
        const blind = await simulateAndAudit(scenario, `${slug}-no-zones`, false);
        expect(blind.result.violations.outsideCallingHours.count).toBeGreaterThan(0);
      }
    });
  }
});
