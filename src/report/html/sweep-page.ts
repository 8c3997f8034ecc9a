import type { SweepResult } from "../../tuning/sweep.js";
import type { SweepPoint } from "../../tuning/sweep-point.js";
import {
  CONFIDENCE_VERDICT_WORDS,
  ceilingConfidence,
  replicationsToShow,
} from "../ceiling-confidence.js";
import { fixed, meanWithInterval, percent, pluralIs } from "../format-number.js";
import { html, type SafeHtml } from "./escape.js";
import { factsList } from "./facts-list.js";
import { figure, type PageChart } from "./figure.js";
import { pageShell } from "./page-shell.js";

/** Grids with at most this many points list every point in a table; larger ones refer to sweep.csv. */
const MAX_TABLE_ROWS = 400;

/** What the sweep page shows. */
export interface SweepPageInput {
  readonly result: SweepResult;
  /** Required P(campaign ends within the ceiling) for a point to be said to meet it. */
  readonly confidence: number;
  /** Where the sweep was read from (or written to). */
  readonly source: string;
  readonly charts: readonly PageChart[];
  /** Heat maps not drawn (slices past the most a page draws); 0 when every one is. */
  readonly slicesLeftOut: number;
}

const settingsText = (result: SweepResult, p: SweepPoint) =>
  result.axes.map((a) => `${a.key}=${p.settings[a.key]}`).join(", ");

/**
 * The report on a sweep as one self-contained page: what ran (scenario, rule set, seeds, the
 * grid, software), in plain words which points meet the ceiling with the stated probability
 * (judged as `tune` judges, by a 95% Wilson bound), every point in a table, and the charts.
 */
export function sweepPage(input: SweepPageInput): string {
  const { result, confidence } = input;
  const ceiling = `${result.rules.ceilingPer100} silent calls per 100 ${result.rules.denominator}`;
  const judged = result.points.map((p) => ({
    p,
    c: ceilingConfidence(p.replications, p.overCeiling, confidence),
  }));
  const meets = judged.filter((j) => j.c.verdict === "meets");
  const fails = judged.filter((j) => j.c.verdict === "fails").length;
  const undecided = judged.length - meets.length - fails;
  const needed = replicationsToShow(confidence);
  const lead = `${meets.length} of ${result.points.length} points of the sweep keep the campaign within ${ceiling} with probability at least ${confidence}, as shown by their replications.`;
  const best = [...meets].sort(
    (a, b) => (b.p.metrics.agentOccupancy?.mean ?? 0) - (a.p.metrics.agentOccupancy?.mean ?? 0),
  )[0];
  const findings: string[] = [
    `A point meets the ceiling when the 95% Wilson interval of the share of its replications that ended within ${ceiling} lies at or above ${confidence} (the rule pacelab tune uses).`,
    meets.length === 0
      ? "No point meets it."
      : `These meet it: ${meets.map((j) => settingsText(result, j.p)).join("; ")}.`,
    ...(best === undefined
      ? []
      : [
          `Of these, ${settingsText(result, best.p)} keeps agents busiest: ${percent(best.p.metrics.agentOccupancy?.mean ?? 0)} occupancy, ${fixed(best.p.metrics.silentPer100Connected?.mean ?? null)} silent calls per 100 connected on average.`,
        ]),
    `${pluralIs(fails, "point")} shown not to meet it; ${pluralIs(undecided, "point")} undecided.`,
    ...(result.replications < needed
      ? [
          `With ${result.replications} replications per point no point can show probability ${confidence}: that takes at least ${needed} replications, all within the ceiling. Run the sweep with -r ${needed} or more, or tune the setting with pacelab tune.`,
        ]
      : []),
    ...(result.partial
      ? ["The sweep was stopped early: points hold only the replications that finished."]
      : []),
  ];
  const grid = result.axes.map(
    (a) => html`<code>${a.key}</code> = ${a.values.join(", ")} (${a.values.length} values)<br>`,
  );
  const last = result.seed + result.replications - 1;
  const facts = factsList([
    ["Scenario", html`${result.scenario.name}, from <code>${result.scenario.file}</code>`],
    ["Scenario SHA-256", html`<code>${result.scenario.sha256}</code>`],
    ["Rule set", result.rules.id],
    ["Ceiling", `at most ${ceiling}, over the campaign`],
    [
      "Grid",
      html`${grid}${result.points.length} points${result.shard ? `, shard ${result.shard.index} of ${result.shard.count}` : ""}`,
    ],
    [
      "Replications",
      `${result.replications} per point${result.partial ? " (stopped early: fewer at some points)" : ""}`,
    ],
    ["Seeds", `${result.seed} to ${last}, the same at every point (common random numbers)`],
    ["Required probability", `${confidence}, shown by a 95% Wilson lower bound`],
    ["Software", `${result.tool.name} ${result.tool.version}`],
    ["Sweep file", html`<code>${input.source}</code>`],
  ]);
  const charts = input.charts.map(figure);
  const leftOut =
    input.slicesLeftOut > 0
      ? html`<p>Each heat map is one slice: the first two keys at fixed values of the others. ${pluralIs(input.slicesLeftOut, "more slice", "more slices")} not drawn; every point is in ${result.points.length > MAX_TABLE_ROWS ? "the file sweep.csv" : "the table below"}.</p>`
      : result.axes.length > 2
        ? html`<p>Each heat map is one slice: the first two keys at fixed values of the others, so that every point is in one map.</p>`
        : html``;
  return pageShell({
    title: `Sweep report: scenario ${result.scenario.name}`,
    lead,
    body: [
      html`<section id="what-ran"><h2>What ran</h2>${facts}</section>`,
      html`<section id="verdict"><h2>Which settings meet the ceiling</h2>
<ul class="findings">${findings.map((f) => html`<li>${f}</li>`)}</ul></section>`,
      html`<section id="charts"><h2>Charts</h2>${leftOut}${charts}</section>`,
      html`<section id="points"><h2>Every point</h2>${pointsTable(input, judged)}</section>`,
    ],
    writtenBy: `${result.tool.name} ${result.tool.version}`,
    sources: [input.source],
  });
}

function pointsTable(
  input: SweepPageInput,
  judged: readonly { p: SweepPoint; c: ReturnType<typeof ceilingConfidence> }[],
): SafeHtml {
  const { result } = input;
  if (judged.length > MAX_TABLE_ROWS) {
    return html`<p>${judged.length} points: too many to list here; every one is in sweep.csv next to the sweep file.</p>`;
  }
  const rows = judged.map(
    ({ p, c }) =>
      html`<tr>${result.axes.map((a) => html`<td>${p.settings[a.key]}</td>`)}<td>${meanWithInterval(p.metrics.silentPer100Connected, fixed)}</td><td>${meanWithInterval(p.metrics.agentOccupancy, percent)}</td><td>${c.within} of ${c.replications}</td><td>${fixed(c.interval[0])} to ${fixed(c.interval[1])}</td><td class="${c.verdict === "meets" ? "ok" : c.verdict === "fails" ? "fail" : ""}">${CONFIDENCE_VERDICT_WORDS[c.verdict]}</td></tr>`,
  );
  return html`<table class="points"><thead><tr>${result.axes.map((a) => html`<th scope="col"><code>${a.key}</code></th>`)}<th scope="col">Silent calls per 100 connected, mean (95% CI)</th><th scope="col">Agent occupancy, mean (95% CI)</th><th scope="col">Within the ceiling</th><th scope="col">P(within), 95% Wilson interval</th><th scope="col">Probability ${input.confidence}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
