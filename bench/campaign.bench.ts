/**
 * Campaign throughput and memory.
 * 1. A 100-agent RATIO campaign (8-hour day): simulated call attempts per second on one core,
 *    and as a ratio to the kernel's hold model run in the same process (kernel events per
 *    attempt's worth of time).
 * 2. A 1-million-lead campaign: peak resident memory (run it alone: RSS is per process).
 */

import { simulateCampaign } from "../src/model/campaign.js";
import { benchScenario } from "./bench-scenario.js";
import { kernelHold } from "./kernel.bench.js";

function attemptsPerSecond(): { rate: number; attempts: number } {
  const scenario = benchScenario(100, 200_000);
  let attempts = 0;
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < 3000) {
    attempts += simulateCampaign(scenario, { seed: ++runs }).counters.attempts;
  }
  return { rate: attempts / ((performance.now() - t0) / 1000), attempts: attempts / runs };
}

if (process.argv.includes("--million-leads")) {
  const t0 = performance.now();
  const run = simulateCampaign(benchScenario(200, 1_000_000, 20), { seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `1,000,000 leads, 200 agents, 20 days: ${run.counters.attempts.toLocaleString("en-US")} attempts in ${seconds.toFixed(1)} s, peak RSS ${peakMiB.toFixed(0)} MiB`,
  );
} else {
  attemptsPerSecond(); // warm-up
  const { rate, attempts } = attemptsPerSecond();
  kernelHold();
  const kernel = kernelHold();
  console.log(
    `100-agent RATIO day (${Math.round(attempts).toLocaleString("en-US")} attempts): ${(rate / 1e6).toFixed(2)} M attempts/s`,
  );
  console.log(
    `kernel hold model, same process: ${(kernel / 1e6).toFixed(2)} M events/s; one attempt costs ${(kernel / rate).toFixed(1)} hold events`,
  );
}
