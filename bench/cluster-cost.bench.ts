/**
 * What one replication costs here, to size a cluster run (docs/cluster.md) before submitting.
 *
 * `node dist/bench/cluster-cost.bench.js [scenario.yaml ...]`: for each scenario (default: the
 * bundled small-team, default, large-team and multi-day scenarios, and the small-teams study's
 * scenario at 5, 50 and 500 agents), the CPU time of one replication in this thread (the least
 * of a few runs of one seed after a warm-up: the figure that moves least when other jobs share
 * the machine), the agent-hours it staffs, and so the CPU time per agent-hour. Last, what a
 * shard pays once whatever it runs: starting pacelab (node, the CLI's imports) and printing
 * its help, the least of 5.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { simulateCampaign } from "../src/model/campaign.js";
import { summarizeCampaign } from "../src/model/campaign-summary.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { parseAxis } from "../src/tuning/grid.js";
import { ScenarioVariants } from "../src/tuning/scenario-variant.js";
import { LEADS_PER_AGENT } from "../src/tuning/team-size-study.js";

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

function studyAt(agents: number): [string, Scenario] {
  const variants = new ScenarioVariants(repo("scenarios/study/small-teams.yaml"));
  const axes = [parseAxis("agents.count=1"), parseAxis("leads.count=1")];
  return [
    `study small-teams, ${agents} agents`,
    variants.at(axes, [agents, agents * LEADS_PER_AGENT]),
  ];
}

const named = process.argv.slice(2);
const scenarios: [string, Scenario][] =
  named.length > 0
    ? named.map((file) => [file, loadScenario(file)])
    : [
        ...["small-team", "default", "large-team", "multi-day"].map((name): [string, Scenario] => [
          `scenarios/${name}.yaml`,
          loadScenario(repo(`scenarios/${name}.yaml`)),
        ]),
        studyAt(5),
        studyAt(50),
        studyAt(500),
      ];

/** CPU seconds of one replication: the least of `runs` after one warm-up. */
function replicationCpu(scenario: Scenario, runs: number): { cpu: number; agentHours: number } {
  let best = Number.POSITIVE_INFINITY;
  let agentHours = 0;
  for (let i = 0; i <= runs; i++) {
    const start = process.cpuUsage();
    const run = simulateCampaign(scenario, { seed: 1 });
    const used = process.cpuUsage(start);
    agentHours = summarizeCampaign(run, scenario.rules).staffedAgentHours;
    if (i > 0) best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return { cpu: best, agentHours };
}

console.log(`${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
console.log(
  "scenario                              CPU s/replication  agent-hours  CPU ms/agent-hour",
);
for (const [name, scenario] of scenarios) {
  const first = replicationCpu(scenario, 1);
  // Short runs are repeated more, so that the least is not one unlucky slice.
  const { cpu, agentHours } = first.cpu < 1 ? replicationCpu(scenario, 5) : first;
  console.log(
    `${name.padEnd(38)}${cpu.toFixed(3).padStart(17)}${agentHours.toFixed(0).padStart(13)}${((1000 * cpu) / agentHours).toFixed(2).padStart(19)}`,
  );
}
const cli = repo("dist/src/cli/main.js");
let startup = Number.POSITIVE_INFINITY;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  spawnSync(process.execPath, [cli, "sweep", "--help"]);
  startup = Math.min(startup, (performance.now() - start) / 1000);
}
console.log(`starting pacelab once (per shard, and for the merge): ${startup.toFixed(2)} s wall`);
