/**
 * A live run's calls.csv is the simulator's format: it has one row per attempt, the numbers the
 * endpoint was called on, and `pacelab audit` reads it to the same silent ratio as the run.
 * Hold times in the result are wall-clock seconds, judged against the unscaled cut-off.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callsOutput } from "../../src/cli/calls-output.js";
import { callsCsv as endpointCallsCsv } from "../../src/endpoint/calls-csv.js";
import { writeFilesAtomically } from "../../src/io/write/write-files.js";
import { liveResultDocument } from "../../src/live/live-result.js";
import { syntheticNumber } from "../../src/report/calls-csv.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { K, liveRig, liveScenario } from "./live-fixture.js";

const ATTEMPTS = 120;
const dir = mkdtempSync(join(tmpdir(), "pacelab-live-calls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rig = liveRig();

describe("pacelab live --calls", () => {
  it("writes one calls.csv row per attempt that the audit reads to the run's own counts", async () => {
    const scenario = liveScenario();
    const endpoint = await rig.endpoint(scenario, 5);
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      maxAttempts: ATTEMPTS,
      recordCalls: true,
    });
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    const [file] = writeFilesAtomically(dir, callsOutput(scenario, outcome.run));
    expect(file).toMatch(/calls\.csv$/);
    const doc = liveResultDocument(outcome, {
      scenario,
      file: "fixture",
      seed: 9,
      target: { host: "127.0.0.1", port: endpoint.address.port },
      timeScale: TimeScale.of(K),
      lockoutStore: ":memory:",
    });

    // The CSV's clock is the campaign's (scenario seconds): `audit --time-scale K` reads it
    // against the cut-off the run really had in those seconds, the rule set's times the scale.
    expect(scenario.dialer.cutoffSeconds).toBe(scenario.rules.cutoffLimitSeconds);
    const auditJson = (...extra: string[]) => {
      const args = ["audit", file ?? "", "--rules", scenario.rules.id, "--json", ...extra];
      const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], {
        encoding: "utf8",
      });
      return JSON.parse(r.stdout);
    };
    const result = auditJson("--time-scale", String(K));
    // Read on the wire's cut-off instead, the longest silent hold (over 3 s on the CSV's clock
    // once it passed 3 / K s of wall time) looks like a violation it was not.
    if (doc.campaign.maxSilentHoldSeconds * K > scenario.rules.cutoffLimitSeconds) {
      expect(auditJson().violations.heldPastCutoff.count).toBeGreaterThan(0);
    }
    const c = outcome.run.counters;
    expect(result.input.rows).toBe(ATTEMPTS);
    expect(result.totals.connected).toBe(c.connected);
    expect(result.totals.silent).toBe(c.silent);
    expect(c.silent).toBeGreaterThan(0);
    expect(result.violations.heldPastCutoff.count).toBe(0);
    // The audit's verdict on the campaign is the live result's silent ratio.
    const [window] = result.windows.filter((w: { scope: string }) => w.scope === scenario.name);
    expect(window?.per100).toBeCloseTo(doc.campaign.ceiling.ratio ?? Number.NaN, 9);
    expect(window?.within).toBe(doc.campaign.ceiling.within);

    // As many rows as the endpoint's own per-call CSV, on the numbers it was really called on.
    const endpointRows = endpointCallsCsv(endpoint.records()).trim().split("\n").length - 1;
    expect(endpointRows).toBe(ATTEMPTS);
    const called = endpoint
      .records()
      .map((r) => r.number)
      .sort();
    const dialed = (outcome.run.calls ?? []).map((call) => syntheticNumber(call.lead)).sort();
    expect(dialed).toEqual(called);

    // Hold times come out in wall-clock seconds, within the 3 s cut-off plus timer slack,
    // although the campaign ran the cut-off at 3 x K scenario seconds; the result says so.
    expect(doc.live?.clocks).toEqual({
      holdTimes: "wall-clock seconds",
      otherDurations: "scenario seconds",
    });
    expect(doc.campaign.maxSilentHoldSeconds).toBeGreaterThan(0);
    expect(doc.campaign.maxSilentHoldSeconds).toBeLessThanOrEqual(
      scenario.dialer.cutoffSeconds + 1e-9,
    );
    const windowMax = Math.max(...doc.timeseries.rows.map((r) => r.maxSilentHoldSeconds));
    expect(windowMax).toBe(doc.campaign.maxSilentHoldSeconds);
  }, 120_000);
});
