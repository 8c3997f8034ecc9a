/**
 * How far pacelab's RATIO campaign is from the textbook birth-death chain
 * (test/support/ratio-markov.ts) as the pacer's cadence grows: the chain assumes a line is
 * redialled the instant it frees; VICIdial places calls every 2.5 s. Prints, per team and
 * cadence, silent calls per 100 answered and talk occupancy against the chain's exact values,
 * over `days` consecutive days (default 20) of agents on duty around the clock.
 *
 *   npm run build && node dist/bench/markov-cadence.bench.js [days]
 */
import { ALL_DAY_CALLING_HOURS } from "../src/model/calendar.js";
import { simulateCampaign } from "../src/model/campaign.js";
import { summarizeCampaign } from "../src/model/campaign-summary.js";
import { IT_GARANTE_2014 } from "../src/model/rules.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { ratioMarkov } from "../test/support/ratio-markov.js";
import { makeScenario } from "../test/support/scenario-fixture.js";

const DAY = 86_400;
const days = Number(process.argv[2] ?? 20);

/** The chain's assumptions as a scenario: docs/markov.md lists them. */
function chainScenario(agents: number, level: number, cadenceSeconds: number): Scenario {
  const ring = { dist: "exponential", mean: 20 } as const;
  return makeScenario({
    calendar: { start: "2026-12-01", days, holidays: [] },
    rules: { ...IT_GARANTE_2014, callingHours: ALL_DAY_CALLING_HOURS },
    agents: {
      groups: [{ count: agents, start: 0, end: DAY, breaks: [] }],
      talk: { dist: "exponential", mean: 120 },
      wrapUp: { dist: "fixed", value: 0 },
    },
    leads: { kind: "count", count: 20_000_000 },
    outcomes: {
      probabilities: { person: 0.1, machine: 0, busy: 0.9, noAnswer: 0, invalid: 0 },
      byHour: {},
      ring: { person: ring, machine: ring, busy: ring, invalid: { dist: "fixed", value: 1 } },
    },
    dialer: { ...makeScenario().dialer, cutoffSeconds: 0, noAnswerTimeoutSeconds: 1e9 },
    retries: {
      busy: { delaySeconds: 0, maxAttempts: 1 },
      noAnswer: { delaySeconds: 0, maxAttempts: 1 },
      machine: { delaySeconds: 0, maxAttempts: 1 },
      silent: { delaySeconds: 0, maxAttempts: 1 },
    },
    pacing: { algorithm: "vicidial-ratio", level, cadenceSeconds },
  });
}

console.log(`${days} days a row; ring exp(20 s), talk exp(120 s), 10% persons, cut-off 0`);
console.log("agents  level  cadence  silent/100 answered (chain)  talk occupancy (chain)");
for (const [agents, level] of [
  [10, 2.2],
  [20, 1.8],
] as const) {
  const exact = ratioMarkov(agents, level, 0.1, 20, 120);
  const exactSilent = (100 * exact.silentPer100Connected) / (100 + exact.silentPer100Connected);
  for (const cadence of [0.05, 0.5, 1, 2.5]) {
    const scenario = chainScenario(agents, level, cadence);
    const s = summarizeCampaign(simulateCampaign(scenario, { seed: 1 }), scenario.rules);
    const silent = s.silentPer100Answered as number;
    console.log(
      `${String(agents).padStart(6)}  ${level.toFixed(1).padStart(5)}  ${cadence.toFixed(2).padStart(7)}` +
        `  ${silent.toFixed(2).padStart(6)} (${exactSilent.toFixed(2)}, ${pct(silent / exactSilent - 1)})` +
        `            ${s.talkOccupancy.toFixed(3)} (${exact.talkOccupancy.toFixed(3)})`,
    );
  }
}

function pct(x: number): string {
  return `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;
}
