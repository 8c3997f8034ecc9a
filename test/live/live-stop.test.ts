import { describe, expect, it } from "vitest";
import type { LiveSnapshot } from "../../src/live/live-snapshot.js";
import { HEARD_AFTER_WALL_SECONDS } from "../../src/live/run-live.js";
import { makeScenario } from "../support/scenario-fixture.js";
import { liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();

/**
 * One agent, every number a person who answers within a second of scenario time and never
 * hangs up first; progressive dialing, so the first answer goes straight to the agent.
 */
function scenario() {
  const base = makeScenario();
  return liveScenario({
    agents: {
      groups: [{ count: 1, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "fixed", value: 3000 },
      wrapUp: { dist: "fixed", value: 5 },
    },
    outcomes: {
      ...base.outcomes,
      probabilities: { person: 1, machine: 0, busy: 0, noAnswer: 0, invalid: 0 },
      ring: { ...base.outcomes.ring, person: { dist: "fixed", value: 1 } },
    },
    callee: {
      patience: { dist: "fixed", value: 100_000 },
      machineMessage: { dist: "fixed", value: 15 },
    },
    pacing: { algorithm: "progressive" },
  });
}

describe("pacelab live stopped just after a call is put through", () => {
  it("hangs it up only once the agent can have been heard, and the callee heard them", async () => {
    const s = scenario();
    const endpoint = await rig.endpoint(s, 1);
    const abort = new AbortController();
    let read: (() => LiveSnapshot) | null = null;
    // Stop at the first poll that finds the agent talking: within a few ms of the connect.
    const poll = setInterval(() => {
      if (read !== null && read().agents.talking > 0) abort.abort();
    }, 2);
    try {
      const outcome = await rig.run({
        scenario: s,
        seed: 1,
        targetPort: endpoint.address.port,
        signal: abort.signal,
        durationSeconds: 20,
        onStarted: (r) => {
          read = r;
        },
      });
      expect(outcome.stoppedBy).toBe("interrupted");
      const connected = outcome.calls.filter((c) => c.result === "connected");
      expect(connected).toHaveLength(1);
      // The endpoint's record, on the same wall clock: the agent took the call at its answer
      // (ready, no AMD), and the dialer's BYE came only the heard window later.
      const callee = endpoint.records().find((r) => r.callId === connected[0].callId);
      expect(callee?.endedBy).toBe("caller");
      const held = ((callee?.endedAt ?? 0) - (callee?.answeredAt ?? 0)) / 1000;
      expect(held).toBeGreaterThanOrEqual(HEARD_AFTER_WALL_SECONDS);
      expect(callee?.agentAudioAt).not.toBeNull();
      // The dialer's record of that BYE, sent by the drain, not by the campaign.
      const { answeredAt, byeAt } = connected[0];
      expect(byeAt).not.toBeNull();
      expect(((byeAt ?? 0) - (answeredAt ?? 0)) / 1000).toBeGreaterThanOrEqual(
        HEARD_AFTER_WALL_SECONDS,
      );
    } finally {
      clearInterval(poll);
    }
  });
});
