import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, type ExpectStatic, it, onTestFinished } from "vitest";
import type { LiveRunOutcome } from "../../src/live/run-live.js";
import { type KamailioProxy, type ProxiedRequest, startKamailio } from "../support/kamailio.js";
import { startSippCallee, timeScaledSippScenario } from "../support/sipp.js";
import { liveRig, liveScenario } from "./live-fixture.js";

/**
 * pacelab live behind a real proxy: Kamailio (scenarios/kamailio/kamailio.cfg: record-routing,
 * transaction-stateful) between the dialer and a callee, the built-in endpoint or SIPp playing
 * uas-default.xml. Every request of every dialog must pass through the proxy, as its log shows,
 * in both directions, and both ends must count the same calls.
 */

// The two tests run at once, each with its own proxy and callee; the endpoints stop after both
// (a test's own clean-up would stop the other's too).
const rig = liveRig("file");

/** Kamailio forwarding to `port`, stopped when the test ends. */
async function proxyTo(port: number): Promise<KamailioProxy> {
  const proxy = await startKamailio({ host: "127.0.0.1", port });
  onTestFinished(() => proxy.stop());
  return proxy;
}

/**
 * The proxy's log once it holds an ACK from the dialer for each of `calls` (or after 5 s): the
 * last ACKs leave the dialer as its run ends, and the proxy's log lines reach this process a
 * little later.
 */
