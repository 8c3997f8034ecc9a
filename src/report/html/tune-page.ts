import { isRangeEnd, limitOfAnswer, type TuneProbe } from "../../tuning/tune.js";
import { fixed, meanWithInterval, percent } from "../format-number.js";
import type { TuneDocument } from "../tune-document.js";
import { rangeEndNote, undecidedReason, withinOf } from "../tune-undecided.js";
import { html } from "./escape.js";
import { factsList } from "./facts-list.js";
import { figure, type PageChart } from "./figure.js";
import { pageShell } from "./page-shell.js";

/** What the tuning page shows. */
export interface TunePageInput {
  readonly doc: TuneDocument;
  /** Where the tune document was read from (or written to). */
  readonly source: string;
  readonly charts: readonly PageChart[];
}

/** The answer of a tune run in plain words: the setting, its occupancy and P(within ceiling). */
export function tuneVerdict(doc: TuneDocument): string {
  const ceiling = `${doc.rules.ceilingPer100} silent calls per 100 ${doc.rules.denominator}`;
  const b = doc.best;
  const limit = limitOfAnswer(doc, doc.range.aggressiveUp);
  if (b === null && doc.answer === "undecided" && limit !== null) {
    return `Undecided: no probed value of ${doc.key} was shown to keep ${doc.pacing} within ${ceiling} with probability at least ${doc.confidence}, and the least aggressive was not shown to fail it either. ${undecidedReason(doc, limit)}.`;
  }
  if (b === null) {
    return `No probed value of ${doc.key} keeps ${doc.pacing} within ${ceiling} with probability at least ${doc.confidence}: even the least aggressive was shown not to. Do not use this pacing on this campaign, or search another range.`;
  }
  const next =
    limit?.verdict === "undecided"
      ? ` A more aggressive value is undecided: ${undecidedReason(doc, limit)}.`
      : isRangeEnd(doc.range, b.value)
        ? ` ${rangeEndNote(doc.key, b.value)}.`
        : "";
  const o = b.point.metrics.agentOccupancy;
  const r = b.point.metrics.silentPer100Connected;
  const occupancy =
    o === null
      ? ""
      : `agents are busy ${percent(o.mean)} of their staffed time (95% confidence interval ${percent(o.ci95[0])} to ${percent(o.ci95[1])}), `;
  const ratio =
    r === null ? "" : `with ${fixed(r.mean)} silent calls per 100 connected on average; `;
  return `Use ${doc.pacing} with ${doc.key}=${b.value}: ${occupancy}${ratio}the campaign ends within ${ceiling} with probability at least ${fixed(b.withinInterval[0])} (95% Wilson lower bound; ${withinOf(b)} replications within), which meets the required ${doc.confidence}.${next}`;
}

/**
 * The report on a tune run as one self-contained page: the verdict in plain words, what ran
 * (scenario, rule set, pacing, range, seeds, software), every probed value and the frontier.
 */
export function tunePage(input: TunePageInput): string {
  const { doc } = input;
  const { range } = doc;
  const facts = factsList([
    ["Scenario", html`${doc.scenario.name}, from <code>${doc.scenario.file}</code>`],
    ["Scenario SHA-256", html`<code>${doc.scenario.sha256}</code>`],
    ["Rule set", `${doc.rules.id}, version ${doc.rules.version}`],
    [
      "Ceiling",
      `at most ${doc.rules.ceilingPer100} silent calls per 100 ${doc.rules.denominator}, over the campaign`,
    ],
    [
      "Pacing",
      html`${doc.pacing}; at the start of the range: <code>${JSON.stringify(doc.pacingConfig)}</code>`,
    ],
    [
      "Tuned setting",
      html`<code>${doc.key}</code> from ${range.from} to ${range.to} in steps of ${range.step}, searched by bisection; ${range.aggressiveUp ? "larger" : "smaller"} values dial more`,
    ],
    [
      "Required probability",
      `P(campaign ends within the ceiling) >= ${doc.confidence}, shown by a 95% Wilson lower bound`,
    ],
    [
      "Objective",
      `the largest ${doc.objective} among values that meet it (of ties, the most aggressive)`,
    ],
    [
      "Replications",
      `batches of ${doc.batch} at each probed value until decided, at most ${doc.maxReplications}; a value still undecided then, or that could no longer be shown to meet it, is undecided, and the search goes below it`,
    ],
    [
      "Seeds",
      `${doc.seed}, ${doc.seed + 1}, ..., the same at every probed value (common random numbers)`,
    ],
    ["Software", `${doc.tool.name} ${doc.tool.version}`],
    ["Tune file", html`<code>${input.source}</code>`],
  ]);
  return pageShell({
    title: `Tuning report: ${doc.pacing} on scenario ${doc.scenario.name}`,
    lead: tuneVerdict(doc),
    body: [
      html`<section id="what-ran"><h2>What ran</h2>${facts}</section>`,
      html`<section id="probes"><h2>Every probed value</h2>${probesTable(doc)}</section>`,
      html`<section id="charts"><h2>Charts</h2>${input.charts.map(figure)}</section>`,
    ],
    writtenBy: `${doc.tool.name} ${doc.tool.version}`,
    sources: [input.source],
  });
}

function probesTable(doc: TuneDocument) {
  const style = { feasible: "ok", "not feasible": "fail", undecided: "" } as const;
  const row = (p: TuneProbe) => {
    const chosen = doc.best !== null && doc.best.value === p.value;
    return html`<tr><td>${p.value}${chosen ? " (chosen)" : ""}</td><td>${meanWithInterval(p.point.metrics.silentPer100Connected, fixed)}</td><td>${meanWithInterval(p.point.metrics.agentOccupancy, percent)}</td><td>${withinOf(p)}</td><td>${fixed(p.withinInterval[0])} to ${fixed(p.withinInterval[1])}</td><td class="${style[p.verdict]}">${p.verdict}</td></tr>`;
  };
  return html`<table class="points"><thead><tr><th scope="col"><code>${doc.key}</code></th><th scope="col">Silent calls per 100 connected, mean (95% CI)</th><th scope="col">Agent occupancy, mean (95% CI)</th><th scope="col">Within the ceiling</th><th scope="col">P(within), 95% Wilson interval</th><th scope="col">At probability ${doc.confidence}</th></tr></thead><tbody>${doc.probes.map(row)}</tbody></table>`;
}
