/**
 * How far pacelab's RATIO campaign is from the textbook birth-death chain
 * (test/support/ratio-markov.ts) as the pacer's cadence grows: the chain assumes a line is
 * redialled the instant it frees; VICIdial places calls every 2.5 s. Prints, per team and
 * cadence, silent calls per 100 answered and talk occupancy against the chain's exact values,
 * over `days` consecutive days (default 20) of agents on duty around the clock.
 *
 *   npm run build && node dist/bench/markov-cadence.bench.js [days]
 */
import { simulateCampaign } from "../src/model/campaign.js";
import { summarizeCampaign } from "../src/model/campaign-summary.js";
import { ratioMarkov, ratioMarkovScenario } from "../test/support/ratio-markov.js";

const days = Number(process.argv[2] ?? 20);

console.log(`${days} days a row; ring exp(20 s), talk exp(120 s), 10% persons, cut-off 0`);
console.log("agents  level  cadence  silent/100 answered (chain)  talk occupancy (chain)");
for (const [agents, level] of [
  [10, 2.2],
  [20, 1.8],
] as const) {
  const exact = ratioMarkov(agents, level, 0.1, 20, 120);
  const exactSilent = (100 * exact.silentPer100Connected) / (100 + exact.silentPer100Connected);
  for (const cadence of [0.05, 0.5, 1, 2.5]) {
    const scenario = ratioMarkovScenario(agents, level, 0.1, 20, 120, {
      days,
      cadenceSeconds: cadence,
    });
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
