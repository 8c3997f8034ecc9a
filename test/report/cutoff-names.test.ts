import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readResultFile } from "../../src/cli/report-command.js";
import { evidenceFromResult } from "../../src/compliance/evidence/evidence-report.js";
import { runReplications } from "../../src/model/replications.js";
import { silentHoldSpec } from "../../src/report/charts/silent-hold-histogram.js";
import { verdicts } from "../../src/report/html/verdicts.js";
import { summaryText } from "../../src/report/summary-text.js";
import { resultDocument } from "../../src/result/result-document.js";
import { loadScenario } from "../../src/scenario/load.js";
import { temporaryFolders } from "../support/scenario-text.js";

const tempDir = temporaryFolders("pacelab-cutoff-names-");

/** The short day with the dialer hanging up at 2 s, under Italy's 3 s limit. */
function twoSecondDialer(): { file: string; dir: string } {
  const dir = tempDir();
  const text = readFileSync("test/report/short-day.yaml", "utf8").replace(
    "cutoffSeconds: 3 # the rule's maximum",
    "cutoffSeconds: 2",
  );
  const file = join(dir, "two-second-dialer.yaml");
  writeFileSync(file, text);
  return { file, dir };
}

describe("the rule's cut-off limit and the dialer's cut-off", () => {
  const { file, dir } = twoSecondDialer();
  const scenario = loadScenario(file);
  const doc = resultDocument(scenario, file, runReplications(scenario, scenario.seed, 1));

  it("are stored apart in the result: the rule's 3 s under rules, the dialer's 2 s under dialer", () => {
    expect(scenario.rules.cutoffLimitSeconds).toBe(3);
    expect(scenario.dialer.cutoffSeconds).toBe(2);
    expect(doc.rules.cutoffLimitSeconds).toBe(3);
    expect(doc.dialer.cutoffSeconds).toBe(2);
    // No figure is left under the name both once shared.
    expect(doc.rules).not.toHaveProperty("cutoffSeconds");
    // The dialer hung up at its own cut-off, not the rule's.
    expect(doc.campaign.silent).toBeGreaterThan(0);
    expect(doc.campaign.maxSilentHoldSeconds).toBeLessThanOrEqual(2 + 1e-9);
  });

  it("are both named in the text summary, the histogram and the evidence", () => {
    expect(summaryText(doc, scenario.calendar.start)).toContain("cut-off 3 s (the dialer's 2 s)");
    expect(JSON.stringify(silentHoldSpec(doc))).toContain(
      "dialer's cut-off: 2 s (rule's limit 3 s)",
    );
    const identity = evidenceFromResult(doc).identity;
    expect(identity.ruleSet.cutoffLimitSeconds).toBe(3);
    expect(identity.dialer.cutoffSeconds).toBe(2);
  });

  it("judges the longest hold against the rule's limit", () => {
    const hold = verdicts(doc).find((v) => v.rule === "Cut-off");
    expect(hold?.text).toContain("the 3 s cut-off");
  });

  it("are read back from a result file as written", () => {
    const written = join(dir, "result.json");
    writeFileSync(written, JSON.stringify(doc));
    const [read] = readResultFile(written);
    expect(read.rules.cutoffLimitSeconds).toBe(3);
    expect(read.dialer.cutoffSeconds).toBe(2);
  });

  it("are read from an older result file, whose rules.cutoffSeconds was the dialer's", () => {
    const { cutoffLimitSeconds: _, ...rules } = doc.rules;
    const { dialer: __, ...rest } = doc;
    const old = join(dir, "old-result.json");
    writeFileSync(old, JSON.stringify({ ...rest, rules: { ...rules, cutoffSeconds: 2 } }));
    const [read] = readResultFile(old);
    expect(read.dialer.cutoffSeconds).toBe(2);
    // The older file does not say the rule's limit: the dialer's stands in, never laxer.
    expect(read.rules.cutoffLimitSeconds).toBe(2);
  });
});
