import { count, fixed, percent, plural } from "../../report/format-number.js";
import type { CampaignExport, ExportedRow } from "./export-files.js";
import type { CampaignPayload, WindowPayload } from "./payloads.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A count with thousands separators; null (not recorded at this level) as a dash. */
function formatCount(value: number | null): string {
  return value === null ? "–" : count(value);
}

/** Seconds with two decimals, as the column heads say "(s)"; null as a dash. */
function formatSeconds(value: number | null): string {
  return value === null ? "–" : fixed(value);
}

/** A ratio per 100 with two decimals; null (silent calls but a zero denominator) as "undefined". */
function formatRatio(value: number | null): string {
  return value === null ? "undefined" : fixed(value);
}

const STYLE = `
body { font: 11pt/1.4 Georgia, "Times New Roman", serif; margin: 2em; color: #000; }
h1 { font-size: 1.5em; margin: 0 0 0.3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #000; }
h3 { font-size: 1em; margin: 1em 0 0.3em; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #888; padding: 0.15em 0.5em; text-align: right; }
th { background: #eee; }
td.text, th.text { text-align: left; }
.ok { border: 2px solid #060; padding: 0.5em 1em; }
.bad { border: 2px solid #a00; padding: 0.5em 1em; }
.hash { font-family: "Courier New", monospace; font-size: 0.85em; word-break: break-all; }
.note { font-size: 0.85em; color: #333; }
@media print { body { margin: 0; } section.run { break-inside: avoid-page; } thead { display: table-header-group; } }
`;

function verificationBlock(v: CampaignExport["verification"]): string {
  if (v.ok) {
    const range = v.rows === 0 ? "" : ` (rows ${v.firstId}–${v.lastId})`;
    const purge =
      v.startsAfterPurge === null
        ? ""
        : ` Rows 1–${v.startsAfterPurge.purgedThroughId} were purged after their retention (checkpoint row ${v.startsAfterPurge.checkpointId}).`;
    return `<div class="ok"><strong>Verification: intact.</strong> The hash chain of ${v.rows} rows${range} verifies: no row was edited, deleted or reordered.${purge}<br>Head hash: <span class="hash">${escapeHtml(v.headHash ?? "none")}</span></div>`;
  }
  const items = v.issues
    .map((i) => `<li>${i.id === null ? "" : `row ${i.id}: `}${escapeHtml(i.detail)}</li>`)
    .join("");
  return `<div class="bad"><strong>Verification: FAILED.</strong> The store has been tampered with; ${plural(v.issues.length, "problem")}:<ul>${items}</ul></div>`;
}

function keyValueTable(rows: readonly [string, string][]): string {
  const body = rows
    .map(([k, v]) => `<tr><th class="text">${escapeHtml(k)}</th><td class="text">${v}</td></tr>`)
    .join("");
  return `<table>${body}</table>`;
}

function refusals(value: Readonly<Record<string, number>> | null): string {
  if (value === null) return "–";
  const entries = Object.entries(value).filter(([, n]) => n > 0);
  if (entries.length === 0) return "none";
  return entries.map(([k, n]) => `${escapeHtml(k)}: ${n}`).join(", ");
}

