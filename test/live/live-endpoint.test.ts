import { describe, expect, it } from "vitest";
import { classify } from "../../src/endpoint/call-record.js";
import { liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();

describe("pacelab live against the built-in endpoint", () => {
  it("agrees with the endpoint call for call: attempts, answers, silent, connected, who hung up", async () => {
    const scenario = liveScenario();
    const endpoint = await rig.endpoint(scenario, 11);
    const outcome = await rig.run({
      scenario,
      seed: 3,
      targetPort: endpoint.address.port,
      maxAttempts: 150,
    });
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsPlaced).toBe(150);
    expect(outcome.attemptsEnded).toBe(150);
    expect(outcome.leftOnLine).toBe(0);
    const records = endpoint.records();
    expect(records).toHaveLength(150);
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
  }, 120_000);
});
