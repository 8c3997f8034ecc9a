/**
 * Replications across worker threads (issue target: 1,000 replications of a 100-agent, 8-hour
 * day in under 10 s on 2 cores, and a speed-up of at least 1.8x from 1 to 2 workers).
 *
 * `node dist/bench/replications.bench.js [N] [default|vicidial-ratio]`: the scenario is
 * scenarios/default.yaml with 100 agents and enough leads for the day, under its own guarded
 * binomial pacing (`default`) or VICIdial RATIO at level 2.5 as in campaign.bench.ts
 * (`vicidial-ratio`); both unless one is named. N replications (default 1,000, the issue's
 * run, over which fresh workers amortise their JIT warm-up) run:
 * 1. with 1 worker, in this thread, after a warm-up: the in-process baseline;
 * 2. with 2 fresh worker threads (thread start and JIT warm-up included: what a CLI run pays);
 * 3. again on the same, now warm, 2 threads.
 * Each line gives wall time, the process's CPU time (all threads) and the cores it got (CPU /
 * wall: well below the workers means other jobs had the cores, and the speed-up measures them),
 * and the speed-up over the baseline. The load average is printed before and after. First comes
 * the CPU time of one replication in this thread, the least of 15 runs of one seed: the figure
 * that moves least when other jobs share the machine.
 */
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { simulateCampaign } from "../src/model/campaign.js";
import type { PacingConfig } from "../src/pacing/config.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { ReplicationPool, type ReplicationTask } from "../src/tuning/replication-pool.js";

const REPLICATIONS = Number(process.argv[2] ?? 1000);
const ONLY = process.argv[3];

const base = loadScenario(fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url)));
const hundredAgents: Scenario = {
  ...base,
  agents: { ...base.agents, groups: [{ ...base.agents.groups[0], count: 100 }] },
  leads: { kind: "count", count: 100_000 },
};
const ratio: PacingConfig = { algorithm: "vicidial-ratio", level: 2.5, cadenceSeconds: 2.5 };
const variants: [string, Scenario][] = [
  ["default (guarded binomial)", hundredAgents],
  ["vicidial-ratio level 2.5", { ...hundredAgents, pacing: ratio }],
];

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly attempts: number;
}

async function timed(pool: ReplicationPool, scenario: Scenario, count: number): Promise<Timing> {
  const tasks: ReplicationTask[] = Array.from({ length: count }, (_, id) => ({
    id,
    scenario: 0,
    seed: 1 + id,
  }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summaries = await pool.run([scenario], tasks);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const attempts = summaries.reduce((n, s) => n + (s?.attempts ?? 0), 0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, attempts };
}

/** The least CPU milliseconds of `runs` replications of seed 1 in this thread. */
function leastReplicationCpu(scenario: Scenario, runs: number): number {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    simulateCampaign(scenario, { seed: 1 });
    const cpu = process.cpuUsage(cpu0);
    least = Math.min(least, (cpu.user + cpu.system) / 1000);
  }
  return least;
}

function line(label: string, t: Timing, baseline: Timing): string {
  const speedUp = baseline.wall / t.wall;
  const per1000 = (t.wall * 1000) / REPLICATIONS;
  const cores = t.cpu / t.wall;
  return `${label.padEnd(22)} ${t.wall.toFixed(2).padStart(7)} s wall, ${t.cpu.toFixed(2).padStart(7)} s CPU (${cores.toFixed(2)} cores), speed-up ${speedUp.toFixed(2)}x, 1,000 replications at this rate: ${per1000.toFixed(1)} s`;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`load average (1, 5, 15 min): ${load()}`);

for (const [name, scenario] of variants) {
  if (ONLY !== undefined && !name.startsWith(ONLY)) continue;
  const single = new ReplicationPool(1);
  await timed(single, scenario, Math.min(10, REPLICATIONS)); // warm-up (JIT)
  const least = leastReplicationCpu(scenario, 15);
  const one = await timed(single, scenario, REPLICATIONS);
  const pool = new ReplicationPool(2);
  try {
    const cold = await timed(pool, scenario, REPLICATIONS);
    const warm = await timed(pool, scenario, REPLICATIONS);
    const each = Math.round(one.attempts / REPLICATIONS).toLocaleString("en-US");
    console.log(
      `${name}: ${REPLICATIONS} replications of a 100-agent 8-hour day (${each} attempts each)`,
    );
    console.log(`one replication in this thread: ${least.toFixed(1)} ms of CPU (least of 15)`);
    console.log(line("1 worker (this thread)", one, one));
    console.log(line("2 workers, cold", cold, one));
    console.log(line("2 workers, warm", warm, one));
    console.log(`load average (1, 5, 15 min): ${load()}`);
    if (cold.attempts !== one.attempts || warm.attempts !== one.attempts) {
      throw new Error("replications differ between 1 and 2 workers");
    }
  } finally {
    await pool.close();
  }
}