async function settledRequests(
  proxy: KamailioProxy,
  calls: readonly { callId: string }[],
): Promise<ProxiedRequest[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const requests = proxy.requests();
    const acked = new Set(requests.filter((r) => r.method === "ACK").map((r) => r.callId));
    if (calls.every((c) => acked.has(c.callId)) || Date.now() > deadline) return requests;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The proxy's log as "who sent which methods" per Call-ID (`callee` or `dialer`). */
function requestsByCall(
  requests: readonly ProxiedRequest[],
  callee: string,
): Map<string, { dialer: Set<string>; callee: Set<string> }> {
  const calls = new Map<string, { dialer: Set<string>; callee: Set<string> }>();
  for (const r of requests) {
    let call = calls.get(r.callId);
    if (call === undefined) {
      call = { dialer: new Set(), callee: new Set() };
      calls.set(r.callId, call);
    }
    (r.from === callee ? call.callee : call.dialer).add(r.method);
  }
  return calls;
}

/** What the dialer's run must have sent through the proxy for every call. */
function expectEveryDialogThroughProxy(
  expect: ExpectStatic,
  outcome: LiveRunOutcome,
  seen: Map<string, { dialer: Set<string>; callee: Set<string> }>,
): void {
  for (const call of outcome.calls) {
    const methods = seen.get(call.callId);
    expect(methods, `${call.callId} never reached the proxy`).toBeDefined();
    const dialer = [...(methods?.dialer ?? [])];
    // Every attempt: its INVITE, and the ACK of its final response (2xx or not).
    expect(dialer, call.callId).toContain("INVITE");
    expect(dialer, call.callId).toContain("ACK");
    if (call.byeAt !== null) expect(dialer, call.callId).toContain("BYE");
  }
}

describe.concurrent("pacelab live through Kamailio", () => {
  it("to the built-in endpoint: every INVITE, ACK, CANCEL and BYE goes through the proxy", async ({
    expect,
  }) => {
    const scenario = liveScenario({
      dialer: { ...liveScenario().dialer, noAnswerTimeoutSeconds: 15 },
    });
    const endpoint = await rig.endpoint(scenario, 11);
    const proxy = await proxyTo(endpoint.address.port);
    const outcome = await rig.run({
      scenario,
      seed: 5,
      targetPort: proxy.port,
      maxAttempts: 80,
      durationSeconds: 45, // a stuck call would hold the run here
      rtpIntervalMs: 100,
    });
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsEnded).toBe(80);
    expect(outcome.counts.failures.lost + outcome.counts.endedLost).toBe(0);

    const seen = requestsByCall(
      await settledRequests(proxy, outcome.calls),
      `127.0.0.1:${endpoint.address.port}`,
    );
    expectEveryDialogThroughProxy(expect, outcome, seen);
    // Call for call, the endpoint agrees, and whatever it sent inside a dialog went through too.
    const records = new Map(endpoint.records().map((r) => [r.callId, r]));
    expect(new Set(records.keys())).toEqual(new Set(outcome.calls.map((c) => c.callId)));
    let cancelled = 0;
    let calleeByes = 0;
    for (const call of outcome.calls) {
      const record = records.get(call.callId);
      const methods = seen.get(call.callId);
      expect(record?.answeredAt !== null, call.callId).toBe(call.answeredAt !== null);
      expect(record?.succeeded, call.callId).toBe(true);
      if (record?.finalStatus === 487) {
        cancelled++;
        expect([...(methods?.dialer ?? [])], call.callId).toContain("CANCEL");
      }
      if (record?.endedBy === "caller") expect(call.byeAt, call.callId).not.toBeNull();
      if (record?.endedBy === "callee") {
        calleeByes++;
        expect([...(methods?.callee ?? [])], call.callId).toContain("BYE");
      }
    }
    // The run had all of them: cancelled rings, the dialer's BYEs and the callees' own.
    expect(cancelled).toBeGreaterThan(0);
    expect(calleeByes).toBeGreaterThan(0);
    expect(outcome.calls.filter((c) => c.byeAt !== null).length).toBeGreaterThan(0);
  }, 60_000);

  it("to SIPp playing uas-default.xml: every dialog through the proxy, every call successful", async ({
    expect,
  }) => {
    const K = 5;
    const dir = mkdtempSync(join(tmpdir(), "pacelab-proxy-sipp-"));
    const xml = timeScaledSippScenario(resolve("scenarios/sipp/uas-default.xml"), K, dir);
    const callee = await startSippCallee(xml, dir);
    onTestFinished(async () => {
      await callee.sipp.stop();
    });
    const proxy = await proxyTo(callee.port);
    const base = liveScenario();
    const attempts = 60;
    const outcome = await rig.run({
      scenario: liveScenario({
        agents: {
          ...base.agents,
          groups: [{ count: 10, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
          talk: { dist: "fixed", value: 5 },
          wrapUp: { dist: "fixed", value: 1 },
        },
        // CANCEL at 6 s real: after every answer (the longest ring bucket is 3.9 s at K = 5).
        dialer: { ...base.dialer, noAnswerTimeoutSeconds: 30 },
      }),
      seed: 6,
      targetPort: proxy.port,
      timeScale: K,
      maxAttempts: attempts,
      durationSeconds: 45,
      rtpIntervalMs: 100,
    });
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsEnded).toBe(attempts);
    expect(outcome.counts.failures.lost + outcome.counts.endedLost).toBe(0);

    const seen = requestsByCall(
      await settledRequests(proxy, outcome.calls),
      `127.0.0.1:${callee.port}`,
    );
    expectEveryDialogThroughProxy(expect, outcome, seen);
    // Each CANCEL the dialer sent went through the proxy, and its 487 came back through it.
    const f = outcome.counts.failures;
    const withCancel = outcome.calls.filter((c) => seen.get(c.callId)?.dialer.has("CANCEL"));
    expect(withCancel.length).toBeGreaterThan(0);
    expect(withCancel.length).toBe(
      f["no-answer-timeout"] + f.cancelled + outcome.counts.answeredAfterGiveUp,
    );

    // SIPp ended every call as its scenario expects, once its 5 s timewait is over.
    const deadline = Date.now() + 15_000;
    const ended = () => callee.counter("SuccessfulCall(C)") + callee.counter("FailedCall(C)");
    while (ended() < attempts && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(callee.counter("TotalCallCreated")).toBe(attempts);
    expect(callee.counter("FailedCall(C)")).toBe(0);
    expect(callee.counter("SuccessfulCall(C)")).toBe(attempts);
  }, 80_000);
});
