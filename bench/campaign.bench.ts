/**
 * Campaign throughput and memory.
 * 1. A 100-agent RATIO campaign (8-hour day): simulated call attempts per second on one core,
 *    and as a ratio to the kernel's hold model run in the same process (kernel events per
 *    attempt's worth of time).
 * 2. A 1-million-lead campaign: peak resident memory (run it alone: RSS is per process).
 */
import { simulateCampaign } from "../src/model/campaign.js";
import { IT_GARANTE_2014 } from "../src/model/rules.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { kernelHold } from "./kernel.bench.js";

const HOUR = 3600;

export function benchScenario(agents: number, leads: number, days = 1): Scenario {
  return {
    name: "bench",
    description: "",
    seed: 1,
    calendar: { start: "2026-12-01", days, holidays: [] },
    rules: IT_GARANTE_2014,
    agents: {
      groups: [{ count: agents, start: 9 * HOUR, end: 17 * HOUR, breaks: [] }],
      talk: { dist: "lognormal", mean: 150, sd: 90 },
      wrapUp: { dist: "exponential", mean: 20 },
    },
    leads: { kind: "count", count: leads },
    outcomes: {
      probabilities: { person: 0.3, machine: 0.15, busy: 0.08, noAnswer: 0.37, invalid: 0.1 },
      byHour: {},
      ring: {
        person: { dist: "lognormal", mean: 12, sd: 6 },
        machine: { dist: "lognormal", mean: 14, sd: 6 },
        busy: { dist: "uniform", min: 2, max: 6 },
        invalid: { dist: "fixed", value: 2 },
      },
    },
    dialer: {
      noAnswerTimeoutSeconds: 25,
      cutoffSeconds: 3,
      amd: {
        enabled: false,
        detection: { dist: "uniform", min: 1.5, max: 3 },
        falsePositiveRate: 0.02,
        falseNegativeRate: 0.1,
        lockAfterHangup: true,
      },
    },
    callee: {
      patience: { dist: "exponential", mean: 30 },
      machineMessage: { dist: "fixed", value: 15 },
    },
    retries: {
      busy: { delaySeconds: 1800, maxAttempts: 3 },
      noAnswer: { delaySeconds: 7200, maxAttempts: 3 },
      machine: { delaySeconds: 14_400, maxAttempts: 2 },
      silent: { delaySeconds: 0, maxAttempts: 2 },
    },
    pacing: { algorithm: "vicidial-ratio", level: 2.5, cadenceSeconds: 2.5 },
    intervalSeconds: 900,
  };
}

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
