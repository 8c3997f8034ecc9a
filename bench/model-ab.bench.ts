/**
 * The campaign model's cost against another build of it: `node dist/bench/model-ab.bench.js
 * <baseline checkout> [rounds] [processes]`, where the baseline is a checkout built with `npm
 * run build` (its `dist/src/model/campaign.js` is loaded beside this one's).
 *
 * Each of `processes` child processes (default 10, one at a time) loads both models, the
 * baseline first in every other process, and runs interleaved rounds per scenario: baseline
 * and current back to back on the same seeds (the order flips every round), each a few
 * replications timed by the process's CPU clock. A round's paired ratio is its current CPU over
 * its baseline CPU, and a process's figure is the median of its rounds' ratios.
 *
 * Why processes: what the JIT makes of two builds differs from one process to the next, and
 * two copies of one build differ by up to 6% within one process, more than the rounds' own
 * spread. So a process is one draw, and the figure that counts is the median over processes
 * with a distribution-free 95% interval (at least 6 processes). To see the method's own
 * spread, give it a copy of this build as the baseline.
 */

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CampaignOptions, CampaignRun } from "../src/model/campaign.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { medianInterval } from "../src/stats/median-interval.js";
import { benchScenario } from "./bench-scenario.js";

type Simulate = (scenario: Scenario, options: CampaignOptions) => CampaignRun;
type Build = "baseline" | "current";

const REPLICATIONS_PER_ROUND = 5;
/** A bundled scenario, found from this file (dist/bench) whatever the working folder. */
const bundled = (file: string) =>
  loadScenario(fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url)));
const SCENARIOS: readonly [string, () => Scenario][] = [
  ["default.yaml (20 agents, guarded binomial)", () => bundled("default.yaml")],
  ["100-agent RATIO 2.5 day", () => benchScenario(100, 200_000)],
  ["multi-day.yaml", () => bundled("multi-day.yaml")],
];

/** One process's figures for one scenario. */
interface ProcessFigures {
  readonly pairedMedian: number;
  readonly leastMs: Record<Build, number>;
}

/** CPU ms of `REPLICATIONS_PER_ROUND` replications (seeds from `seed`). */
function cpuOfRound(simulate: Simulate, scenario: Scenario, seed: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < REPLICATIONS_PER_ROUND; i++) simulate(scenario, { seed: seed + i });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Interleaved rounds of both models on one scenario, in this process. */
function measure(models: Record<Build, Simulate>, scenario: Scenario, rounds: number) {
  const ratios: number[] = [];
  const leastMs = { baseline: Number.POSITIVE_INFINITY, current: Number.POSITIVE_INFINITY };
  for (let round = 0; round < rounds; round++) {
    const order: Build[] = round % 2 === 0 ? ["baseline", "current"] : ["current", "baseline"];
    const cpu = { baseline: 0, current: 0 };
    for (const build of order) {
      cpu[build] = cpuOfRound(models[build], scenario, 1 + round * REPLICATIONS_PER_ROUND);
      leastMs[build] = Math.min(leastMs[build], cpu[build] / REPLICATIONS_PER_ROUND);
    }
    ratios.push(cpu.current / cpu.baseline);
  }
  return { pairedMedian: median(ratios), leastMs };
}

/** A child process: loads both models in the order given and prints its figures as JSON. */
async function child(baselineRoot: string, rounds: number, first: Build): Promise<void> {
  const paths: Record<Build, string> = {
    baseline: resolve(baselineRoot, "dist/src/model/campaign.js"),
    current: fileURLToPath(new URL("../src/model/campaign.js", import.meta.url)),
  };
  const second: Build = first === "baseline" ? "current" : "baseline";
  const models = {} as Record<Build, Simulate>;
  for (const build of [first, second]) {
    models[build] = (await import(pathToFileURL(paths[build]).href)).simulateCampaign;
  }
  const figures: ProcessFigures[] = [];
  for (const [name, load] of SCENARIOS) {
    const scenario = load();
    const attempts = (build: Build) => models[build](scenario, { seed: 1 }).counters.attempts;
    if (attempts("baseline") !== attempts("current")) {
      throw new Error(`${name}: the two builds give different attempts: not the same model`);
    }
    figures.push(measure(models, scenario, rounds));
  }
  console.log(JSON.stringify(figures));
}

/** Runs the child processes one at a time and returns each one's figures. */
function runProcesses(baselineRoot: string, rounds: number, processes: number) {
  const script = fileURLToPath(import.meta.url);
  const results: ProcessFigures[][] = [];
  for (let i = 0; i < processes; i++) {
    const first: Build = i % 2 === 0 ? "baseline" : "current";
    // The children run under this process's node flags (e.g. V8's, to test a hypothesis).
    const args = [...process.execArgv, script, "--child", baselineRoot, String(rounds), first];
    const run = spawnSync(process.execPath, args, { encoding: "utf8", stdio: "pipe" });
    if (run.status !== 0) throw new Error(`process ${i + 1} failed:\n${run.stderr}`);
    const figures = JSON.parse(run.stdout) as ProcessFigures[];
    const ratios = figures.map((f) => `x${f.pairedMedian.toFixed(3)}`).join(", ");
    console.log(`process ${i + 1} (${first} loaded first): ${ratios}`);
    results.push(figures);
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(args[1], Number(args[2]), args[3] as Build);
  const [baselineRoot, roundsArg, processesArg] = args;
  if (baselineRoot === undefined) {
    console.error(
      "usage: node dist/bench/model-ab.bench.js <baseline checkout, built> [rounds] [processes]",
    );
    process.exit(2);
  }
  const rounds = Number(roundsArg ?? 15);
  const processes = Number(processesArg ?? 10);
  if (!(Number.isInteger(rounds) && rounds > 0 && Number.isInteger(processes) && processes > 0)) {
    console.error(
      `rounds and processes must be positive integers, got ${roundsArg}, ${processesArg}`,
    );
    process.exit(2);
  }
  console.log(
    `baseline ${baselineRoot}; ${processes} processes of ${rounds} rounds of ${REPLICATIONS_PER_ROUND} replications; ` +
      `each process's paired median, current over baseline (${SCENARIOS.map(([n]) => n).join("; ")}):`,
  );
  const results = runProcesses(baselineRoot, rounds, processes);
  SCENARIOS.forEach(([name], s) => {
    const ratios = results.map((figures) => figures[s].pairedMedian);
    const least = (build: Build) => Math.min(...results.map((f) => f[s].leastMs[build]));
    const interval = medianInterval(ratios);
    const spread =
      interval === null
        ? "too few processes for an interval"
        : `95% interval x${interval[0].toFixed(3)} to x${interval[1].toFixed(3)}`;
    console.log(
      `${name}: median over processes x${median(ratios).toFixed(3)}, ${spread}; least CPU ms per replication ${least("baseline").toFixed(1)} -> ${least("current").toFixed(1)}`,
    );
  });
}

await main();
