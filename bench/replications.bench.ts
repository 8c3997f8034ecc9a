/**
 * Replications across worker threads (issue target: 1,000 replications of a 100-agent, 8-hour
 * day in under 10 s on 2 cores, and a speed-up of at least 1.8x from 1 to 2 workers).
 * The scenario is scenarios/default.yaml with 100 agents and enough leads for the day, under its
 * own guarded binomial pacing. Runs REPLICATIONS with 1 worker (in this thread) and with 2, and
 * prints the times, the speed-up, and the time 1,000 replications would take at that rate.
 */
import { fileURLToPath } from "node:url";
import { loadScenario } from "../src/scenario/load.js";
import { runReplicationTasks } from "../src/tuning/replication-pool.js";

const REPLICATIONS = Number(process.argv[2] ?? 100);

const base = loadScenario(fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url)));
const scenario = {
  ...base,
  agents: { ...base.agents, groups: [{ ...base.agents.groups[0], count: 100 }] },
  leads: { kind: "count" as const, count: 100_000 },
};
const tasks = Array.from({ length: REPLICATIONS }, (_, id) => ({ id, scenario: 0, seed: 1 + id }));

async function timed(workers: number): Promise<{ seconds: number; attempts: number }> {
  const t0 = performance.now();
  const summaries = await runReplicationTasks([scenario], tasks, workers);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, attempts: summaries.reduce((n, s) => n + (s?.attempts ?? 0), 0) };
}

await timed(1); // warm-up (JIT)
const one = await timed(1);
const two = await timed(2);
const per = (r: { attempts: number }) =>
  Math.round(r.attempts / REPLICATIONS).toLocaleString("en-US");
console.log(`${REPLICATIONS} replications of a 100-agent 8-hour day (${per(one)} attempts each)`);
console.log(
  `1 worker:  ${one.seconds.toFixed(2)} s (${(one.attempts / one.seconds / 1e6).toFixed(2)} M attempts/s)`,
);
console.log(
  `2 workers: ${two.seconds.toFixed(2)} s; speed-up ${(one.seconds / two.seconds).toFixed(2)}x`,
);
console.log(
  `1,000 replications with 2 workers at this rate: ${((two.seconds * 1000) / REPLICATIONS).toFixed(1)} s`,
);
