/**
 * Rule-set fields the simulator enforces beyond the ceiling and the lock-out: the minimum ring
 * (a scenario whose dialer gives up sooner is rejected), the UK's repeat call inside the 72-hour
 * lock-out with an agent guaranteed, the UK's same-day rule after an AMD hang-up, and calling
 * hours on the called party's clock. Each is checked on the call log and by auditing the
 * simulator's calls with the same rule set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_DAY_CALLING_HOURS } from "../../src/calendar/calendar.js";
import { Audit } from "../../src/compliance/audit.js";
import { auditFile } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import { ScenarioError } from "../../src/io/read/scenario-error.js";
import { writeFilesAtomically } from "../../src/io/write/write-files.js";
import type { Call } from "../../src/model/call.js";
import { simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { callsCsv } from "../../src/report/calls-csv.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import { parseScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";
import { MINIMAL_SCENARIO, withPacing } from "../support/scenario-text.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UK = BUILT_IN_RULE_SETS["uk-ofcom-2016"];
const IT = BUILT_IN_RULE_SETS["it-garante-2014"];
const HOUR = 3600;
const DAY = 86_400;

/** Three days of 3 agents at ratio 3 with many machines and AMD on: silent calls and AMD hang-ups. */
function busyScenario(rules: Scenario["rules"], lockAfterHangup: boolean): Scenario {
  const base = makeScenario();
  return makeScenario({
    calendar: { start: "2026-12-01", days: 3, holidays: [] },
    rules,
    agents: { ...base.agents, groups: [{ count: 3, start: 9 * HOUR, end: 17 * HOUR, breaks: [] }] },
    leads: { kind: "count", count: 3000 },
    outcomes: {
      ...base.outcomes,
      probabilities: { person: 0.35, machine: 0.3, busy: 0.05, noAnswer: 0.25, invalid: 0.05 },
    },
    dialer: {
      ...base.dialer,
      cutoffSeconds: rules.cutoffLimitSeconds,
      amd: { ...base.dialer.amd, enabled: true, falsePositiveRate: 0.05, lockAfterHangup },
    },
    // The dialer would like to call again an hour after a drop, two after a machine.
    retries: {
      ...base.retries,
      silent: { delaySeconds: HOUR, maxAttempts: 3 },
      machine: { delaySeconds: 2 * HOUR, maxAttempts: 3 },
    },
    pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
  });
}

/**
 * Simulates with every call recorded and audits the per-call CSV under the same rules (told
 * the centre's time zone); `withTimeZones: false` leaves the leads' zones out of the CSV.
 */
