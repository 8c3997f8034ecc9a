import { afterAll, describe, expect, it } from "vitest";
import type { CampaignSummary } from "../../src/model/campaign-summary.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { meanInterval } from "../../src/stats/confidence.js";
import { ReplicationPool } from "../../src/tuning/replication-pool.js";
import { ratioWithCutoff } from "../support/ratio-cutoff-sim.js";
import { ratioMarkov, ratioMarkovScenario } from "../support/ratio-markov.js";

const DAY = 86_400;

// The replications run on both cores: two worker threads kept for the file. A replication is a
// pure function of its scenario and seed, so the summaries are those of runReplications.
const pool = new ReplicationPool(2);
afterAll(() => pool.close());

/** `count` replications of `scenario` with seeds `seed, seed + 1, ...`: their summaries. */
async function replicate(scenario: Scenario, seed: number, count: number) {
  const tasks = Array.from({ length: count }, (_, i) => ({ id: i, scenario: 0, seed: seed + i }));
  return { summaries: (await pool.run([scenario], tasks)) as CampaignSummary[] };
}

describe("simulator against the exact RATIO birth-death chain", () => {
  const cases = [
    { agents: 5, level: 1.6, p: 0.1, ring: 20, talk: 120 },
    { agents: 10, level: 1.8, p: 0.1, ring: 20, talk: 120 },
    { agents: 20, level: 1.8, p: 0.1, ring: 20, talk: 120 },
  ];
  for (const c of cases) {
    it(`${c.agents} agents at level ${c.level}`, async () => {
      const exact = ratioMarkov(c.agents, c.level, c.p, c.ring, c.talk);
      const reps = await replicate(
        ratioMarkovScenario(c.agents, c.level, c.p, c.ring, c.talk),
        100,
        8,
      );
      const silent = meanInterval(reps.summaries.map((s) => s.silentPer100Connected as number));
      const occupancy = meanInterval(reps.summaries.map((s) => s.talkOccupancy));
      // Within 4 standard errors of the replication mean (a false alarm about once in 15,000).
      const se = (m: { sd: number; n: number }) => m.sd / Math.sqrt(m.n);
      expect(Math.abs(silent.mean - exact.silentPer100Connected)).toBeLessThan(
        4 * se(silent) + 1e-9,
      );
      expect(Math.abs(occupancy.mean - exact.talkOccupancy)).toBeLessThan(4 * se(occupancy) + 1e-9);
      // And the interval is tight enough for the comparison to mean something.
      expect(se(silent)).toBeLessThan(0.1 * exact.silentPer100Connected);
    });
  }
});

describe("simulator against exact results across many consecutive days", () => {
  // Six replications of five days each, agents on duty around the clock: thirty midnights
  // crossed with calls in progress. The interval must be tight enough that "within 5%" means
  // something (4 standard errors under 5% of the exact value).
  const c = { agents: 10, level: 2.2, p: 0.1, ring: 20, talk: 120 };
  const se = (m: { sd: number; n: number }) => m.sd / Math.sqrt(m.n);

  it("matches the birth-death chain: silent per 100 answered within 5%, occupancy within 0.01", async () => {
    const exact = ratioMarkov(c.agents, c.level, c.p, c.ring, c.talk);
    const exactPer100Answered =
      (100 * exact.silentPer100Connected) / (100 + exact.silentPer100Connected);
    const scenario = ratioMarkovScenario(c.agents, c.level, c.p, c.ring, c.talk, { days: 5 });
    const reps = await replicate(scenario, 300, 6);
    const silent = meanInterval(reps.summaries.map((s) => s.silentPer100Answered as number));
    const occupancy = meanInterval(reps.summaries.map((s) => s.talkOccupancy));
    expect(Math.abs(silent.mean - exactPer100Answered)).toBeLessThan(0.05 * exactPer100Answered);
    expect(4 * se(silent)).toBeLessThan(0.05 * exactPer100Answered);
    expect(Math.abs(occupancy.mean - exact.talkOccupancy)).toBeLessThan(0.01);
    // Every agent staffed for every second of the five days.
    for (const s of reps.summaries) expect(s.staffedAgentHours).toBeCloseTo(c.agents * 120, 6);
  });

  it("matches an independent simulation with a 3 s cut-off", async () => {
    const scenario = ratioMarkovScenario(c.agents, c.level, c.p, c.ring, c.talk, {
      days: 5,
      cutoff: 3,
    });
    // The replications run in the workers while this thread runs the independent simulation.
    const replications = replicate(scenario, 400, 6);
    const independent = ratioWithCutoff(
      c.agents,
      c.level,
      c.p,
      c.ring,
      c.talk,
      3,
      300 * DAY,
      "cut-off",
    );
    const reps = await replications;
    const silent = meanInterval(reps.summaries.map((s) => s.silentPer100Answered as number));
    const occupancy = meanInterval(reps.summaries.map((s) => s.talkOccupancy));
    const target = independent.silentPer100Answered;
    expect(Math.abs(silent.mean - target)).toBeLessThan(0.05 * target);
    expect(4 * se(silent)).toBeLessThan(0.05 * target);
    expect(Math.abs(occupancy.mean - independent.talkOccupancy)).toBeLessThan(0.01);
    // The cut-off matters: waiting 3 s saves a visible share of the chain's silent calls.
    const chain = ratioMarkov(c.agents, c.level, c.p, c.ring, c.talk);
    expect(target).toBeLessThan(
      0.95 * ((100 * chain.silentPer100Connected) / (100 + chain.silentPer100Connected)),
    );
  });
});
