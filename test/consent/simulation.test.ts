/**
 * The gate in the simulator: asked before every call (first calls, retries, recontacts), with
 * hand-built leads files whose refusals are known lead by lead, and generated leads drawn from
 * a scenario's fractions.
 */
import { describe, expect, it } from "vitest";
import { simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import { parseLeadsCsv } from "../../src/scenario/leads-csv.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

const HEADER = "number,source,register_status,register_date,consents\n";
const OK = "customer,,,marketing:operator:2026-01-10:web-form";

/** A leads file of `rows` (consent columns after the number), numbered from 1000000. */
function leadsFile(rows: readonly string[]): Scenario["leads"] {
  const text = HEADER + rows.map((r, i) => `${1_000_000 + i},${r}`).join("\n");
  const { numbers, consents } = parseLeadsCsv(text, "leads.csv");
  return { kind: "file", path: "leads.csv", numbers, consents: consents ?? undefined };
}

/** Leads by kind of record, in a fixed interleaved order, with each lead's expected verdict. */
function mixedRows() {
  const kinds: [string, string | null][] = [
    [OK, null],
    ["customer,listed,2026-06-01,marketing:operator:2026-01-10:web-form", "optedOut"],
    ["customer,listed,2026-06-01,marketing:sms:2026-07-01:web-form", null], // consent after listing
    ["customer,,,marketing:paper:2026-01-10:shop", "noConsent"], // paper never covers calls
    ["customer,,,marketing:email:2026-01-10:web-form", null], // automated covers operator calls
    ["customer,,,profiling:operator:2026-01-10:web-form", "noConsent"],
    ["public-web,,,", "publicWebOnly"],
    ["customer,,,marketing:operator:2026-12-02:web-form", "noConsent"], // given after the campaign day
  ];
  const rows: string[] = [];
  const expected: (string | null)[] = [];
  for (let i = 0; i < 400; i++) {
    // Consenting leads are most of the list; each other kind recurs every few rows.
    const [row, verdict] = i % 3 === 0 ? kinds[1 + ((i / 3) % (kinds.length - 1))] : kinds[0];
    rows.push(row);
    expected.push(verdict);
  }
  return { rows, expected };
}

describe("the consent gate in the simulator", () => {
  it("refuses exactly the leads whose records say so, and never calls them", () => {
    const { rows, expected } = mixedRows();
    const scenario = makeScenario({ leads: leadsFile(rows) });
    const run = simulateCampaign(scenario, { seed: 3, recordCalls: true });
    const summary = summarizeCampaign(run, scenario.rules);
    const count = (reason: string) => expected.filter((v) => v === reason).length;
    expect(summary.gateRefusals).toEqual({
      publicWebOnly: count("publicWebOnly"),
      optedOut: count("optedOut"),
      noConsent: count("noConsent"),
      outsideCallingHours: 0,
    });
    expect(summary.leads.refused).toBe(expected.filter((v) => v !== null).length);
    const called = new Set(run.calls?.map((c) => c.lead));
    expected.forEach((verdict, lead) => {
      expect(called.has(lead), `lead ${lead} (${verdict ?? "ok"})`).toBe(verdict === null);
    });
    expect(
      summary.leads.reached +
        summary.leads.exhausted +
        summary.leads.refused +
        summary.leads.unfinished,
    ).toBe(400);
  });

  it("refuses retries and recontacts once a number joins the register mid-campaign", () => {
    // 600 leads for one agent on three days; a third of them join the register on the second day.
    const rows = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0 ? "customer,listed,2026-12-02,marketing:operator:2026-01-10:web-form" : OK,
    );
    const base = makeScenario();
    const scenario = makeScenario({
      calendar: { start: "2026-12-01", days: 3, holidays: [] },
      agents: {
        ...base.agents,
        groups: [{ count: 1, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      },
      leads: leadsFile(rows),
      retries: { ...base.retries, noAnswer: { delaySeconds: 6 * 3600, maxAttempts: 5 } },
    });
    const run = simulateCampaign(scenario, { seed: 5, recordCalls: true });
    const summary = summarizeCampaign(run, scenario.rules);
    const calls = run.calls ?? [];
    const DAY = 86_400;
    // Called on the first day, never from the day they joined the register.
    expect(calls.some((c) => c.lead % 3 === 0 && c.placedAt < DAY)).toBe(true);
    expect(calls.filter((c) => c.lead % 3 === 0 && c.placedAt >= DAY)).toEqual([]);
    expect(calls.some((c) => c.lead % 3 !== 0 && c.placedAt >= DAY)).toBe(true);
    // Every one of them still due a call after the first day was refused, once.
    const pending = new Set<number>();
    for (let lead = 0; lead < 600; lead += 3) {
      const own = calls.filter((c) => c.lead === lead);
      const last = own.at(-1);
      if (last === undefined || !["connected", "invalid"].includes(String(last.result))) {
        pending.add(lead);
      }
    }
    expect(summary.gateRefusals.optedOut).toBeGreaterThan(0);
    expect(summary.gateRefusals.optedOut).toBeLessThanOrEqual(pending.size);
    expect(summary.gateRefusals.noConsent + summary.gateRefusals.publicWebOnly).toBe(0);
  });

  it("gives the same campaign as no consent data when every lead consents", () => {
    const withData = makeScenario({ leads: leadsFile(Array.from({ length: 2000 }, () => OK)) });
    const plain = leadsFile(Array.from({ length: 2000 }, () => OK));
    const without = makeScenario({
      leads: {
        kind: "file",
        path: "leads.csv",
        numbers: plain.kind === "file" ? plain.numbers : [],
      },
    });
    const a = summarizeCampaign(simulateCampaign(withData, { seed: 9 }), withData.rules);
    const b = summarizeCampaign(simulateCampaign(without, { seed: 9 }), without.rules);
    expect(a).toEqual(b);
    expect(a.leads.refused).toBe(0);
  });

  it("draws generated leads from the scenario's fractions, the same for the same seed", () => {
    const mix = { optedOut: 0.2, noConsent: 0.1, publicWebOnly: 0.05 };
    const scenario = makeScenario({ leads: { kind: "count", count: 1500, consentMix: mix } });
    const run = (seed: number) =>
      summarizeCampaign(simulateCampaign(scenario, { seed }), scenario.rules);
    const a = run(4);
    expect(run(4)).toEqual(a);
    // Every lead came up for dialing (called or refused), so each was asked about once.
    const calls = simulateCampaign(scenario, { seed: 4, recordCalls: true }).calls ?? [];
    const seen = new Set(calls.map((c) => c.lead)).size + a.leads.refused;
    expect(seen).toBe(a.leads.total);
    for (const [reason, p] of Object.entries(mix)) {
      const n = a.gateRefusals[reason as keyof typeof a.gateRefusals];
      const sd = Math.sqrt(seen * p * (1 - p));
      expect(Math.abs(n - seen * p), reason).toBeLessThan(5 * sd);
    }
    const none = makeScenario({
      leads: {
        kind: "count",
        count: 1500,
        consentMix: { optedOut: 0, noConsent: 0, publicWebOnly: 0 },
      },
    });
    const plain = makeScenario({ leads: { kind: "count", count: 1500 } });
    expect(summarizeCampaign(simulateCampaign(none, { seed: 4 }), none.rules)).toEqual(
      summarizeCampaign(simulateCampaign(plain, { seed: 4 }), plain.rules),
    );
  });
});
