import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classify } from "../../src/endpoint/call-record.js";
import { LockoutStore } from "../../src/live/lockout-store.js";
import { K, liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();
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

async function runOnce(store: LockoutStore, seed: number) {
  const endpoint = await rig.endpoint(scenario, seed);
  const outcome = await rig.run({
    scenario,
    seed,
    targetPort: endpoint.address.port,
    lockouts: store,
    maxAttempts: 12,
    durationSeconds: 30,
  });
  const records = endpoint.records();
  await endpoint.stop();
  return { outcome, records };
}

describe("lock-outs across live runs", () => {
  it("a second run refuses every number the first run's silent calls locked", async () => {
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
    const second = await runOnce(store, 2);
    store.close();
    const dialedAgain = new Set(second.records.map((r) => r.number));
    for (const n of silentNumbers) expect(dialedAgain.has(n)).toBe(false);
    expect(second.outcome.counts.refusedLocked).toBe(silentNumbers.length);
    expect(second.records.length).toBe(12 - silentNumbers.length);
  }, 120_000);
});
