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

/** The printed page: A4 with this margin on every side (the test measures the width left). */
export const PRINT_PAGE = { size: "A4", widthMm: 210, marginMm: 12 } as const;

// Every table fits the page's width, on screen and on A4: the wide ones take the whole width in
// a smaller type with fixed column widths (WIDE_COLUMN_SHARES), headers break at the hyphens
// they offer, and a cell whose content is still too long (a hash, an unexpected figure) breaks
// inside it rather than push the table past the edge.
const STYLE = `
body { font: 11pt/1.4 Georgia, "Times New Roman", serif; margin: 2em; color: #000; }
h1 { font-size: 1.5em; margin: 0 0 0.3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #000; }
h3 { font-size: 1em; margin: 1em 0 0.3em; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.9em; max-width: 100%; }
table.wide { width: 100%; table-layout: fixed; font-size: 0.75em; }
th, td { border: 1px solid #888; padding: 0.15em 0.3em; text-align: right; }
table.wide td { overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; }
td.text, th.text { text-align: left; }
.ok { border: 2px solid #060; padding: 0.5em 1em; }
.bad { border: 2px solid #a00; padding: 0.5em 1em; }
.hash { font-family: "Courier New", monospace; font-size: 0.85em; word-break: break-all; }
.note { font-size: 0.85em; color: #333; }
@page { size: ${PRINT_PAGE.size}; margin: ${PRINT_PAGE.marginMm}mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  table.wide { font-size: 6.5pt; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/** A header cell; a "|" in `label` marks where a long word may break with a hyphen. */
function header(label: string, className?: string): string {
  const text = escapeHtml(label).replaceAll("|", "&shy;");
  return className === undefined ? `<th>${text}</th>` : `<th class="${className}">${text}</th>`;
}

/** Share of a wide table's width for a time, a list of refusals, a row id, and any other column. */
const WIDE_COLUMN_SHARES = { time: 8, refusals: 12, id: 4 } as const;

/**
 * The `<colgroup>` of a wide table with `columns` columns, `special` of them given their share
 * of the width by kind; the other columns share the rest equally.
 */
function wideColumns(
  columns: number,
  special: Readonly<Record<number, keyof typeof WIDE_COLUMN_SHARES>>,
): string {
  const given = Object.values(special).reduce((sum, kind) => sum + WIDE_COLUMN_SHARES[kind], 0);
  const rest = (100 - given) / (columns - Object.keys(special).length);
  const cols = Array.from({ length: columns }, (_, i) => {
    const kind = special[i];
    const share = kind === undefined ? rest : WIDE_COLUMN_SHARES[kind];
    return `<col style="width:${share.toFixed(2)}%">`;
  });
  return `<colgroup>${cols.join("")}</colgroup>`;
}

/** The rule set's denominators as header words, with where they may break. */
const DENOMINATOR_LABELS = { connected: "con|nected", answered: "an|swered" } as const;

/** Silent calls' causes as columns: header and key in `silentByCause`. */
const CAUSE_COLUMNS = [
  ["no agent", "noAgent"],
  ["callee hung up", "calleeHungUp"],
  ["AMD false posi|tive", "amdFalsePositive"],
  ["AMD too slow", "amdTooSlow"],
] as const;

/** The cause only a live run has: its column is shown for live runs, so the causes add up. */
const AFTER_CANCEL_COLUMN = ["an|swer after can|cel", "answerAfterCancel"] as const;

type CauseCounts = Readonly<
  Partial<Record<(typeof CAUSE_COLUMNS)[number][1] | "answerAfterCancel", number>>
>;

/** The cause columns of a run: the four every run has, and `answerAfterCancel` for a live one. */
function causeColumns(live: boolean) {
  return live ? [...CAUSE_COLUMNS, AFTER_CANCEL_COLUMN] : CAUSE_COLUMNS;
}

/** The figure columns both wide tables start with, after the window table's row and times. */
function figureHeaders(live: boolean): string {
  const figures = ["at|tempts", "an|swered", "con|nected", "si|lent"];
  const causes = causeColumns(live).map(([label]) => label);
  return [...figures, ...causes].map((label) => header(label)).join("");
}

/** One row's cause cells (a dash where the source did not split silent calls by cause). */
function causeCells(byCause: CauseCounts | null | undefined, live: boolean): string[] {
  return causeColumns(live).map(([, key]) => formatCount(byCause?.[key] ?? null));
}

/**
 * A local ISO time as stored, allowed to break between the date and the time of day; whole
 * seconds lose their ".000", which says nothing.
 */
function localTime(iso: string): string {
  return escapeHtml(iso.replace(/\.000$/, "")).replace("T", "<wbr>T");
}

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
  return entries.map(([k, n]) => `${escapeHtml(k)}: ${n}`).join("<br>");
}

/** A campaign row's cut-offs as stored: older rows hold one figure, the dialer's cut-off. */
interface StoredCutoffs {
  readonly ruleSet: { readonly cutoffLimitSeconds?: number; readonly cutoffSeconds?: number };
  readonly dialer?: { readonly cutoffSeconds: number };
}

/** The rule's cut-off limit and the dialer's cut-off, or an older row's one figure. */
function cutoffText(row: StoredCutoffs): string {
  if (row.dialer === undefined) return `dialer's cut-off ${row.ruleSet.cutoffSeconds} s`;
  return `cut-off limit ${row.ruleSet.cutoffLimitSeconds} s (the dialer's ${row.dialer.cutoffSeconds} s)`;
}