function runSection(row: ExportedRow, windows: readonly ExportedRow[]): string {
  const c = row.payload as unknown as CampaignPayload;
  const byCause = c.silentByCause;
  const identity = keyValueTable([
    ["Run (row id)", String(row.id)],
    ["Recorded at (UTC)", escapeHtml(row.recordedAt)],
    ["Retain until (UTC)", escapeHtml(row.retainUntil)],
    ["Mode", escapeHtml(c.mode)],
    ["Rule set", `${escapeHtml(c.ruleSet.id)} version ${escapeHtml(c.ruleSet.version)}`],
    [
      "Ceiling",
      `${c.ruleSet.ceilingPer100} silent per 100 ${escapeHtml(c.ruleSet.denominator)}; cut-off ${c.ruleSet.cutoffSeconds} s`,
    ],
    ["Scenario", `${escapeHtml(c.scenario.name)} (${escapeHtml(c.scenario.file)})`],
    ["Scenario hash", `<span class="hash">${escapeHtml(c.scenario.sha256)}</span>`],
    ["Seed", String(c.seed)],
    ...(c.replication === undefined
      ? []
      : [["Replication", `${c.replication.index} of ${c.replication.of}`] as [string, string]]),
    ["Software version", `pacelab ${escapeHtml(c.softwareVersion)}`],
    ["Row hash", `<span class="hash">${escapeHtml(row.hash)}</span>`],
  ]);
  const totals = `<table><thead><tr>
<th>attempts</th><th>answered</th><th>connected</th><th>silent</th>
<th>no agent</th><th>callee hung up</th><th>AMD false positive</th><th>AMD too slow</th>
<th>silent per 100 ${escapeHtml(c.ruleSet.denominator)}</th><th>ceiling</th><th>within</th>
<th>max silent hold (s)</th><th>comfort noise</th><th>locks applied</th>
<th>recontacts refused</th><th>recontact violations</th><th class="text">gate refusals</th>
</tr></thead><tbody><tr>
<td>${count(c.attempts)}</td><td>${count(c.answered)}</td><td>${count(c.connected)}</td><td>${count(c.silent)}</td>
<td>${formatCount(byCause?.noAgent ?? null)}</td><td>${formatCount(byCause?.calleeHungUp ?? null)}</td>
<td>${formatCount(byCause?.amdFalsePositive ?? null)}</td><td>${formatCount(byCause?.amdTooSlow ?? null)}</td>
<td>${formatRatio(c.ratio)}</td><td>${c.ceilingPer100}</td><td>${c.within ? "yes" : "NO"}</td>
<td>${formatSeconds(c.maxSilentHoldSeconds)}</td><td>${percent(c.comfortNoiseCoverage, 0)}</td>
<td>${formatCount(c.locksApplied)}</td><td>${formatCount(c.recontactsRefused)}</td><td>${c.recontactViolations}</td>
<td class="text">${refusals(c.gateRefusals)}</td>
</tr></tbody></table>`;
  const windowRows = windows
    .map((w) => {
      const p = w.payload as unknown as WindowPayload;
      const cause = p.silentByCause;
      const cells = [
        formatCount(p.attempts),
        formatCount(p.answered),
        formatCount(p.connected),
        formatCount(p.silent),
        formatCount(cause?.noAgent ?? null),
        formatCount(cause?.calleeHungUp ?? null),
        formatCount(cause?.amdFalsePositive ?? null),
        formatCount(cause?.amdTooSlow ?? null),
        formatRatio(p.ratio),
        formatRatio(p.cumulativeRatio),
        formatSeconds(p.maxSilentHoldSeconds),
        percent(p.comfortNoiseCoverage, 0),
        formatCount(p.locksApplied),
        formatCount(p.recontactsRefused),
      ];
      return `<tr><td>${w.id}</td><td class="text">${escapeHtml(p.start)}</td><td class="text">${escapeHtml(p.end)}</td>${cells.map((x) => `<td>${x}</td>`).join("")}<td class="text">${refusals(p.gateRefusals)}</td></tr>`;
    })
    .join("\n");
  const windowTable = `<table><thead><tr>
<th>row</th><th class="text">start</th><th class="text">end</th><th>attempts</th><th>answered</th>
<th>connected</th><th>silent</th><th>no agent</th><th>callee hung up</th><th>AMD false positive</th>
<th>AMD too slow</th><th>silent per 100</th><th>cumulative</th><th>max silent hold (s)</th>
<th>comfort noise</th><th>locks applied</th><th>recontacts refused</th><th class="text">gate refusals</th>
</tr></thead><tbody>
${windowRows}
</tbody></table>
<p class="note">Windows are the run's time-series intervals (local times). A dash: not recorded by the source of this run.</p>`;
  return `<section class="run">
<h2>Run ${row.id}: ${escapeHtml(c.scenario.name)}, seed ${c.seed}</h2>
${identity}
<h3>Campaign</h3>
${totals}
<h3>Windows (${windows.length})</h3>
${windowTable}
</section>`;
}

/**
 * A printable, self-contained report of one campaign's evidence: the chain's verification status,
 * then per run its identity (rule set, seed, software version, hashes), its campaign totals and a
 * table of its windows. No scripts, fonts or other external resources.
 */
export function evidenceHtml(exported: CampaignExport): string {
  const windowsByRun = new Map<number, ExportedRow[]>();
  for (const row of exported.rows) {
    if (row.kind !== "window") continue;
    const run = (row.payload as unknown as WindowPayload).run;
    const list = windowsByRun.get(run) ?? [];
    list.push(row);
    windowsByRun.set(run, list);
  }
  const runs = exported.rows.filter((r) => r.kind === "campaign");
  const sections = runs.map((r) => runSection(r, windowsByRun.get(r.id) ?? [])).join("\n");
  const title = `Silent-call evidence: ${escapeHtml(exported.campaign)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<p>Statistical reports of silent calls stored in the pacelab evidence store: ${plural(runs.length, "run")}.</p>
${verificationBlock(exported.verification)}
${sections}
</body>
</html>
`;
}
