import { fixed, plural } from "../report/format-number.js";
import { html, type SafeHtml } from "../report/html/escape.js";
import { factsList } from "../report/html/facts-list.js";
import { figure, type PageChart } from "../report/html/figure.js";
import { pageShell } from "../report/html/page-shell.js";
import { FINDING_KINDS, VIOLATION_KINDS } from "./audit.js";
import type { AuditDocument } from "./audit-document.js";
import { FINDING_TITLES, rulesLine, VIOLATION_TITLES } from "./audit-text.js";

/** The audit's verdict in one sentence. */
function lead(doc: AuditDocument): string {
  const v = doc.verdict;
  const audited = `${plural(v.calls, "call")} in ${plural(v.campaigns, "campaign")}`;
  if (v.compliant) {
    return `The ${audited} comply with every rule of ${doc.rules.id} that call records can show.`;
  }
  return `The ${audited} do not comply with ${doc.rules.id}: ${plural(v.windowsOver, "window")} over the ceiling, ${plural(v.violations, "call")} that broke a rule.`;
}

function windowsTable(doc: AuditDocument): SafeHtml {
  const rows = doc.windows.map(
    (w) =>
      html`<tr><td>${w.scope}</td><td>${w.from}</td><td>${w.to}</td><td>${fixed(w.numerator)}</td><td>${fixed(w.denominator)}</td><td>${w.per100 === null ? "n/a" : fixed(w.per100)}</td><td class="${w.within ? "ok" : "fail"}">${w.within ? "within" : "over"}</td></tr>`,
  );
  return html`<table class="points"><thead><tr><th scope="col">Scope</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Silent</th><th scope="col">${doc.rules.denominator}</th><th scope="col">Per 100</th><th scope="col">Ceiling ${doc.rules.ceilingPer100}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function problemsTable(doc: AuditDocument): SafeHtml {
  const listed = [
    ...VIOLATION_KINDS.flatMap((k) =>
      doc.violations[k].listed.map((row) => ({ title: VIOLATION_TITLES[k], row })),
    ),
    ...FINDING_KINDS.flatMap((k) =>
      doc.findings[k].listed.map((row) => ({ title: FINDING_TITLES[k], row })),
    ),
  ];
  if (listed.length === 0) return html`<p>No call broke a rule; no row repeated or overlapped.</p>`;
  const rows = listed.map(
    ({ title, row }) =>
      html`<tr><td>${title}</td><td>${row.line}</td><td>${row.campaign}</td><td>${row.number}</td><td>${row.start}</td><td>${row.detail}</td></tr>`,
  );
  return html`<table class="points"><thead><tr><th scope="col">What</th><th scope="col">Line</th><th scope="col">Campaign</th><th scope="col">Number</th><th scope="col">Start</th><th scope="col">What was wrong</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The audit as one self-contained report page (`pacelab audit --report`): the verdict, what
 * was audited under which rules, every judged window, the first calls of each kind that broke
 * a rule, the caveats, and the charts inline. `source` names the audit JSON beside it.
 */
export function auditReportPage(
  doc: AuditDocument,
  charts: readonly PageChart[],
  source: string,
): string {
  const { input } = doc;
  const facts = factsList([
    ["Call records", html`<code>${input.file}</code>, ${input.format} format`],
    ["Rows", `${input.rows} audited of ${input.lines} lines`],
    ["First and last call", `${input.firstStart ?? "none"} to ${input.lastStart ?? "none"}`],
    ["Rules", rulesLine(doc.rules)],
    ["Time zone", input.timeZone ?? "none given: times read as written"],
    ["Holidays", input.holidays.length === 0 ? "none" : input.holidays.join(", ")],
    ["Software", `${doc.tool.name} ${doc.tool.version}`],
  ]);
  const notes = doc.notes.map((n) => html`<li>${n}</li>`);
  return pageShell({
    title: `Audit report: ${input.file}`,
    lead: lead(doc),
    leadNote: "These are call records as the dialer wrote them, not a simulation.",
    body: [
      html`<section id="what-was-audited"><h2>What was audited</h2>${facts}${notes.length > 0 ? html`<ul>${notes}</ul>` : html``}</section>`,
      html`<section id="windows"><h2>Each window against the ceiling</h2>${windowsTable(doc)}</section>`,
      html`<section id="violations"><h2>Calls that broke a rule (the first of each kind)</h2>${problemsTable(doc)}</section>`,
      html`<section id="charts"><h2>Charts</h2>${charts.map(figure)}</section>`,
    ],
    writtenBy: `${doc.tool.name} ${doc.tool.version}`,
    sources: [source],
  });
}
