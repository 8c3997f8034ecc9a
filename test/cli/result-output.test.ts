/**
 * simulate's and live's output step: the evidence store is written only after the result's
 * files, so a run whose files fail is never recorded; a run into the folder of an earlier one
 * leaves none of that run's files beside its own.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitResult } from "../../src/cli/result-output.js";
import { runReplications } from "../../src/model/replications.js";
import { resultDocument } from "../../src/result/result-document.js";
import { loadScenario } from "../../src/scenario/load.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-result-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = "scenarios/small-team.yaml";
const scenario = loadScenario(file);
const doc = resultDocument(scenario, file, runReplications(scenario, 1, 1));

describe("emitResult", () => {
  it("records no evidence when the files cannot be written", async () => {
    const blocked = join(dir, "blocked");
    writeFileSync(blocked, "a file where the folder should go\n");
    const evidence = join(dir, "evidence.sqlite");
    await expect(
      emitResult(doc, scenario, { json: true, out: blocked, evidence }, () => {}),
    ).rejects.toThrow();
    expect(existsSync(evidence)).toBe(false);
  });

  it("removes the calls.csv of an earlier run into its folder, and says so", async () => {
    const out = join(dir, "again");
    const calls = [{ name: "calls.csv", content: "call_id\n" }];
    await emitResult(doc, scenario, { json: false, out, evidence: false }, () => {}, calls);
    const printed: string[] = [];
    await emitResult(doc, scenario, { json: false, out, evidence: false }, (t) => printed.push(t));
    expect(existsSync(join(out, "calls.csv"))).toBe(false);
    expect(existsSync(join(out, "result.json"))).toBe(true);
    expect(printed.join("")).toContain(
      `removed ${join(out, "calls.csv")}: an earlier run wrote it there and this one did not\n`,
    );
  });

  it("records the run once its files are written", async () => {
    const evidence = join(dir, "written.sqlite");
    await emitResult(doc, scenario, { json: true, out: join(dir, "out"), evidence }, () => {});
    expect(existsSync(join(dir, "out", "result.json"))).toBe(true);
    expect(existsSync(evidence)).toBe(true);
  });
});
