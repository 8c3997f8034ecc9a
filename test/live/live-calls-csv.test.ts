/**
 * A live run's calls.csv is the simulator's format: it has one row per attempt, the numbers the
 * endpoint was called on, and `pacelab audit` reads it to the same silent ratio as the run.
 * Hold times in the result are wall-clock seconds, judged against the unscaled cut-off.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { callsOutput } from "../../src/cli/calls-output.js";
import { Audit } from "../../src/compliance/audit.js";
import { auditFile } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { liveResultDocument } from "../../src/live/live-result.js";
import { LockoutStore } from "../../src/live/lockout-store.js";
import { runLive } from "../../src/live/run-live.js";
import { syntheticNumber } from "../../src/report/calls-csv.js";
import { writeFilesAtomically } from "../../src/report/write-files.js";
import { liveScenario } from "./live-fixture.js";

const K = 30;
const ATTEMPTS = 120;
const dir = mkdtempSync(join(tmpdir(), "pacelab-live-calls-"));
let endpoint: EndpointHandle | undefined;
let store: LockoutStore | undefined;
afterEach(async () => {
  await endpoint?.stop();
  store?.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pacelab live --calls", () => {
  it("writes one calls.csv row per attempt that the audit reads to the run's own counts", async () => {
    const scenario = liveScenario();
    endpoint = await startEndpoint({
      scenario,
      listen: { host: "127.0.0.1", port: 0 },
      timeScale: K,
      seed: 5,
    });
    store = LockoutStore.open(":memory:");
    const outcome = await runLive({
      scenario,
      seed: 9,
      target: { host: "127.0.0.1", port: endpoint.address.port },
      local: { host: "127.0.0.1", port: 0 },
      timeScale: K,
      lockouts: store,
      maxAttempts: ATTEMPTS,
      recordCalls: true,
    });
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    const [file] = writeFilesAtomically(dir, callsOutput(scenario, outcome.run));
    expect(file).toMatch(/calls\.csv$/);

    // The CSV's clock is the campaign's (scenario seconds): audited against the cut-off the
    // run really had in those seconds, the rule set's times the scale.
    const rules = { ...scenario.rules, cutoffSeconds: scenario.dialer.cutoffSeconds * K };
    const { result } = await auditFile(file ?? "", new Audit(rules), pacelabFormat);
    const c = outcome.run.counters;
    expect(result.rows).toBe(ATTEMPTS);
    expect(result.totals.connected).toBe(c.connected);
    expect(result.totals.silent).toBe(c.silent);
    expect(c.silent).toBeGreaterThan(0);
    expect(result.violations.heldPastCutoff.count).toBe(0);

    // The rows name the numbers the endpoint was really called on.
    const called = endpoint
      .records()
      .map((r) => r.number)
      .sort();
    const dialed = (outcome.run.calls ?? []).map((call) => syntheticNumber(call.lead)).sort();
    expect(dialed).toEqual(called);

    // Hold times come out in wall-clock seconds, within the 3 s cut-off plus timer slack,
    // although the campaign ran the cut-off at 3 x K scenario seconds.
    const doc = liveResultDocument(outcome, {
      scenario,
      file: "fixture",
      seed: 9,
      target: { host: "127.0.0.1", port: endpoint.address.port },
      timeScale: K,
      lockoutStore: ":memory:",
    });
    expect(doc.campaign.maxSilentHoldSeconds).toBeGreaterThan(0);
    expect(doc.campaign.maxSilentHoldSeconds).toBeLessThanOrEqual(
      scenario.dialer.cutoffSeconds + 1e-9,
    );
    const windowMax = Math.max(...doc.timeseries.rows.map((r) => r.maxSilentHoldSeconds));
    expect(windowMax).toBe(doc.campaign.maxSilentHoldSeconds);
  }, 120_000);
});
