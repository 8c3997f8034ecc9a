/**
 * The lookahead pacer's cost (run directly: `node dist/bench/lookahead.bench.js [minutes]`).
 *
 * 1. CPU per decision: a 100-agent day of scenarios/default.yaml (no break, 20,000 leads) run
 *    for `minutes` (default 30) of its calling window under lookahead at its defaults, against
 *    the same under binomial at its defaults (the lookahead's placer without the forecasts):
 *    the difference over the forecasts run is the CPU of one decision, and that over the
 *    cadence (10 s) its share of one core in a live run.
 * 2. The simulator's throughput from a snapshot: the forecaster alone, asked again and again
 *    from one observed 100-agent state (85 talking, 5 in wrap-up, 10 ready, 30 calls ringing):
 *    simulated futures and simulated call placements per CPU second.
 */
import { ObservedForecaster } from "../src/lookahead/observed-forecaster.js";
import { CampaignModel } from "../src/model/campaign.js";
import { MutableDialerCounters } from "../src/model/dialer-counters.js";
import { PACING_DEFAULTS, type PacingConfig } from "../src/pacing/config.js";
import type { ForecastRequest } from "../src/pacing/forecaster.js";
import { candidatePacings } from "../src/pacing/lookahead.js";
import { Observation } from "../src/pacing/observation.js";
import type { DialerView } from "../src/pacing/view.js";
import { benchScenario } from "./bench-scenario.js";

const MINUTES = Number(process.argv[2] ?? 30);
const AGENTS = 100;
const lookahead: PacingConfig = {
  algorithm: "lookahead",
  ...PACING_DEFAULTS.lookahead,
  ceilingPer100: 3,
  denominator: "connected",
};

function cpuSeconds(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** CPU seconds of `MINUTES` of a 100-agent window under `pacing`, and the attempts made. */
function window(pacing: PacingConfig): { cpu: number; attempts: number } {
  const model = new CampaignModel({ ...benchScenario(AGENTS, 20_000), pacing }, { seed: 1 });
  const cpu = cpuSeconds(() => {
    const open = model.start();
    model.advanceTo(open + MINUTES * 60);
  });
  return { cpu, attempts: model.counters.attempts };
}

const forecasts = (MINUTES * 60) / PACING_DEFAULTS.lookahead.cadenceSeconds;
const plain = window({ algorithm: "binomial", ...PACING_DEFAULTS.binomial });
const ahead = window(lookahead);
const perDecision = (ahead.cpu - plain.cpu) / forecasts;
console.log(
  `${AGENTS} agents, ${MINUTES} min of calling, ${forecasts} forecasts (runs ${PACING_DEFAULTS.lookahead.runs}, ${PACING_DEFAULTS.lookahead.candidates + 1} candidates, ${PACING_DEFAULTS.lookahead.horizonMinutes} min horizon)`,
);
console.log(`  binomial: ${plain.cpu.toFixed(2)} s CPU, ${plain.attempts} attempts`);
console.log(`  lookahead: ${ahead.cpu.toFixed(2)} s CPU, ${ahead.attempts} attempts`);
console.log(
  `  CPU per decision: ${(perDecision * 1000).toFixed(1)} ms; share of one core at a 10 s cadence: ${((100 * perDecision) / 10).toFixed(1)}% (target < 20%)`,
);

// --- 2. Throughput from a snapshot -------------------------------------------------------
const totals = Object.assign(new MutableDialerCounters(), {
  placed: 20_000,
  ended: 19_900,
  answered: 8_000,
  live: 8_000,
  connected: 6_000,
  machinesAtAgent: 2_000,
  talks: 7_900,
  talkSeconds: 7_900 * 110,
  ringSecondsAnswered: 80_000,
});
const view: DialerView = {
  now: 12 * 3600,
  secondsToWindowEnd: 5 * 3600,
  agents: { loggedIn: AGENTS, ready: 10, talking: 85, wrapUp: 5, reserved: 0 },
  calls: { ringing: 30, detecting: 0, waiting: 0, cancelling: 0, unconfirmed: 0 },
  talkElapsed: [],
  totals,
  today: totals,
};
const observation = new Observation();
for (let i = 0; i < 85; i++) observation.talking.push((i * 7) % 300);
for (let i = 0; i < 5; i++) observation.wrapUp.push(i * 3);
for (let i = 0; i < 30; i++) observation.ringing.push(i % 20);
observation.leadsLeft = 10_000;
observation.callingSecondsLeft = 5 * 3600;
const config = lookahead as Extract<PacingConfig, { algorithm: "lookahead" }>;
const forecaster = new ObservedForecaster(benchScenario(AGENTS, 20_000), 1);
let futures = 0;
let placed = 0;
const asks = 20;
const cpu = cpuSeconds(() => {
  for (let seed = 0; seed < asks; seed++) {
    const request: ForecastRequest = {
      view,
      observation,
      recent: {
        seconds: 0,
        counters: new MutableDialerCounters(),
        ringsEnded: 0,
        wrapUpAgentSeconds: 0,
      },
      candidates: candidatePacings(config),
      horizonSeconds: config.horizonMinutes * 60,
      runs: config.runs,
      seed,
      denominator: "connected",
    };
    for (const f of forecaster.forecast(request)) {
      futures += f.placed.length;
      for (const p of f.placed) placed += p;
    }
  }
});
console.log(
  `from a snapshot: ${asks} forecasts in ${cpu.toFixed(2)} s CPU (${((1000 * cpu) / asks).toFixed(1)} ms each): ${(futures / cpu).toFixed(0)} futures/s, ${(placed / cpu / 1e6).toFixed(2)} M simulated placements/s`,
);
