/**
 * The lookahead pacer in a live run: whether its forecasts stall the live runner's event loop.
 * (`node dist/bench/lookahead-live.bench.js [seconds, default 40] [agents, default 10] [k, default 30]`)
 *
 * The study's scenario (scenarios/study/small-teams.yaml) with `agents` agents runs live at
 * time scale `k` for `seconds` of wall clock against the built-in endpoint (in this process: at
 * this size its work is small), once under lookahead at its defaults and once under binomial at
 * its defaults (the lookahead's placer without the forecasts). For each it prints the process's
 * CPU (the forecasting thread's included), the wall-clock ms of each forecast run on the event
 * loop's thread (live, only the first: the rest run on a worker thread), and how late the
 * event loop ran its timers (Node's event-loop delay monitor): a decision or a network event
 * due during a forecast on that thread would wait for it, and each wall ms late is `k` ms of
 * scenario time. The cut-off stays real seconds, so a BYE due at the cut-off while the loop is
 * held goes out late: it prints answer-to-BYE of the calls hung up at the cut-off too.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { startEndpoint } from "../src/endpoint/start-endpoint.js";
import { LockoutStore } from "../src/live/lockout-store.js";
import { runLive } from "../src/live/run-live.js";
import { ObservedForecaster } from "../src/lookahead/observed-forecaster.js";
import { PACING_DEFAULTS, type PacingConfig } from "../src/pacing/config.js";
import { packagePath } from "../src/package-root.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { nearestRankQuantile } from "../src/stats/quantile.js";
import { TimeScale } from "../src/time/time-scale.js";

const seconds = Number(process.argv[2] ?? 40);
const agents = Number(process.argv[3] ?? 10);
const k = Number(process.argv[4] ?? 30);

const base = loadScenario(packagePath("scenarios", "study", "small-teams.yaml"));
const scenarioWith = (pacing: PacingConfig): Scenario => ({
  ...base,
  agents: { ...base.agents, groups: base.agents.groups.map((g) => ({ ...g, count: agents })) },
  leads: { kind: "count", count: agents * 400 },
  pacing,
});

// Each forecast's wall time, taken around the forecaster the campaign builds.
const forecastMs: number[] = [];
const forecast = ObservedForecaster.prototype.forecast;
ObservedForecaster.prototype.forecast = function timed(request) {
  const start = performance.now();
  try {
    return forecast.call(this, request);
  } finally {
    forecastMs.push(performance.now() - start);
  }
};

const ms = (x: number | null) => (x === null ? "-" : x.toFixed(1));

async function live(label: string, pacing: PacingConfig): Promise<void> {
  forecastMs.length = 0;
  const scenario = scenarioWith(pacing);
  const timeScale = TimeScale.of(k);
  const endpoint = await startEndpoint({
    scenario,
    listen: { host: "127.0.0.1", port: 0 },
    timeScale,
    seed: 5,
  });
  const store = LockoutStore.open(":memory:");
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const cpu0 = process.cpuUsage();
  delay.enable();
  const outcome = await runLive({
    scenario,
    seed: 9,
    target: { host: "127.0.0.1", port: endpoint.address.port },
    local: { host: "127.0.0.1", port: 0 },
    timeScale,
    lockouts: store,
    durationSeconds: seconds,
    rtpIntervalMs: 100,
  });
  delay.disable();
  const used = process.cpuUsage(cpu0);
  store.close();
  await endpoint.stop();
  const cpu = (used.user + used.system) / 1e6;
  console.log(
    `${label}: ${outcome.attemptsPlaced} attempts, ${cpu.toFixed(1)} s CPU over ${seconds} s of dialing (${((100 * cpu) / seconds).toFixed(0)}% of one core, the drain and endpoint included)`,
  );
  if (forecastMs.length > 0) {
    console.log(
      `  ${forecastMs.length} forecasts on the event loop's thread: median ${ms(nearestRankQuantile(forecastMs, 0.5))} ms, p99 ${ms(nearestRankQuantile(forecastMs, 0.99))} ms, max ${ms(Math.max(...forecastMs))} ms of wall clock (a forecast is due every ${ms((PACING_DEFAULTS.lookahead.cadenceSeconds * 1000) / k)} ms)`,
    );
  }
  const holds = outcome.cutoffHoldSeconds;
  if (holds.length > 0) {
    console.log(
      `  ${holds.length} calls hung up at the cut-off (${scenario.dialer.cutoffSeconds} s): answer to BYE p99 ${nearestRankQuantile(holds, 0.99)?.toFixed(2)} s, max ${Math.max(...holds).toFixed(2)} s`,
    );
  }
  const lateMs = (q: number) => delay.percentile(q) / 1e6;
  console.log(
    `  timers late: median ${ms(lateMs(50))} ms, p99 ${ms(lateMs(99))} ms, max ${ms(delay.max / 1e6)} ms of wall clock (x${k}: up to ${ms((delay.max / 1e9) * k)} s of scenario time)`,
  );
}

console.log(`${agents} agents, time scale ${k}, ${seconds} s of dialing`);
await live("binomial", { algorithm: "binomial", ...PACING_DEFAULTS.binomial });
await live("lookahead", {
  algorithm: "lookahead",
  ...PACING_DEFAULTS.lookahead,
  ceilingPer100: base.rules.ceilingPer100,
  denominator: base.rules.denominator,
});
