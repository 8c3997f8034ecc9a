/**
 * simulate's and live's output step: the evidence store is written only after the result's
 * files, so a run whose files fail is never recorded.
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

  it("records the run once its files are written", async () => {
    const evidence = join(dir, "written.sqlite");
    await emitResult(doc, scenario, { json: true, out: join(dir, "out"), evidence }, () => {});
    expect(existsSync(join(dir, "out", "result.json"))).toBe(true);
    expect(existsSync(evidence)).toBe(true);
  });
});