function runSection(row: ExportedRow, windows: readonly ExportedRow[]): string {
  const c = row.payload as unknown as CampaignPayload;
  const byCause = c.silentByCause;
  const live = byCause?.answerAfterCancel !== undefined;
  const identity = keyValueTable([
    ["Run (row id)", String(row.id)],
    ["Recorded at (UTC)", escapeHtml(row.recordedAt)],
    ["Retain until (UTC)", escapeHtml(row.retainUntil)],
    ["Mode", escapeHtml(c.mode)],
    ["Rule set", `${escapeHtml(c.ruleSet.id)} version ${escapeHtml(c.ruleSet.version)}`],
    [
      "Ceiling",
      `${c.ruleSet.ceilingPer100} silent per 100 ${escapeHtml(c.ruleSet.denominator)}; ${cutoffText(c)}`,
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
  const totalColumns = live ? 18 : 17;
  const totals = `<table class="wide">${wideColumns(totalColumns, { [totalColumns - 1]: "refusals" })}<thead><tr>
${figureHeaders(live)}
${header(`silent per 100 ${DENOMINATOR_LABELS[c.ruleSet.denominator]}`)}${header("ceil|ing")}${header("with|in")}
${header("max silent hold (s)")}${header("com|fort noise")}${header("locks ap|plied")}
${header("recon|tacts re|fused")}${header("recon|tact vio|lations")}${header("gate re|fusals", "text")}
</tr></thead><tbody><tr>
<td>${count(c.attempts)}</td><td>${count(c.answered)}</td><td>${count(c.connected)}</td><td>${count(c.silent)}</td>
${causeCells(byCause, live)
  .map((cell) => `<td>${cell}</td>`)
  .join("")}
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
        ...causeCells(cause, live),
        formatRatio(p.ratio),
        formatRatio(p.cumulativeRatio),
        formatSeconds(p.maxSilentHoldSeconds),
        percent(p.comfortNoiseCoverage, 0),
        formatCount(p.locksApplied),
        formatCount(p.recontactsRefused),
      ];
      return `<tr><td>${w.id}</td><td class="text">${localTime(p.start)}</td><td class="text">${localTime(p.end)}</td>${cells.map((x) => `<td>${x}</td>`).join("")}<td class="text">${refusals(p.gateRefusals)}</td></tr>`;
    })
    .join("\n");
  const windowCount = live ? 19 : 18;
  const windowColumns = wideColumns(windowCount, {
    0: "id",
    1: "time",
    2: "time",
    [windowCount - 1]: "refusals",
  });
  const windowTable = `<table class="wide">${windowColumns}<thead><tr>
${header("row")}${header("start", "text")}${header("end", "text")}${figureHeaders(live)}
${header("silent per 100")}${header("cumu|lative")}${header("max silent hold (s)")}
${header("com|fort noise")}${header("locks ap|plied")}${header("recon|tacts re|fused")}${header("gate re|fusals", "text")}
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
<p>Statistical reports of silent calls stored in the pacelab evidence store: ${plural(runs.length, "run")} of the campaign ${escapeHtml(exported.campaign)} with scenario hash <span class="hash">${escapeHtml(exported.scenarioSha256 ?? "none")}</span>.</p>
${verificationBlock(exported.verification)}
${sections}
</body>
</html>
`;
}
