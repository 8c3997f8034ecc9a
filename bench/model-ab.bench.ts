/**
 * The campaign model's cost against another build of it, interleaved in one process: `node
 * dist/bench/model-ab.bench.js <baseline checkout> [rounds]`, where the baseline is a checkout
 * built with `npm run build` (its `dist/src/model/campaign.js` is loaded beside this one's).
 * For each scenario, rounds alternate baseline and current (the order flips every round), each
 * a few replications timed by the process's CPU clock; it prints the least and median CPU ms
 * of a replication and the ratio current/baseline, and checks both give the same attempts.
 * Each round also gives a paired ratio (its current CPU over its baseline CPU, the same seeds,
 * run back to back, so that the machine's slower and faster spells fall on both): their median
 * with a distribution-free 95% interval says whether a difference is more than noise.
 */

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CampaignOptions, type CampaignRun, simulateCampaign } from "../src/model/campaign.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { medianInterval } from "../src/stats/median-interval.js";
import { benchScenario } from "./bench-scenario.js";

type Simulate = (scenario: Scenario, options: CampaignOptions) => CampaignRun;

const REPLICATIONS_PER_ROUND = 5;

/** CPU ms of each of `REPLICATIONS_PER_ROUND` replications (seeds from `seed`). */
function cpuPerReplication(simulate: Simulate, scenario: Scenario, seed: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < REPLICATIONS_PER_ROUND; i++) {
    const before = process.cpuUsage();
    simulate(scenario, { seed: seed + i });
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const [baselineRoot, roundsArg] = process.argv.slice(2);
  if (baselineRoot === undefined) {
    console.error("usage: node dist/bench/model-ab.bench.js <baseline checkout, built> [rounds]");
    process.exit(2);
  }
  const rounds = Number(roundsArg ?? 15);
  const modulePath = resolve(baselineRoot, "dist/src/model/campaign.js");
  const baseline = (await import(pathToFileURL(modulePath).href)).simulateCampaign as Simulate;
  const scenarios: [string, Scenario][] = [
    ["default.yaml (20 agents, guarded binomial)", loadScenario("scenarios/default.yaml")],
    ["100-agent RATIO 2.5 day", benchScenario(100, 200_000)],
    ["multi-day.yaml", loadScenario("scenarios/multi-day.yaml")],
  ];
  console.log(`baseline ${modulePath}; ${rounds} rounds of ${REPLICATIONS_PER_ROUND} replications`);
  for (const [name, scenario] of scenarios) {
    const a = baseline(scenario, { seed: 1 }).counters.attempts;
    const b = simulateCampaign(scenario, { seed: 1 }).counters.attempts;
    if (a !== b)
      throw new Error(`${name}: baseline ${a} attempts, current ${b}: not the same model`);
    const times = { baseline: [] as number[], current: [] as number[] };
    const pairedRatios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0 ? (["baseline", "current"] as const) : (["current", "baseline"] as const);
      const roundCpu = { baseline: 0, current: 0 };
      for (const which of order) {
        const simulate = which === "baseline" ? baseline : simulateCampaign;
        const cpu = cpuPerReplication(simulate, scenario, 1 + round * REPLICATIONS_PER_ROUND);
        times[which].push(...cpu);
        roundCpu[which] = cpu.reduce((a, b) => a + b, 0);
      }
      pairedRatios.push(roundCpu.current / roundCpu.baseline);
    }
    const least = (w: "baseline" | "current") => Math.min(...times[w]);
    const interval = medianInterval(pairedRatios);
    const paired =
      interval === null
        ? "too few rounds for an interval"
        : `95% interval x${interval[0].toFixed(3)} to x${interval[1].toFixed(3)}`;
    console.log(
      `${name}: CPU ms per replication, least ${least("baseline").toFixed(1)} -> ${least("current").toFixed(1)} (x${(least("current") / least("baseline")).toFixed(3)}), median ${median(times.baseline).toFixed(1)} -> ${median(times.current).toFixed(1)} (x${(median(times.current) / median(times.baseline)).toFixed(3)}); paired rounds: median x${median(pairedRatios).toFixed(3)}, ${paired}`,
    );
  }
}

await main();
