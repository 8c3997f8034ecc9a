import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { OUTCOMES } from "../../src/scenario/scenario.js";
import { type SippProcess, startSippCallee, timeScaledSippScenario } from "../support/sipp.js";
import { liveRig, liveScenario } from "./live-fixture.js";

/**
 * pacelab live against real SIPp playing scenarios/sipp/uas-default.xml, the callee population
 * of scenarios/default.yaml, time-scaled: the test plays a copy of the XML with every receive
 * timeout (ring times, the 480 and hang-up caps) divided by K, as pacelab divides the scenario's.
 * 300 calls go out at once (100 agents, RATIO 3) and ring, answer or fail as SIPp draws them.
 */
const K = 5;
const ATTEMPTS = 300;
/** Chi-squared, 4 degrees of freedom, upper 0.1% point: the outcome mix test's critical value. */
const CHI2_4_AT_0_001 = 18.467;

/** uas-default.xml with its receive timeouts (milliseconds) divided by `k`. */
const rig = liveRig();
let sipp: SippProcess | undefined;
afterEach(async () => {
  await sipp?.stop();
  sipp = undefined;
});

describe("pacelab live against SIPp's default callee population", () => {
  it("ends every attempt once on both sides, with default.yaml's outcome mix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-live-sipp-default-"));
    const xml = timeScaledSippScenario(resolve("scenarios/sipp/uas-default.xml"), K, dir);
    const callee = await startSippCallee(xml, dir);
    sipp = callee.sipp;
    const base = liveScenario();
    const scenario = liveScenario({
      agents: {
        ...base.agents,
        groups: [{ count: 30, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
        talk: { dist: "fixed", value: 5 },
        wrapUp: { dist: "fixed", value: 1 },
      },
    });
    const outcome = await rig.run({
      scenario,
      seed: 4,
      targetPort: callee.port,
      timeScale: K,
      maxAttempts: ATTEMPTS,
      durationSeconds: 60, // a stuck call would hold the run here
      rtpIntervalMs: 100,
    });
    // The dialer ended every attempt once.
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsPlaced).toBe(ATTEMPTS);
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    expect(outcome.leftOnLine).toBe(0);
    // A call SIPp aborts (an unexpected request: scenarios/sipp/README.md) may be booked as
    // lost by the dialer. Retransmitted INVITEs and CANCELs no longer do; rare, but counted.
    const lost = outcome.counts.failures.lost + outcome.counts.endedLost;
    expect(lost).toBeLessThan(ATTEMPTS / 10);
    expect(outcome.calls).toHaveLength(ATTEMPTS);
    expect(new Set(outcome.calls.map((c) => c.callId)).size).toBe(ATTEMPTS);

    // The outcome mix is default.yaml's (a chi-squared test at 0.1%).
    const expected = loadScenario(resolve("scenarios/default.yaml")).outcomes.probabilities;
    const c = outcome.run.counters;
    const seen = {
      person: c.outcomePerson,
      machine: c.outcomeMachine,
      busy: c.outcomeBusy,
      noAnswer: c.outcomeNoAnswer,
      invalid: c.outcomeInvalid,
    };
    const chi2 = OUTCOMES.reduce(
      (sum, o) => sum + (seen[o] - expected[o] * ATTEMPTS) ** 2 / (expected[o] * ATTEMPTS),
      0,
    );
    expect(chi2, JSON.stringify(seen)).toBeLessThan(CHI2_4_AT_0_001);

    // SIPp ended every call once, each as its scenario expects, once its 5 s timewait is over.
    const deadline = Date.now() + 20_000;
    const ended = () => callee.counter("SuccessfulCall(C)") + callee.counter("FailedCall(C)");
    while (ended() < ATTEMPTS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 500));
    // Every call the dialer did not lose ended as SIPp's scenario expects.
    expect(callee.counter("SuccessfulCall(C)")).toBe(ATTEMPTS - lost);
    if (lost === 0) {
      expect(callee.counter("TotalCallCreated")).toBe(ATTEMPTS);
      expect(callee.counter("FailedCall(C)")).toBe(0);
    }
  }, 120_000);
});
