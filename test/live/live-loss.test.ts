import { describe, it, onTestFinished } from "vitest";
import { summaryText } from "../../src/report/summary-text.js";
import { type LossyRelayOptions, startLossyRelay } from "../support/lossy-relay.js";
import { K, liveRig, liveScenario, liveTestDocument } from "./live-fixture.js";

// The two runs go at once, each with its own endpoint and relay: mostly they wait on the wire.
// The endpoints stop after both (a test's own clean-up would stop the other's too).
const rig = liveRig("file");

/** A lossy relay in front of `port`, closed when the test ends. */
async function relayTo(port: number, options: Omit<LossyRelayOptions, "server">) {
  const relay = await startLossyRelay({ server: { host: "127.0.0.1", port }, ...options });
  onTestFinished(() => relay.close());
  return relay;
}

describe.concurrent("pacelab live with 5% of datagrams lost", () => {
  it("gets no call or agent stuck and accounts for every attempt", async ({ expect }) => {
    const scenario = liveScenario();
    const endpoint = await rig.endpoint(scenario, 21);
    const relay = await relayTo(endpoint.address.port, { lossRate: 0.05, seed: "live-loss" });
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

describe.concurrent("pacelab live with 15% lost and a no-answer timer shorter than many rings", () => {
  it("puts answers that cross the CANCEL through, or counts them silent by their own cause", async ({
    expect,
  }) => {
    // Rings of 10 s on average against a 10 s timer (1/3 s each at the time scale): a 200 lost
    // once comes again 500 ms later, after the CANCEL. 8 agents under the guard: most late
    // answers find one free.
    const scenario = liveScenario({
      agents: {
        groups: [{ count: 8, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
        talk: { dist: "lognormal", mean: 60, sd: 30 },
        wrapUp: { dist: "fixed", value: 5 },
      },
      dialer: { ...liveScenario().dialer, noAnswerTimeoutSeconds: 10 },
      pacing: {
        algorithm: "guarded",
        inner: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
        ceilingPer100: 3,
        denominator: "connected",
      },
    });
    const endpoint = await rig.endpoint(scenario, 22);
    const relay = await relayTo(endpoint.address.port, {
      lossRate: 0.15,
      seed: "live-late-answer",
      only: "sip",
    });
    const outcome = await rig.run({
      scenario,
      seed: 5,
      targetPort: relay.port,
      maxAttempts: 200,
      durationSeconds: 120,
      rtpIntervalMs: 100,
      recordCalls: true,
    });
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.leftOnLine).toBe(0);
    const late = outcome.counts.answeredAfterGiveUp;
    expect(late).toBeGreaterThan(0);
    // The line kept each late answer up until the campaign hung it up: no BYE it did not ask for.
    expect(outcome.counts.endedAtStop).toBe(0);
    const c = outcome.run.counters;
    const calls = outcome.run.calls ?? [];
    // A silent-no-agent call waited out the whole cut-off (scenario seconds, x the scale) with
    // no agent free; none is a late answer hung up at once while agents sat idle.
    const cutoff = scenario.dialer.cutoffSeconds * K;
    const noAgent = calls.filter((call) => call.result === "silent-no-agent");
    expect(
      noAgent.map((call) => call.endedAt - call.answeredAt).filter((h) => h < cutoff - 1e-6),
    ).toEqual([]);
    const afterCancel = calls.filter((call) => call.result === "silent-answer-after-cancel");
    expect(afterCancel).toHaveLength(c.silentAnswerAfterCancel);
    expect(c.silentAnswerAfterCancel).toBeLessThanOrEqual(late);
    // The counts add up: every person connected or silent, every silent call under one cause.
    expect(c.connected + c.silent).toBe(c.humanAnswered);
    expect(c.silent).toBe(
      c.silentNoAgent +
        c.silentCalleeHungUp +
        c.silentAmdFalsePositive +
        c.silentAmdTooSlow +
        c.silentAnswerAfterCancel,
    );
    // The result names the cause, for the campaign and window by window, and so does the text.
    const doc = liveTestDocument(outcome, {
      scenario,
      file: "late.yaml",
      seed: 5,
      targetPort: relay.port,
    });
    expect(doc.campaign.silentByCause.answerAfterCancel).toBe(c.silentAnswerAfterCancel);
    const byWindow = doc.timeseries.rows.map((row) => row.silentByCause.answerAfterCancel ?? -1);
    expect(byWindow.every((n) => n >= 0)).toBe(true);
    expect(byWindow.reduce((sum, n) => sum + n, 0)).toBe(c.silentAnswerAfterCancel);
    expect(summaryText(doc, scenario.calendar.start)).toContain(
      `answer after cancel ${c.silentAnswerAfterCancel})`,
    );
    // The guard's budget already covers a late answer (it was ringing, so at risk, in its view).
    expect(c.silent).toBeLessThanOrEqual(0.03 * c.connected);
  }, 180_000);
});
