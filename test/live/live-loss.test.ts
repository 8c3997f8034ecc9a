import { afterEach, describe, expect, it } from "vitest";
import { type LossyRelay, startLossyRelay } from "../support/lossy-relay.js";
import { liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();
let relay: LossyRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe("pacelab live with 5% of datagrams lost", () => {
  it("gets no call or agent stuck and accounts for every attempt", async () => {
    const scenario = liveScenario();
    const endpoint = await rig.endpoint(scenario, 21);
    relay = await startLossyRelay({
      server: { host: "127.0.0.1", port: endpoint.address.port },
      lossRate: 0.05,
      seed: "live-loss",
    });
    const outcome = await rig.run({
      scenario,
      seed: 4,
      targetPort: relay.port,
      maxAttempts: 120,
      durationSeconds: 90, // a stuck call would hold the run here
      rtpIntervalMs: 100,
    });
    expect(relay.counters.droppedToServer + relay.counters.droppedToClient).toBeGreaterThan(0);
    // Every attempt ended exactly once, on the wire and in the books, before the time limit.
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsPlaced).toBe(120);
    expect(outcome.attemptsEnded).toBe(120);
    expect(outcome.leftOnLine).toBe(0);
    expect(outcome.calls).toHaveLength(120);
    expect(new Set(outcome.calls.map((c) => c.callId)).size).toBe(120);
    const c = outcome.run.counters;
    expect(
      c.outcomePerson + c.outcomeMachine + c.outcomeBusy + c.outcomeNoAnswer + c.outcomeInvalid,
    ).toBe(120);
    expect(c.connected + c.silent).toBe(c.humanAnswered);
    // No agent is left on a call, and none is held for a call that never came.
    expect(outcome.run.agents.talking).toBe(0);
    expect(outcome.run.agents.reserved).toBe(0);
    // What the SIP layer lost is accounted for, not hidden.
    const f = outcome.counts.failures;
    expect(f.rejected + f["no-answer-timeout"] + f.cancelled + f.lost).toBe(
      c.outcomeBusy + c.outcomeNoAnswer + c.outcomeInvalid,
    );
  }, 150_000);
});
