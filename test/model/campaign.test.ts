import { describe, expect, it, vi } from "vitest";
import { campaignDays } from "../../src/calendar/calendar.js";
import type { Call } from "../../src/model/call.js";
import { simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import type { PacingConfig } from "../../src/pacing/config.js";
import { GuardedPacer } from "../../src/pacing/guarded.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

const progressive: PacingConfig = { algorithm: "progressive" };
const aggressiveRatio: PacingConfig = {
  algorithm: "vicidial-ratio",
  level: 3,
  cadenceSeconds: 2.5,
};
const guardedRatio: PacingConfig = {
  algorithm: "guarded",
  inner: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
  ceilingPer100: 3,
  denominator: "connected",
};

function summary(scenario: Scenario, seed = 1) {
  return summarizeCampaign(simulateCampaign(scenario, { seed }), scenario.rules);
}

function calls(scenario: Scenario, seed = 1): readonly Call[] {
  return simulateCampaign(scenario, { seed, recordCalls: true }).calls as Call[];
}

const isSilent = (c: Call) => c.result.startsWith("silent");

describe("campaign model", () => {
  it("gives byte-identical results for the same seed and different ones for another", () => {
    const s = makeScenario();
    const a = JSON.stringify(summary(s, 7));
    expect(JSON.stringify(summary(s, 7))).toBe(a);
    expect(JSON.stringify(summary(s, 8))).not.toBe(a);
  });

  it("gives the same run whether it logs its calls or reuses the records of ended ones", () => {
    // Three agents under RATIO 6 with patient callees: calls queue for an agent, and a record
    // dropped from the queue is often reused for a call that queues again before the stale
    // entry is drained (serving it there would break the queue's order).
    const base = makeScenario();
    const scenario = makeScenario({
      agents: {
        ...base.agents,
        groups: [{ ...base.agents.groups[0], count: 3 }],
        talk: { dist: "fixed", value: 120 },
      },
      pacing: { algorithm: "vicidial-ratio", level: 6, cadenceSeconds: 2.5 },
      callee: { ...base.callee, patience: { dist: "exponential", mean: 600 } },
    });
    const reusing = summary(scenario);
    const logged = simulateCampaign(scenario, { seed: 1, recordCalls: true });
    expect(JSON.stringify(summarizeCampaign(logged, scenario.rules))).toBe(JSON.stringify(reusing));
    const records = logged.calls as Call[];
    expect(records).toHaveLength(reusing.attempts);
    expect(new Set(records).size).toBe(records.length); // one record per attempt when logged
    expect(records.filter((c) => c.result === "silent-no-agent").length).toBeGreaterThan(100);
  });

  it("gives the same run when a pacer that reads counts only is asked at every decision", () => {
    // Two days (today's counters reset) with AMD (calls under detection): every kind of count.
    const base = makeScenario();
    const scenario = makeScenario({
      calendar: { ...base.calendar, days: 2 },
      agents: { ...base.agents, groups: [{ ...base.agents.groups[0], count: 30 }] },
      leads: { kind: "count", count: 20_000 },
      dialer: { ...base.dialer, amd: { ...base.dialer.amd, enabled: true } },
      pacing: {
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
      },
    });
    // Event ids differ (suspended ticks are never scheduled): compare what happened, not them.
    const attempts = () =>
      JSON.stringify(calls(scenario), (key, value) =>
        key === "timer" || key === "patienceTimer" ? undefined : value,
      );
    const asked = vi.spyOn(GuardedPacer.prototype, "decide");
    const reused = attempts();
    const decisionsReused = asked.mock.calls.length;
    const everyTime = vi.spyOn(GuardedPacer.prototype, "readsCountsOnly", "get");
    everyTime.mockReturnValue(false);
    asked.mockClear();
    try {
      expect(attempts()).toBe(reused);
      expect(decisionsReused).toBeLessThan(asked.mock.calls.length);
    } finally {
      everyTime.mockRestore();
      asked.mockRestore();
    }
  });

  it("has no silent calls under progressive dialing without AMD", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = summary(makeScenario({ pacing: progressive }), seed);
      expect(s.attempts).toBeGreaterThan(1000);
      expect(s.connected).toBeGreaterThan(100);
      expect(s.silent).toBe(0);
      expect(s.locksApplied).toBe(0);
    }
  });

  it("produces silent calls when overdialing, held no longer than the cut-off", () => {
    const leads = { kind: "count", count: 50_000 } as const;
    const s = summary(makeScenario({ pacing: aggressiveRatio, leads }));
    expect(s.silent).toBeGreaterThan(0);
    expect(s.maxSilentHoldSeconds).toBeLessThanOrEqual(3 + 1e-9);
    expect(s.silentByCause.noAgent + s.silentByCause.calleeHungUp).toBe(s.silent);
    expect(s.agentOccupancy).toBeGreaterThan(
      summary(makeScenario({ pacing: progressive, leads })).agentOccupancy,
    );
  });

  it("drops at once with a cut-off of 0", () => {
    const base = makeScenario();
    const s = summary(
      makeScenario({ pacing: aggressiveRatio, dialer: { ...base.dialer, cutoffSeconds: 0 } }),
    );
    expect(s.silent).toBeGreaterThan(0);
    expect(s.maxSilentHoldSeconds).toBe(0);
  });

  it("keeps the guarded pacer under the ceiling across many seeds, above progressive's occupancy", () => {
    const small = makeScenario({
      pacing: guardedRatio,
      agents: {
        ...makeScenario().agents,
        groups: [{ count: 5, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      },
    });
    let guardedOccupancy = 0;
    let progressiveOccupancy = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const s = summary(small, seed);
      expect(s.ceiling.within).toBe(true);
      expect(s.silentPer100Connected as number).toBeLessThanOrEqual(3);
      guardedOccupancy += s.agentOccupancy;
      progressiveOccupancy += summary({ ...small, pacing: progressive }, seed).agentOccupancy;
    }
    expect(guardedOccupancy).toBeGreaterThan(progressiveOccupancy);
  });

  it("places calls only inside calling hours and never on a Sunday", () => {
    const s = makeScenario({
      calendar: { start: "2026-12-05", days: 3, holidays: [] }, // Saturday, Sunday, Monday
      agents: {
        ...makeScenario().agents,
        groups: [{ count: 5, start: 8 * 3600, end: 21 * 3600, breaks: [] }],
      },
      leads: { kind: "count", count: 20_000 },
    });
    const days = campaignDays("2026-12-05", 3, [], IT_GARANTE_2014.callingHours);
    const log = calls(s);
    expect(log.length).toBeGreaterThan(1000);
    for (const c of log) {
      const inside = days.some((d) =>
        d.windows.some((w) => c.placedAt >= w.start && c.placedAt < w.end),
      );
      expect(inside).toBe(true);
    }
    const sunday = log.filter((c) => c.placedAt >= 86_400 && c.placedAt < 2 * 86_400);
    expect(sunday).toHaveLength(0);
    // Saturday's window is 10:00-19:00.
    const saturday = log.filter((c) => c.placedAt < 86_400);
    expect(Math.min(...saturday.map((c) => c.placedAt))).toBeGreaterThanOrEqual(10 * 3600);
  });

  it("locks a number for 5 days after a silent call and recontacts it with an agent reserved", () => {
    const s = makeScenario({
      pacing: aggressiveRatio,
      calendar: { start: "2026-12-01", days: 10, holidays: [] },
      agents: {
        ...makeScenario().agents,
        groups: [{ count: 5, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      },
      leads: { kind: "count", count: 3000 },
    });
    const log = calls(s);
    const sum = summary(s);
    expect(sum.silent).toBeGreaterThan(10);
    expect(sum.guaranteedCalls).toBeGreaterThan(0);
    expect(sum.recontactViolations).toBe(0);
    // Nothing is left hanging: each lead ended reached, exhausted or still pending a retry.
    expect(log.every((c) => c.result !== "")).toBe(true);
    expect(sum.leads.reached + sum.leads.exhausted + sum.leads.unfinished).toBe(3000);
    if (sum.completed) expect(sum.leads.unfinished).toBe(0);
    // Independent check from the call log: every call after a silent one keeps the rule.
    const byLead = new Map<number, Call[]>();
    for (const c of log) byLead.set(c.lead, [...(byLead.get(c.lead) ?? []), c]);
    let recontacts = 0;
    for (const attempts of byLead.values()) {
      for (let i = 1; i < attempts.length; i++) {
        const previous = attempts[i - 1];
        if (!isSilent(previous)) continue;
        recontacts++;
        expect(attempts[i].placedAt - previous.endedAt).toBeGreaterThanOrEqual(5 * 86_400);
        expect(attempts[i].reservedAgent).toBeGreaterThanOrEqual(0);
      }
    }
    expect(recontacts).toBeGreaterThan(0);
  });

  it("counts an AMD false positive as silent, and recontacts inside the lock-out as violations when AMD hang-ups are not locked", () => {
    const base = makeScenario();
    const amd = { ...base.dialer.amd, enabled: true, falsePositiveRate: 0.2 };
    const locked = makeScenario({
      pacing: progressive,
      dialer: { ...base.dialer, amd },
      calendar: { start: "2026-12-01", days: 3, holidays: [] },
      retries: { ...base.retries, machine: { delaySeconds: 3600, maxAttempts: 3 } },
    });
    const s1 = summary(locked);
    expect(s1.silentByCause.amdFalsePositive).toBeGreaterThan(0);
    expect(s1.silent).toBe(s1.silentByCause.amdFalsePositive + s1.silentByCause.amdTooSlow);
    expect(s1.recontactViolations).toBe(0);
    const unlocked = makeScenario({
      ...locked,
      dialer: { ...locked.dialer, amd: { ...amd, lockAfterHangup: false } },
    });
    const log = calls(unlocked);
    const s2 = summary(unlocked);
    const lastSilent = new Map<number, number>();
    let expected = 0;
    for (const c of log) {
      const since = lastSilent.get(c.lead);
      if (since !== undefined) {
        if (c.placedAt - since < 5 * 86_400 || c.reservedAgent < 0) expected++;
        lastSilent.delete(c.lead);
      }
      if (isSilent(c)) lastSilent.set(c.lead, c.endedAt);
    }
    expect(expected).toBeGreaterThan(0);
    expect(s2.recontactViolations).toBe(expected);
  });

  it("adds intervals up to the campaign totals", () => {
    const s = makeScenario({ pacing: aggressiveRatio });
    const run = simulateCampaign(s, { seed: 3 });
    const rows = run.intervals.rows;
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
    expect(sum((r) => r.attempts)).toBe(run.counters.attempts);
    expect(sum((r) => r.silent)).toBe(run.counters.silent);
    expect(sum((r) => r.staffedSeconds)).toBeCloseTo(run.agents.staffedSeconds, 6);
    expect(rows.every((r) => r.end - r.start <= 900)).toBe(true);
  });

  it("takes agents off for breaks and shift ends", () => {
    const base = makeScenario({ pacing: progressive, leads: { kind: "count", count: 50_000 } });
    const noBreak = simulateCampaign(base, { seed: 1 });
    const withBreak = simulateCampaign(
      {
        ...base,
        agents: {
          ...base.agents,
          groups: [
            {
              count: 10,
              start: 9 * 3600,
              end: 17 * 3600,
              breaks: [{ start: 11 * 3600, durationSeconds: 1800 }],
            },
          ],
        },
      },
      { seed: 1 },
    );
    // 10 agents x 8 h, less 10 x 30 min of break, give or take calls finishing late.
    expect(noBreak.agents.staffedSeconds / 3600).toBeGreaterThanOrEqual(80);
    expect(noBreak.agents.staffedSeconds / 3600).toBeLessThan(80.5);
    expect(withBreak.agents.staffedSeconds / 3600).toBeGreaterThanOrEqual(75);
    expect(withBreak.agents.staffedSeconds / 3600).toBeLessThan(75.6);
    // Calling hours run to 20:00 but the shift ends at 17:00: agents finish their calls (a
    // pacer may still dial for those talking, as VICIdial would) and then dialing stops.
    const log = calls({ ...base, pacing: guardedRatio });
    expect(Math.max(...log.map((c) => c.placedAt))).toBeLessThan(17 * 3600 + 600);
  });

  it("ends when every lead is finished and reports it", () => {
    const once = { delaySeconds: 0, maxAttempts: 1 };
    const s = summary(
      makeScenario({
        pacing: progressive,
        leads: { kind: "count", count: 200 },
        retries: { busy: once, noAnswer: once, machine: once, silent: once },
      }),
    );
    expect(s.completed).toBe(true);
    expect(s.leads.unfinished).toBe(0);
    expect(s.leads.reached + s.leads.exhausted).toBe(200);
  });

  it("draws outcomes from the table of the hour each call is placed in, over several days", () => {
    // Every call placed 16:00-17:00 is invalid (2 s each: about 18,000 such calls a day); no
    // other call is, beyond the usual 10%.
    const invalid = { person: 0, machine: 0, busy: 0, noAnswer: 0, invalid: 1 };
    const base = makeScenario();
    const s = makeScenario({
      calendar: { ...base.calendar, days: 3 },
      leads: { kind: "count", count: 60_000 },
      pacing: progressive,
      outcomes: { ...base.outcomes, byHour: { 16: invalid } },
    });
    const log = calls(s);
    const hourOf = (c: Call) => Math.floor((c.placedAt % 86_400) / 3600);
    const inTable = log.filter((c) => hourOf(c) === 16);
    expect(new Set(inTable.map((c) => Math.floor(c.placedAt / 86_400))).size).toBe(3);
    expect(inTable.every((c) => c.result === "invalid")).toBe(true);
    const others = log.filter((c) => hourOf(c) !== 16);
    expect(others.length).toBeGreaterThan(5000);
    expect(others.filter((c) => c.result === "invalid").length / others.length).toBeLessThan(0.15);
  });
});
