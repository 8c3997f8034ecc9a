import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type SippProcess, startSippCallee } from "../support/sipp.js";
import { liveRig, liveScenario } from "./live-fixture.js";

/**
 * pacelab live against real SIPp playing scenarios/sipp/uas-by-number.xml, where the dialled
 * number's first digits choose the callee's fate: each call's result can be checked against it.
 */
const FATES: readonly [prefix: string, count: number][] = [
  ["1", 40], // person, waits for the dialer's BYE
  ["11", 5], // person who hangs up 300 ms after the answer
  ["2", 10], // machine
  ["3", 10], // busy
  ["4", 25], // rings until CANCEL
  ["5", 10], // invalid
];
const numbers = FATES.flatMap(([prefix, count]) =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}${prefix === "1" ? "0" : ""}${String(i).padStart(6, "0")}`,
  ),
);
const ATTEMPTS = numbers.length;
const rig = liveRig();

const allowed = (n: string): readonly string[] => {
  if (n.startsWith("11")) return ["connected", "silent-callee-hung-up", "silent-no-agent"];
  if (n.startsWith("1")) return ["connected", "silent-no-agent"];
  if (n.startsWith("2")) return ["machine-message", "machine-dropped"];
  if (n.startsWith("3")) return ["busy"];
  if (n.startsWith("4")) return ["no-answer"];
  return ["invalid"];
};

let sipp: SippProcess | undefined;
afterEach(async () => {
  await sipp?.stop();
  sipp = undefined;
});

describe("pacelab live against SIPp", () => {
  it("gives every call the result its number's fate calls for, and SIPp counts the same calls", async () => {
    const callee = await startSippCallee(
      resolve("scenarios/sipp/uas-by-number.xml"),
      mkdtempSync(join(tmpdir(), "pacelab-live-sipp-")),
    );
    sipp = callee.sipp;
    const scenario = liveScenario({
      leads: { kind: "file", path: "in-memory", numbers },
    });
    const outcome = await rig.run({
      scenario,
      seed: 2,
      targetPort: callee.port,
      maxAttempts: ATTEMPTS,
      durationSeconds: 60,
      rtpIntervalMs: 100,
    });
    expect(outcome.stoppedBy).toBe("max-attempts");
    expect(outcome.attemptsEnded).toBe(ATTEMPTS);
    expect(outcome.leftOnLine).toBe(0);
    const wrong = outcome.calls
      .filter((c) => !allowed(c.number).includes(c.result))
      .map((c) => `${c.number}: ${c.result}`);
    expect(wrong).toEqual([]);
    expect(new Set(outcome.calls.map((c) => c.number)).size).toBe(ATTEMPTS);
    const c = outcome.run.counters;
    expect(c.outcomePerson).toBe(45);
    expect(c.outcomeMachine).toBe(10);
    expect(c.outcomeBusy).toBe(10);
    expect(c.outcomeNoAnswer).toBe(25);
    expect(c.outcomeInvalid).toBe(10);

    // SIPp's own cumulative counters (its -trace_stat CSV) saw the same number of calls.
    await new Promise((r) => setTimeout(r, 1500)); // one more -fd period
    await callee.sipp.stop();
    expect(callee.counter("TotalCallCreated")).toBe(ATTEMPTS);
  }, 120_000);
});
