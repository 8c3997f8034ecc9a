import { afterEach, describe, expect, it } from "vitest";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { LockoutStore } from "../../src/live/lockout-store.js";
import { runLive } from "../../src/live/run-live.js";
import { type LossyRelay, startLossyRelay } from "../support/lossy-relay.js";
import { liveScenario } from "./live-fixture.js";

let endpoint: EndpointHandle | undefined;
let relay: LossyRelay | undefined;
afterEach(async () => {
  await relay?.close();
  await endpoint?.stop();
  relay = undefined;
  endpoint = undefined;
});

const K = 30;

describe("pacelab live with 5% of datagrams lost", () => {
  it("gets no call or agent stuck and accounts for every attempt", async () => {
    const scenario = liveScenario();
    endpoint = await startEndpoint({
      scenario,
      listen: { host: "127.0.0.1", port: 0 },
      timeScale: K,
      seed: 21,
    });
    relay = await startLossyRelay({
      server: { host: "127.0.0.1", port: endpoint.address.port },
      lossRate: 0.05,
      seed: "live-loss",
    });
    const store = LockoutStore.open(":memory:");
    const outcome = await runLive({
      scenario,
      seed: 4,
      target: { host: "127.0.0.1", port: relay.port },
      local: { host: "127.0.0.1", port: 0 },
      timeScale: K,
      lockouts: store,
      maxAttempts: 120,
      durationSeconds: 90, // a stuck call would hold the run here
      rtpIntervalMs: 100,
    });
    store.close();
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
