import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { classify } from "../../src/endpoint/call-record.js";
import { LockoutStore } from "../../src/live/lockout-store.js";
import { nextMidnightMs } from "../../src/live/next-midnight.js";
import { syntheticNumber } from "../../src/report/calls-csv.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { K, liveRig, liveScenario } from "./live-fixture.js";

// The two tests run at once, each with its own endpoints and lock-out store (runOnce stops each
// endpoint it started; the rig's clean-up waits for the file's end, not to stop the other's).
const rig = liveRig("file");
// Everyone answers and 1 agent takes 3 lines: several persons at once find no agent.
const scenario = liveScenario({
  leads: { kind: "count", count: 12 },
  agents: {
    groups: [{ count: 1, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
    talk: { dist: "fixed", value: 4 * K }, // longer than the cut-off's real 3 s
    wrapUp: { dist: "fixed", value: 5 },
  },
  outcomes: {
    ...liveScenario().outcomes,
    probabilities: { person: 1, machine: 0, busy: 0, noAnswer: 0, invalid: 0 },
  },
  callee: { patience: { dist: "fixed", value: 3600 }, machineMessage: { dist: "fixed", value: 1 } },
});

// For a second run: an agent for every line, short talks and no retries, so that it calls
// every number it may once, with no silent call of its own, and ends as soon as it has.
const once = { delaySeconds: 0, maxAttempts: 1 };
const allAgentsFree: Scenario = {
  ...scenario,
  agents: {
    groups: [{ count: 3, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
    talk: { dist: "fixed", value: 15 },
    wrapUp: { dist: "fixed", value: 5 },
  },
  pacing: { algorithm: "vicidial-ratio", level: 1, cadenceSeconds: 2.5 },
  retries: { busy: once, noAnswer: once, machine: once, silent: once },
};

async function runOnce(store: LockoutStore, seed: number, on = scenario, attempts = 12) {
  const endpoint = await rig.endpoint(on, seed);
  const outcome = await rig.run({
    scenario: on,
    seed,
    targetPort: endpoint.address.port,
    lockouts: store,
    maxAttempts: attempts,
    durationSeconds: 30,
    recordCalls: true,
  });
  const records = endpoint.records();
  await endpoint.stop();
  return { outcome, records };
}

describe.concurrent("lock-outs across live runs", () => {
  it("a second run refuses every number the first run's silent calls locked", async ({
    expect,
  }) => {
    const path = join(mkdtempSync(join(tmpdir(), "pacelab-live-")), "lockouts.sqlite");
    let store = LockoutStore.open(path);
    const first = await runOnce(store, 1);
    store.close();
    const silentNumbers = first.records
      .filter((r) => classify(r) === "silent")
      .map((r) => r.number);
    expect(silentNumbers.length).toBeGreaterThan(0);
    expect(first.outcome.run.counters.locksApplied).toBe(silentNumbers.length);

    store = LockoutStore.open(path); // as a new process would
    for (const n of silentNumbers) expect(store.state(n, Date.now())).toBe("locked");
    const second = await runOnce(store, 2, allAgentsFree);
    store.close();
    expect(second.outcome.stoppedBy).toBe("leads");
    const dialedAgain = new Set(second.records.map((r) => r.number));
    for (const n of silentNumbers) expect(dialedAgain.has(n)).toBe(false);
    expect(second.outcome.counts.refusedLocked).toBe(silentNumbers.length);
    expect(second.records.length).toBe(12 - silentNumbers.length);
  }, 120_000);
});

const UK = BUILT_IN_RULE_SETS["uk-ofcom-2016"];
const H = 3_600_000;

/** UK rules (hours from 08:00), 6 leads; each lead is called at most once per run. */
function ukScenario(overrides: Partial<Scenario>): Scenario {
  const base = liveScenario();
  return liveScenario({
    rules: UK,
    leads: { kind: "count", count: 6 },
    dialer: { ...base.dialer, cutoffSeconds: UK.cutoffLimitSeconds },
    retries: { ...base.retries, silent: { delaySeconds: 0, maxAttempts: 1 } },
    callee: {
      patience: { dist: "fixed", value: 3600 },
      machineMessage: { dist: "fixed", value: 1 },
    },
    ...overrides,
  });
}

// First run: 1 agent on 3 lines, persons and machines, AMD on: silent calls and AMD hang-ups.
const ukFirst = ukScenario({
  agents: {
    groups: [{ count: 1, start: 8 * 3600, end: 17 * 3600, breaks: [] }],
    talk: { dist: "fixed", value: 4 * K }, // longer than the cut-off's real 2 s
    wrapUp: { dist: "fixed", value: 5 },
  },
  outcomes: {
    ...liveScenario().outcomes,
    probabilities: { person: 0.6, machine: 0.4, busy: 0, noAnswer: 0, invalid: 0 },
  },
  dialer: {
    ...ukScenario({}).dialer,
    amd: {
      ...liveScenario().dialer.amd,
      enabled: true,
      detection: { dist: "fixed", value: 1 },
      falsePositiveRate: 0,
      falseNegativeRate: 0,
      lockAfterHangup: false,
    },
  },
});
// Second run: an agent for every line and short talks, so that calls held for an agent go soon.
const ukSecond = ukScenario({
  agents: {
    groups: [{ count: 3, start: 8 * 3600, end: 17 * 3600, breaks: [] }],
    talk: { dist: "fixed", value: 15 },
    wrapUp: { dist: "fixed", value: 5 },
  },
  outcomes: {
    ...liveScenario().outcomes,
    probabilities: { person: 1, machine: 0, busy: 0, noAnswer: 0, invalid: 0 },
  },
  pacing: { algorithm: "vicidial-ratio", level: 1, cadenceSeconds: 2.5 },
});

describe.concurrent("UK agent guarantees across live runs", () => {
  it("a second run calls the numbers of the first run's silent calls and AMD hang-ups only with an agent held", async ({
    expect,
  }) => {
    const path = join(mkdtempSync(join(tmpdir(), "pacelab-live-")), "lockouts.sqlite");
    let store = LockoutStore.open(path);
    const startedAt = Date.now();
    const first = await runOnce(store, 3, ukFirst, 6);
    const endedAt = Date.now();
    store.close();
    const calls = first.outcome.calls;
    const silent = calls.filter((c) => c.result.startsWith("silent-")).map((c) => c.number);
    const amdHangups = calls.filter((c) => c.result === "machine-hangup").map((c) => c.number);
    expect(silent.length).toBeGreaterThan(0);
    expect(amdHangups.length).toBeGreaterThan(0);

    store = LockoutStore.open(path); // as a new process would
    const now = Date.now();
    for (const n of silent) {
      // Not locked: every call needs an agent for 72 h of wall clock, whatever the time scale.
      const lock = store.get(n);
      expect(lock?.until).toBe(0);
      expect(lock?.agentRequiredUntil).toBeGreaterThanOrEqual(startedAt + 72 * H);
      expect(lock?.agentRequiredUntil).toBeLessThanOrEqual(endedAt + 72 * H + 1);
      expect(store.state(n, now)).toBe("agent-required");
    }
    const midnights = [nextMidnightMs(startedAt, undefined), nextMidnightMs(endedAt, undefined)];
    for (const n of amdHangups) {
      expect(midnights).toContain(store.get(n)?.agentRequiredUntil); // the machine's own midnight
      expect(store.state(n, now)).toBe("agent-required");
    }

    const second = await runOnce(store, 4, ukSecond, 6);
    const guaranteed = new Set([...silent, ...amdHangups]);
    expect(second.outcome.counts.refusedLocked).toBe(0);
    expect(second.outcome.counts.guaranteedFromStore).toBe(guaranteed.size);
    const secondCalls = second.outcome.run.calls ?? [];
    expect(secondCalls.length).toBe(6); // every number called again, none refused
    for (const call of secondCalls) {
      const number = syntheticNumber(call.lead);
      expect(call.reservedAgent >= 0, number).toBe(guaranteed.has(number));
    }
    // A call with an agent held does not end the period: the next run must hold one again.
    for (const n of guaranteed) expect(store.state(n, Date.now())).toBe("agent-required");
    store.close();
  }, 60_000);
});
