import { afterAll, afterEach, expect } from "vitest";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import type { LiveCounts } from "../../src/live/live-campaign.js";
import { liveResultDocument } from "../../src/live/live-result.js";
import { LockoutStore } from "../../src/live/lockout-store.js";
import { type LiveRunOptions, type LiveRunOutcome, runLive } from "../../src/live/run-live.js";
import { type CampaignSummary, summarizeCampaign } from "../../src/model/campaign-summary.js";
import type { ResultDocument } from "../../src/result/result-document.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { makeScenario } from "../support/scenario-fixture.js";

/** The time scale most live tests run at: a minute of scenario time in 2 s. */
export const K = 30;

/**
 * A small campaign for live tests: 4 agents, short talks, a dialer pushed hard enough
 * (3 lines per agent) that some answered persons find no agent. Durations are scenario seconds;
 * tests run it time-scaled.
 */
export function liveScenario(overrides: Partial<Scenario> = {}): Scenario {
  const base = makeScenario();
  return makeScenario({
    name: "live-fixture",
    agents: {
      groups: [{ count: 4, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "lognormal", mean: 60, sd: 30 },
      wrapUp: { dist: "fixed", value: 5 },
    },
    leads: { kind: "count", count: 100_000 },
    outcomes: {
      ...base.outcomes,
      probabilities: { person: 0.4, machine: 0.1, busy: 0.1, noAnswer: 0.3, invalid: 0.1 },
    },
    callee: {
      patience: { dist: "exponential", mean: 60 },
      machineMessage: { dist: "fixed", value: 15 },
    },
    pacing: { algorithm: "vicidial-ratio", level: 3, cadenceSeconds: 2.5 },
    ...overrides,
  });
}

/** A live run from an ephemeral loopback port to `targetPort`; the lock-out store is optional. */
export type LiveTestRun = Omit<LiveRunOptions, "target" | "local" | "lockouts" | "timeScale"> & {
  readonly targetPort: number;
  readonly timeScale?: number;
  /** Default: a fresh in-memory store, closed after the run. */
  readonly lockouts?: LockoutStore;
};

/** What every live test repeats: the built-in endpoint on loopback and runLive against it. */
export interface LiveRig {
  /** The built-in endpoint for `scenario` on an ephemeral loopback port, stopped after the test. */
  endpoint(scenario: Scenario, seed: number, timeScale?: number): Promise<EndpointHandle>;
  run(options: LiveTestRun): Promise<LiveRunOutcome>;
}

/**
 * Registers the clean-up and returns the rig; call it at a file's top level. Endpoints stop
 * after each test, or after the file's tests (`"file"`) where several check one run.
 */
export function liveRig(scope: "test" | "file" = "test"): LiveRig {
  const endpoints: EndpointHandle[] = [];
  (scope === "test" ? afterEach : afterAll)(async () => {
    for (const endpoint of endpoints.splice(0)) await endpoint.stop();
  });
  return {
    async endpoint(scenario, seed, timeScale = K) {
      const endpoint = await startEndpoint({
        scenario,
        listen: { host: "127.0.0.1", port: 0 },
        timeScale: TimeScale.of(timeScale),
        seed,
      });
      endpoints.push(endpoint);
      return endpoint;
    },
    async run({ targetPort, timeScale = K, lockouts, ...rest }) {
      const store = lockouts ?? LockoutStore.open(":memory:");
      try {
        return await runLive({
          ...rest,
          target: { host: "127.0.0.1", port: targetPort },
          local: { host: "127.0.0.1", port: 0 },
          timeScale: TimeScale.of(timeScale),
          lockouts: store,
          // Every live test also holds the live runner to the campaign's laws.
          checkInvariants: true,
        });
      } finally {
        if (lockouts === undefined) store.close();
      }
    },
  };
}

/**
 * One shift of `shiftMinutes` (see `oneShift` in test/support/sim-vs-live.ts) run live against
 * the built-in endpoint (seed 5; the run's seed 9) at K, with five minutes of scenario time
 * after the window for the last calls to end (the longest wait, the cut-off, is 3 s x K = 3
 * minutes of scenario time) and RTP every 100 ms (fewer packets keep the event loop prompt on
 * a shared machine; RTP is not compared). Nothing may be left for the drain to end.
 */
export async function runShiftLive(
  rig: LiveRig,
  scenario: Scenario,
  shiftMinutes: number,
): Promise<{ readonly summary: CampaignSummary; readonly counts: LiveCounts }> {
  const endpoint = await rig.endpoint(scenario, 5);
  const outcome = await rig.run({
    scenario,
    seed: 9,
    targetPort: endpoint.address.port,
    durationSeconds: ((shiftMinutes + 5) * 60) / K,
    rtpIntervalMs: 100,
  });
  expect(outcome.counts.endedAtStop).toBe(0);
  return { summary: summarizeCampaign(outcome.run, scenario.rules), counts: outcome.counts };
}

/**
 * The result document `pacelab live` would write for a test run to `targetPort` with an
 * in-memory lock-out store.
 */
export function liveTestDocument(
  outcome: LiveRunOutcome,
  run: {
    readonly scenario: Scenario;
    readonly seed: number;
    readonly targetPort: number;
    readonly timeScale?: number;
    readonly file?: string;
  },
): ResultDocument {
  return liveResultDocument(outcome, {
    scenario: run.scenario,
    file: run.file ?? "fixture",
    seed: run.seed,
    target: { host: "127.0.0.1", port: run.targetPort },
    timeScale: TimeScale.of(run.timeScale ?? K),
    lockoutStore: ":memory:",
  });
}
