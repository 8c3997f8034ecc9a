/**
 * Consent data through the scenario loader, the CLI and the reports: the bundled consent-mix
 * scenario, bad leads rows (exit 2 with the row), bad fractions, and refusals shown in the
 * text summary, the HTML report's headline table and the time series.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_REFUSAL_REASONS } from "../../src/consent/gate.js";
import { runReplications } from "../../src/model/replications.js";
import { headlineRows } from "../../src/report/html/headline-table.js";
import { summaryText } from "../../src/report/summary-text.js";
import { resultDocument } from "../../src/result/result-document.js";
import { loadScenario, parseScenario } from "../../src/scenario/load.js";
import {
  MINIMAL_SCENARIO,
  scenarioErrorOf,
  temporaryFolders,
  withPacing,
} from "../support/scenario-text.js";

const dir = temporaryFolders("pacelab-consent-")();

function scenarioText(leads: string): string {
  return withPacing(MINIMAL_SCENARIO.replace("leads: { count: 50 }", `leads: ${leads}`));
}

const errorOf = (text: string, file: string) => scenarioErrorOf(() => parseScenario(text, file));

describe("consent data in scenarios", () => {
  it("loads the bundled consent-mix scenario with a consent record per lead", () => {
    const s = loadScenario("scenarios/consent-mix.yaml");
    expect(s.leads.kind).toBe("file");
    if (s.leads.kind !== "file") return;
    expect(s.leads.consents).toHaveLength(s.leads.numbers.length);
  });

  it("reads consent fractions for generated leads, and rejects bad ones", () => {
    const file = join(dir, "s.yaml");
    const s = parseScenario(scenarioText("{ count: 100, consent: { optedOut: 0.25 } }"), file);
    expect(s.leads).toEqual({
      kind: "count",
      count: 100,
      consentMix: { optedOut: 0.25, noConsent: 0, publicWebOnly: 0 },
    });
    const sum = errorOf(
      scenarioText("{ count: 100, consent: { optedOut: 0.6, noConsent: 0.5 } }"),
      file,
    );
    expect(sum.message).toBe(
      `${file}:6: leads.consent: expected fractions optedOut, noConsent, publicWebOnly summing to at most 1, got a sum of 1.1`,
    );
    const unknown = errorOf(scenarioText("{ count: 100, consent: { onRegister: 0.1 } }"), file);
    expect(unknown.keyPath).toBe("leads.consent.onRegister");
    writeFileSync(join(dir, "ok.csv"), "number\n12345\n");
    const withFile = errorOf(scenarioText("{ file: ok.csv, consent: { optedOut: 0.1 } }"), file);
    expect(withFile.keyPath).toBe("leads.consent");
  });

  it("rejects a leads file with a bad consent row: exit 2 naming the file, row and column", () => {
    const leads = join(dir, "bad-leads.csv");
    writeFileSync(
      leads,
      "number,register_status,register_date,consents\n12345,,,marketing:operator:2026-01-01:web-form\n23456,listed,,\n",
    );
    const scenario = join(dir, "bad.yaml");
    writeFileSync(scenario, scenarioText("{ file: bad-leads.csv }"));
    const r = spawnSync(
      process.execPath,
      ["dist/src/cli/main.js", "simulate", scenario, "--no-evidence"],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `${leads}:3: register_date: expected the date the number was listed: a date YYYY-MM-DD, got an empty field`,
    );
    expect(r.stdout).toBe("");
  });

  it("shows refusals by reason in the text summary, the HTML headline and the time series", () => {
    const file = "scenarios/consent-mix.yaml";
    const scenario = loadScenario(file);
    const doc = resultDocument(scenario, file, runReplications(scenario, scenario.seed, 1));
    const g = doc.campaign.gateRefusals;
    for (const reason of ["publicWebOnly", "optedOut", "noConsent"] as const) {
      expect(g[reason], reason).toBeGreaterThan(0);
    }
    expect(g.outsideCallingHours).toBe(0);
    const total = GATE_REFUSAL_REASONS.reduce((n, r) => n + g[r], 0);
    expect(doc.campaign.leads.refused).toBe(total);
    const text = summaryText(doc, scenario.calendar.start);
    expect(text).toContain(
      `refused by the consent gate  ${total.toLocaleString("en-US")}  (number only from public web pages ${g.publicWebOnly}, on the opt-out register, no later consent ${g.optedOut}, no marketing consent for the channel ${g.noConsent})`,
    );
    const row = headlineRows(doc).find((r) => r.label.startsWith("Calls refused by the consent"));
    expect(row?.value).toContain(`on the opt-out register, no later consent ${g.optedOut}`);
    const perInterval = doc.timeseries.rows.reduce((n, r) => n + r.gateRefusals.optedOut, 0);
    expect(perInterval).toBe(g.optedOut);
    // Leads listed on 2 December are refused from that day on: some refusals come on day 2.
    expect(
      doc.timeseries.rows.some((r) => r.start >= "2026-12-02" && r.gateRefusals.optedOut > 0),
    ).toBe(true);
  });
});
