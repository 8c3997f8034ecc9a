/**
 * One live run against the built-in endpoint, checked two ways: call for call against what the
 * endpoint saw, and through its calls.csv, which has the simulator's format: one row per
 * attempt, the numbers the endpoint was called on, and `pacelab audit` reads it to the same
 * silent ratio as the run. Hold times in the result are wall-clock seconds, judged against the
 * unscaled cut-off.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callsOutput } from "../../src/cli/calls-output.js";
import { classify } from "../../src/endpoint/call-record.js";
import { callsCsv as endpointCallsCsv } from "../../src/endpoint/calls-csv.js";
import type { EndpointHandle } from "../../src/endpoint/start-endpoint.js";
import { writeFilesAtomically } from "../../src/io/write/write-files.js";
import type { LiveRunOutcome } from "../../src/live/run-live.js";
import { syntheticNumber } from "../../src/report/calls-csv.js";
import { runCli } from "../support/cli-process.js";
import { K, liveRig, liveScenario, liveTestDocument } from "./live-fixture.js";

const ATTEMPTS = 150;
const SEED = 3;
const dir = mkdtempSync(join(tmpdir(), "pacelab-live-calls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rig = liveRig("file");
const scenario = liveScenario();
let endpoint: EndpointHandle;
let outcome: LiveRunOutcome;

beforeAll(async () => {
  endpoint = await rig.endpoint(scenario, 11);
  outcome = await rig.run({
    scenario,
    seed: SEED,
    targetPort: endpoint.address.port,
    maxAttempts: ATTEMPTS,
    recordCalls: true,
  });
}, 120_000);

describe("pacelab live against the built-in endpoint", () => {
  it("agrees with the endpoint call for call: attempts, answers, silent, connected, who hung up", () => {
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsPlaced).toBe(ATTEMPTS);
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    expect(outcome.leftOnLine).toBe(0);
    const records = endpoint.records();
    expect(records).toHaveLength(ATTEMPTS);
    const byCallId = new Map(records.map((r) => [r.callId, r]));
    const mismatches: string[] = [];
    for (const call of outcome.calls) {
      const seen = byCallId.get(call.callId);
      if (seen === undefined) {
        mismatches.push(`${call.callId}: not seen by the endpoint`);
        continue;
      }
      const heard = classify(seen);
      const expected =
        call.answeredAt === null
          ? "not answered"
          : call.result.startsWith("machine")
            ? "machine"
            : call.result === "connected"
              ? "connected"
              : "silent";
      if (heard !== expected)
        mismatches.push(`${call.callId}: dialer ${call.result}, endpoint ${heard}`);
      const endpointSawBye = seen.endedBy === "caller";
      if (call.answeredAt !== null && endpointSawBye !== (call.byeAt !== null)) {
        mismatches.push(
          `${call.callId}: dialer BYE ${call.byeAt !== null}, endpoint ended by ${seen.endedBy}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    const c = outcome.run.counters;
    const heard = records.map(classify);
    expect(c.connected).toBe(heard.filter((h) => h === "connected").length);
    expect(c.silent).toBe(heard.filter((h) => h === "silent").length);
    expect(c.humanAnswered + c.machineAnswered).toBe(
      records.filter((r) => r.answeredAt !== null).length,
    );
    // The campaign did something worth checking: answers, connections and silent calls.
    expect(c.connected).toBeGreaterThan(10);
    expect(c.silent).toBeGreaterThan(0);
    // Every silent call got comfort noise while it waited.
    for (const r of records) if (classify(r) === "silent") expect(r.comfortNoise).toBe(true);
  });
});

describe("pacelab live --calls", () => {
  it("writes one calls.csv row per attempt that the audit reads to the run's own counts", async () => {
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    const [file] = writeFilesAtomically(dir, callsOutput(scenario, outcome.run));
    expect(file).toMatch(/calls\.csv$/);
    const doc = liveTestDocument(outcome, {
      scenario,
      seed: SEED,
      targetPort: endpoint.address.port,
    });

    // The CSV's clock is the campaign's (scenario seconds): `audit --time-scale K` reads it
    // against the cut-off the run really had in those seconds, the rule set's times the scale.
    expect(scenario.dialer.cutoffSeconds).toBe(scenario.rules.cutoffLimitSeconds);
    const auditJson = async (...extra: string[]) => {
      const args = ["audit", file ?? "", "--rules", scenario.rules.id, "--json", ...extra];
      return JSON.parse((await runCli(args)).stdout);
    };
    // Read on the wire's cut-off instead, the longest silent hold (over 3 s on the CSV's clock
    // once it passed 3 / K s of wall time) looks like a violation it was not.
    const [result, onTheWire] = await Promise.all([
      auditJson("--time-scale", String(K)),
      auditJson(),
    ]);
    if (doc.campaign.maxSilentHoldSeconds * K > scenario.rules.cutoffLimitSeconds) {
      expect(onTheWire.violations.heldPastCutoff.count).toBeGreaterThan(0);
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
  });
});
