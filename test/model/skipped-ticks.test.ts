import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { type CampaignRun, simulateCampaign } from "../../src/model/campaign.js";
import { summarizeCampaign } from "../../src/model/campaign-summary.js";
import type { Pacer } from "../../src/pacing/pacer.js";
import { loadScenario, parseScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { lightLookahead } from "../support/light-lookahead.js";
import { scenarioFile } from "../support/random-scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

/**
 * The simulator skips ticks that would place nothing (`Pacer.ticksFollowCounts`), reuses a
 * counts-only pacer's answer while no count moved, and suspends its ticks while nobody is logged
 * in; a lookahead pacer's forecasts skip their candidates' idle ticks too. Each is a shortcut
 * that must change nothing: here every pacer can be swapped for one that
 * hides those flags, so the loop asks it at every tick, and both runs must be the same run.
 */
const asked = vi.hoisted(() => ({ atEveryTick: false }));

vi.mock("../../src/pacing/create-pacer.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/pacing/create-pacer.js")>();
  return {
    ...real,
    createPacer: (...args: Parameters<typeof real.createPacer>) => {
      const pacer = real.createPacer(...args);
      return asked.atEveryTick ? askedAtEveryTick(pacer) : pacer;
    },
  };
});

/** `pacer` with no flag that lets the loop skip asking it. */
function askedAtEveryTick(pacer: Pacer): Pacer {
  return {
    name: pacer.name,
    cadenceSeconds: pacer.cadenceSeconds,
    decidesOnAgentReady: pacer.decidesOnAgentReady,
    observesCalls: pacer.observesCalls,
    decide: (view) => pacer.decide(view),
    copy: () => askedAtEveryTick(pacer.copy()),
  };
}

/**
 * Everything a run gives, as text: two runs are the same run when these are equal. A call's
 * timers are the kernel's handles of its pending events, numbered in the order events were
 * filed, so a run that files no tick it would skip numbers them differently: they are left out.
 */
function fingerprint(scenario: Scenario, run: CampaignRun): string {
  return JSON.stringify({
    summary: summarizeCampaign(run, scenario.rules),
    rows: run.intervals.rows,
    calls: run.calls?.map(({ timer, patienceTimer, heardTimer, ...call }) => call),
    agents: [run.agents.staffedSeconds, run.agents.talkSeconds, run.agents.wrapUpSeconds],
  });
}

/** Where two fingerprints part, with some context, or "" if they do not. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length
    ? ""
    : `at ${i}: ${a.slice(i - 80, i + 80)} | ${b.slice(i - 80, i + 80)}`;
}

/** The run as the simulator does it, and with the pacer asked at every tick. */
function bothWays(scenario: Scenario, seed: number): [string, string] {
  const run = (everyTick: boolean) => {
    asked.atEveryTick = everyTick;
    try {
      return fingerprint(scenario, simulateCampaign(scenario, { seed, recordCalls: true }));
    } finally {
      asked.atEveryTick = false;
    }
  };
  return [run(false), run(true)];
}

describe("ticks skipped, answers reused", () => {
  it.each(["multi-day", "default", "consent-mix", "machine-heavy", "small-team"])(
    "change nothing in %s.yaml",
    (name) => {
      const scenario = loadScenario(`scenarios/${name}.yaml`);
      const [skipping, everyTick] = bothWays(scenario, 2);
      expect(firstDifference(skipping, everyTick)).toBe("");
    },
  );

  it("change nothing under lookahead, whose forecasts skip their own ticks", () => {
    const fixture = makeScenario();
    const scenario = makeScenario({
      agents: {
        ...fixture.agents,
        groups: [{ count: 5, start: 9 * 3600, end: 9.5 * 3600, breaks: [] }],
      },
      pacing: { ...lightLookahead(20), runs: 4 },
    });
    const [skipping, everyTick] = bothWays(scenario, 3);
    expect(firstDifference(skipping, everyTick)).toBe("");
  });

  it("change nothing in randomized scenarios (every pacer, seams, retries, lock-outs)", () => {
    fc.assert(
      fc.property(
        scenarioFile({ maxDays: 6, maxLeads: 200 }),
        fc.integer({ min: 1, max: 1000 }),
        (file, seed) => {
          const text = stringify(file);
          const [skipping, everyTick] = bothWays(parseScenario(text, "random.yaml"), seed);
          expect(firstDifference(skipping, everyTick), `seed ${seed}, scenario:\n${text}`).toBe("");
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  }, 300_000);
});
