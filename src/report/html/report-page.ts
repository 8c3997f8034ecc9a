import { type ResultDocument, shorterDialerCutoff } from "../../result/result-document.js";
import type { ReportChart } from "../charts/report-charts.js";
import { resultLabels } from "../charts/result-labels.js";
import { fixed, percent } from "../format-number.js";
import { resultPacingName } from "../summary-text.js";
import { html, type SafeHtml } from "./escape.js";
import { figure, type PageChart } from "./figure.js";
import { headlineTable } from "./headline-table.js";
import { pageShell } from "./page-shell.js";
import { verdicts } from "./verdicts.js";

/** What the report page shows. */
export interface ReportPageInput {
  readonly docs: readonly ResultDocument[];
  /** Where each result was read from, in the same order (shown as its source). */
  readonly sourceNames: readonly string[];
  readonly charts: readonly PageChart[];
}

/**
 * The report as one self-contained HTML page: what ran (scenario, rule set, seeds, software),
 * the verdict against each rule in plain words, the headline figures and the charts inline as
 * SVG. It needs no scripts and makes no requests, so it works offline and from disk.
 */
export function reportPage(input: ReportPageInput): string {
  const { docs, sourceNames, charts } = input;
  const labels = resultLabels(docs);
  const several = docs.length > 1;
  const figures = (which: (c: ReportChart) => boolean) =>
    charts.filter((c) => which(c.chart)).map((c) => figure(c));
  const allVerdicts = docs.map(verdicts);
  const compliant = allVerdicts.map((vs) => vs.every((v) => v.compliant));
  const title = several
    ? `Silent-call report: ${docs.length} results`
    : `Silent-call report: scenario ${docs[0].scenario.name}`;
  const lead = several
    ? `${compliant.filter(Boolean).length} of ${docs.length} results comply with every rule.`
    : compliant[0]
      ? `The simulated campaign complies with every rule of ${docs[0].rules.id}.`
      : `The simulated campaign does not comply with ${docs[0].rules.id}: ${allVerdicts[0]
          .filter((v) => !v.compliant)
          .map((v) => v.rule.toLowerCase())
          .join(", ")}.`;
  const overview = several
    ? html`<section id="side-by-side">
<h2>Results side by side</h2>
${overviewTable(docs, labels, compliant)}
${figures((c) => c.result === undefined)}
</section>`
    : html``;
  const sections = docs.map(
    (doc, i) => html`<section id="result-${i + 1}">
<h2>${several ? `Result ${i + 1}: ${labels[i]}` : labels[i]}</h2>
<h3>What ran</h3>
${facts(doc, sourceNames[i] ?? "")}
<h3>Verdict against each rule</h3>
<ul class="verdicts">${allVerdicts[i].map((v) => html`<li class="${v.compliant ? "ok" : "fail"}">${v.text}.</li>`)}</ul>
<h3>Headline figures</h3>
${headlineTable(doc)}
<h3>Charts</h3>
${figures((c) => c.result === i)}
</section>`,
  );
  const versions = [...new Set(docs.map((d) => `${d.tool.name} ${d.tool.version}`))].join(", ");
  return pageShell({
    title,
    lead,
    body: [overview, ...sections],
    writtenBy: versions,
    sources: sourceNames,
  });
}

function facts(doc: ResultDocument, source: string): SafeHtml {
  const r = doc.rules;
  const denominator =
    r.denominator === "connected" ? "connected (put through to an agent)" : "answered by a person";
  const seeds = doc.acrossReplications
    ? `${doc.acrossReplications.seeds[0]} to ${doc.acrossReplications.seeds[1]}, one per replication`
    : String(doc.seed);
  return html`<dl class="facts">
<dt>Scenario</dt><dd>${doc.scenario.name}, from <code>${doc.scenario.file}</code></dd>
<dt>Scenario SHA-256</dt><dd><code>${doc.scenario.sha256}</code></dd>
<dt>Rule set</dt><dd>${r.id}, version ${r.version}</dd>
<dt>Ceiling</dt><dd>at most ${r.ceilingPer100} silent calls per 100 calls ${denominator}, over the campaign</dd>
<dt>Cut-off</dt><dd>a person left without an agent is hung up on within ${r.cutoffLimitSeconds} s of answering (the rule's limit)${dialerCutoffNote(doc)}</dd>
<dt>Lock-out</dt><dd>a number whose call went silent is not called for ${r.lockoutDays} days, and then only with an agent reserved</dd>
<dt>Pacing</dt><dd>${resultPacingName(doc)}: <code>${JSON.stringify(doc.pacing)}</code></dd>
<dt>Seeds</dt><dd>${seeds}</dd>
<dt>Replications</dt><dd>${doc.replications}</dd>
<dt>Software</dt><dd>${doc.tool.name} ${doc.tool.version}, ${doc.mode}</dd>
<dt>Result file</dt><dd><code>${source}</code></dd>
</dl>`;
}

function dialerCutoffNote(doc: ResultDocument): string {
  const dialer = shorterDialerCutoff(doc);
  return dialer === null ? "" : `; this dialer hangs up at ${dialer} s`;
}

function overviewTable(
  docs: readonly ResultDocument[],
  labels: readonly string[],
  compliant: readonly boolean[],
): SafeHtml {
  const rows = docs.map((doc, i) => {
    const m = doc.acrossReplications?.metrics;
    const ratio = m?.silentPer100Connected?.mean ?? doc.campaign.silentPer100Connected;
    const occupancy = m?.agentOccupancy?.mean ?? doc.campaign.agentOccupancy;
    return html`<tr><td><a href="#result-${i + 1}">${labels[i]}</a></td><td>${fixed(ratio)}</td><td>${percent(occupancy)}</td><td>${doc.replications}</td><td class="${compliant[i] ? "ok" : "fail"}">${compliant[i] ? "compliant" : "not compliant"}</td></tr>`;
  });
  return html`<table class="overview"><thead><tr><th scope="col">Result</th><th scope="col">Silent calls per 100 connected</th><th scope="col">Agent occupancy</th><th scope="col">Replications</th><th scope="col">Every rule</th></tr></thead><tbody>${rows}</tbody></table>`;
}