async function simulateAndAudit(scenario: Scenario, name: string, withTimeZones = true) {
  const run = simulateCampaign(scenario, { seed: 11, recordCalls: true });
  const calls = run.calls ?? [];
  const zones = withTimeZones ? run.timeZoneOf : null;
  const [file] = writeFilesAtomically(dir, [
    {
      name: `${name}.csv`,
      content: callsCsv(scenario.name, calls, null, scenario.calendar.start, zones),
    },
  ]);
  const timeZone = scenario.calendar.timeZone;
  const audit = new Audit(scenario.rules, {
    holidays: [],
    listLimit: 1e6,
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  const { result } = await auditFile(file, audit, pacelabFormat);
  return { calls, summary: summarizeCampaign(run, scenario.rules), violations: result.violations };
}

/** Every later call to a lead, paired with each earlier call of it that ended with `results`. */
function laterCalls(calls: readonly Call[], results: readonly string[]) {
  const byLead = new Map<number, Call[]>();
  for (const c of calls) byLead.set(c.lead, [...(byLead.get(c.lead) ?? []), c]);
  const out: { after: Call; next: Call }[] = [];
  for (const list of byLead.values()) {
    list.forEach((after, i) => {
      if (!results.includes(String(after.result))) return;
      for (const next of list.slice(i + 1)) out.push({ after, next });
    });
  }
  return out;
}

const SILENT = [
  "silent-no-agent",
  "silent-callee-hung-up",
  "silent-amd-too-slow",
  "silent-amd-false-positive",
  "machine-hangup",
];

/**
 * One lead and one agent, every step a fixed time: the call is placed at 09:00:00, answered 2 s
 * later, and AMD's verdict comes 1 s after that, always machine: the dialer hangs up at
 * 09:00:03. `answeredBy` picks who answered (a person hung up on is a silent call, and the
 * dialer locks the number); the dialer calls again after `retries`.
 */
function oneLead(
  rules: Scenario["rules"],
  answeredBy: "person" | "machine",
  retries: Partial<Scenario["retries"]>,
  shift: { start: number; end: number } = { start: 9 * HOUR, end: 17 * HOUR },
): Scenario {
  const base = makeScenario();
  const fixed = (value: number) => ({ dist: "fixed" as const, value });
  return makeScenario({
    calendar: { start: "2026-12-01", days: 5, holidays: [] },
    rules,
    agents: { ...base.agents, groups: [{ count: 1, ...shift, breaks: [] }] },
    leads: { kind: "count", count: 1 },
    outcomes: {
      ...base.outcomes,
      probabilities: {
        person: answeredBy === "person" ? 1 : 0,
        machine: answeredBy === "machine" ? 1 : 0,
        busy: 0,
        noAnswer: 0,
        invalid: 0,
      },
      ring: { ...base.outcomes.ring, person: fixed(2), machine: fixed(2) },
    },
    dialer: {
      ...base.dialer,
      cutoffSeconds: rules.cutoffLimitSeconds,
      amd: {
        enabled: true,
        detection: fixed(1),
        falsePositiveRate: 1,
        falseNegativeRate: 0,
        // The dialer locks a number after a hang-up on a person (its silent calls).
        lockAfterHangup: answeredBy === "person",
      },
    },
    retries: { ...base.retries, ...retries },
    pacing: { algorithm: "progressive" },
  });
}

describe("rule-set fields the simulator enforces", () => {
  it("rejects a dialer that gives up before the rule set's minimum ring", () => {
    const text = (rules: string, timeout: number) =>
      withPacing(
        `${MINIMAL_SCENARIO}rules: ${rules}\ndialer: { noAnswerTimeoutSeconds: ${timeout}, cutoffSeconds: 2 }\n`,
      );
    let error: unknown;
    try {
      parseScenario(text("uk-ofcom-2016", 14.9), "s.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(
      "s.yaml:14: dialer.noAnswerTimeoutSeconds: expected a number >= 15 (the minimum ring of rules uk-ofcom-2016: the dialer may not give up sooner), got 14.9",
    );
    expect(parseScenario(text("uk-ofcom-2016", 15), "s.yaml").dialer.noAnswerTimeoutSeconds).toBe(
      15,
    );
    // Italy sets no minimum ring.
    expect(parseScenario(text("it-garante-2014", 5), "s.yaml").dialer.noAnswerTimeoutSeconds).toBe(
      5,
    );
  });

  it("UK: recontacts inside the 72-hour lock-out go out only with an agent guaranteed", async () => {
    const { calls, summary, violations } = await simulateAndAudit(busyScenario(UK, true), "uk");
    const recontacts = laterCalls(calls, SILENT);
    const inside = recontacts.filter(
      ({ after, next }) => next.placedAt - after.endedAt < 72 * HOUR,
    );
    expect(inside.length).toBeGreaterThan(0);
    for (const { next } of inside) expect(next.reservedAgent).toBeGreaterThanOrEqual(0);
    expect(summary.recontactViolations).toBe(0);
    expect(summary.recontactsRefused).toBe(0);
    expect(violations.recontactInsideLockout.count).toBe(0);
    expect(violations.recontactWithoutAgent.count).toBe(0);
  });

  it("Italy: the same retry rule is held back to the end of the 5-day lock-out", async () => {
    const { calls, summary, violations } = await simulateAndAudit(busyScenario(IT, true), "it");
    expect(laterCalls(calls, SILENT)).toEqual([]); // three days: no recontact at all
    expect(summary.recontactsRefused).toBeGreaterThan(0);
    expect(violations.recontactInsideLockout.count).toBe(0);
  });

  it("UK: no same-day repeat after an AMD hang-up without an agent guaranteed", async () => {
    const { calls, violations } = await simulateAndAudit(busyScenario(UK, false), "uk-same-day");
    const sameDay = laterCalls(calls, ["machine-hangup", "silent-amd-false-positive"]).filter(
      ({ after, next }) => Math.floor(next.placedAt / DAY) === Math.floor(after.endedAt / DAY),
    );
    expect(sameDay.length).toBeGreaterThan(0);
    for (const { next } of sameDay) expect(next.reservedAgent).toBeGreaterThanOrEqual(0);
    expect(violations.sameDayAfterAmdHangup.count).toBe(0);
  });

  it("UK: a recontact at the last second of the 72-hour lock-out has an agent reserved, one at its end need not", async () => {
    // The silent call ends at 09:00:03; the recontact is due 72 h later less 1 s, or exactly.
    for (const [delay, reserved] of [
      [72 * HOUR - 1, true],
      [72 * HOUR, false],
    ] as const) {
      const scenario = oneLead(UK, "person", { silent: { delaySeconds: delay, maxAttempts: 2 } });
      const { calls, summary, violations } = await simulateAndAudit(scenario, `lock-${delay}`);
      expect(calls).toHaveLength(2);
      const [silent, recontact] = calls;
      expect(silent.result).toBe("silent-amd-false-positive");
      expect(silent.endedAt).toBe(9 * HOUR + 3);
      expect(recontact.placedAt - silent.endedAt).toBeGreaterThanOrEqual(delay);
      expect(recontact.reservedAgent >= 0).toBe(reserved);
      expect(summary.recontactViolations).toBe(0);
      expect(violations.recontactInsideLockout.count).toBe(0);
      expect(violations.recontactWithoutAgent.count).toBe(0);
    }
  });

  it("Italy: no recontact inside the 5-day lock-out, even with an agent free", async () => {
    const scenario = {
      ...oneLead(IT, "person", { silent: { delaySeconds: HOUR, maxAttempts: 2 } }),
      calendar: { start: "2026-12-01", days: 7, holidays: [] },
    };
    const { calls, summary, violations } = await simulateAndAudit(scenario, "lock-it");
    expect(calls).toHaveLength(2);
    expect(calls[1].placedAt - calls[0].endedAt).toBeGreaterThanOrEqual(IT.lockoutSeconds);
    expect(calls[1].reservedAgent).toBeGreaterThanOrEqual(0); // the first call after it
    expect(summary.recontactsRefused).toBe(1);
    expect(violations.recontactInsideLockout.count).toBe(0);
    expect(violations.recontactWithoutAgent.count).toBe(0);
  });

  it("UK: a repeat after an AMD hang-up is reserved if due the same day, not if due at midnight", async () => {
    // Calls all day; the agent works 00:00-23:59:50. The machine hang-up ends at 00:00:03.
    const rules = { ...UK, callingHours: ALL_DAY_CALLING_HOURS };
    const shift = { start: 0, end: 24 * HOUR - 10 };
    for (const [rulesUsed, due, reserved] of [
      [rules, 24 * HOUR - 60, true], // 23:59:00, the same day
      [rules, 24 * HOUR, false], // 00:00:00, the next day
      [{ ...IT, callingHours: rules.callingHours }, 24 * HOUR - 60, false], // no such rule
    ] as const) {
      const scenario = oneLead(
        rulesUsed,
        "machine",
        { machine: { delaySeconds: due - 3, maxAttempts: 2 } },
        shift,
      );
      const { calls, violations } = await simulateAndAudit(scenario, `amd-${rulesUsed.id}-${due}`);
      expect(calls).toHaveLength(2);
      const [hangup, repeat] = calls;
      expect(hangup.result).toBe("machine-hangup");
      expect(hangup.endedAt).toBe(3);
      expect(repeat.reservedAgent >= 0).toBe(reserved);
      expect(Math.floor(repeat.placedAt / DAY)).toBe(Math.floor(due / DAY));
      expect(violations.sameDayAfterAmdHangup.count).toBe(0);
    }
  });

  it("never gives up on a ringing call before the minimum ring", async () => {
    const { calls, violations } = await simulateAndAudit(busyScenario(UK, true), "uk-ring");
    const unanswered = calls.filter((c) => c.result === "no-answer");
    expect(unanswered.length).toBeGreaterThan(0);
    for (const c of unanswered) {
      expect(c.endedAt - c.placedAt).toBeGreaterThanOrEqual(UK.minimumRing?.seconds ?? Number.NaN);
    }
    expect(violations.shortRing.count).toBe(0);
    // A scenario built in code is refused too.
    const short = busyScenario(UK, true);
    expect(() =>
      simulateCampaign(
        { ...short, dialer: { ...short.dialer, noAnswerTimeoutSeconds: 14 } },
        { seed: 1 },
      ),
    ).toThrow(
      /dialer\.noAnswerTimeoutSeconds: expected a number >= 15 \(the minimum ring of rules uk-ofcom-2016\)/,
    );
  });

  it("US: a lead in another time zone is refused outside its own hours and called inside them", async () => {
    // The centre is in New York; lead 0 too, lead 1 in Los Angeles (3 h behind). Nobody
    // answers; the dialer calls again 12.5 h after each attempt.
    const base = makeScenario();
    const scenario = makeScenario({
      calendar: { start: "2026-12-01", days: 2, holidays: [], timeZone: "America/New_York" },
      rules: BUILT_IN_RULE_SETS["us-tcpa"],
      agents: {
        ...base.agents,
        groups: [{ count: 1, start: 9 * HOUR, end: 23.9 * HOUR, breaks: [] }],
      },
      leads: {
        kind: "file",
        path: "leads.csv",
        numbers: ["+12125550100", "+13105550100"],
        timeZones: ["", "America/Los_Angeles"],
      },
      outcomes: {
        ...base.outcomes,
        probabilities: { person: 0, machine: 0, busy: 0, noAnswer: 1, invalid: 0 },
      },
      dialer: { ...base.dialer, cutoffSeconds: 2 },
      retries: { ...base.retries, noAnswer: { delaySeconds: 12.5 * HOUR, maxAttempts: 2 } },
      pacing: { algorithm: "progressive" },
    });
    const { calls, summary, violations } = await simulateAndAudit(scenario, "us-zones");
    const placed = (lead: number) => calls.filter((c) => c.lead === lead).map((c) => c.placedAt);
    const [ny1, ny2] = placed(0);
    const [la1, la2] = placed(1);
    expect(ny1).toBe(9 * HOUR);
    // 09:00 in New York is 06:00 in Los Angeles: held to 08:00 there, 11:00 here.
    expect(la1).toBeGreaterThanOrEqual(11 * HOUR);
    expect(la1).toBeLessThan(11 * HOUR + 5);
    // The retries come due at 21:30 and 23:30 New York time: too late in New York, so held to
    // the next morning; 20:30 in Los Angeles, so placed at once.
    expect(ny2).toBe(DAY + 9 * HOUR);
    expect(la2).toBeGreaterThanOrEqual(la1 + 25 + 12.5 * HOUR);
    expect(la2).toBeLessThan(la1 + 25 + 12.5 * HOUR + 5);
    expect(summary.gateRefusals.outsideCallingHours).toBe(2);
    expect(summary.leads.refused).toBe(0); // held back, not finished
    expect(violations.outsideCallingHours.count).toBe(0);
    // Audited on New York's clock alone, the call to Los Angeles at 23:30 looks late.
    const blind = await simulateAndAudit(scenario, "us-zones-blind", false);
    expect(blind.violations.outsideCallingHours.listed.map((v) => v.start)).toEqual([
      "2026-12-01T23:30:25.000",
    ]);
  });
});
