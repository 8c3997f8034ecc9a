/** The audit's readable report for the terminal. */

import { formatTimeOfDay } from "../io/read/schema-kit.js";
import { count, fixed, plural } from "../report/format-number.js";
import type { RuleSet } from "../rules/rule-set.js";
import {
  type Counted,
  FINDING_KINDS,
  type FindingKind,
  VIOLATION_KINDS,
  type Violation,
  type ViolationKind,
  type WindowResult,
} from "./audit.js";
import type { AuditDocument } from "./audit-document.js";

/** Violations printed per kind; the JSON lists more, `--violations` writes them all. */
const SHOWN = 10;
/** Windows printed in full; beyond that only the ones over the ceiling and the worst. */
const WINDOWS_SHOWN = 40;

const num = (n: number) => (Number.isInteger(n) ? count(n) : fixed(n));

export const VIOLATION_TITLES: Readonly<Record<ViolationKind, string>> = {
  heldPastCutoff: "calls held past the cut-off",
  recontactInsideLockout: "calls inside a lock-out after a silent call",
  recontactWithoutAgent: "recontacts without an agent guaranteed",
  sameDayAfterAmdHangup: "same-day calls after an AMD hang-up without an agent guaranteed",
  outsideCallingHours: "calls outside calling hours",
  shortRing: "unanswered calls given up before the minimum ring",
};

export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  duplicateRow: "duplicate rows (each the same call as an earlier row: counted once)",
  overlappingCall: "calls overlapping an earlier call to the same number (audited as written)",
};

/** One line describing the rule set as applied. */
export function rulesLine(r: RuleSet): string {
  const window = {
    campaign: "over the whole campaign",
    calendarDay: "per calendar day",
    rolling30Days: "over every 30 days",
    successive30Days: "per 30-day block",
  }[r.window];
  const lock =
    r.lockoutSeconds === 0
      ? "no lock-out"
      : `lock-out ${r.lockoutSeconds / 3600} h${r.lockoutAllowsGuaranteedCall ? " unless an agent is guaranteed" : ""}${r.guaranteeAgentAfterSilent ? ", then an agent guaranteed" : ""}`;
  return `rules ${r.id} v${r.version}: at most ${r.ceilingPer100} silent per 100 ${r.denominator} per ${r.scope === "callCentre" ? "call centre" : "campaign"} ${window}; cut-off limit ${r.cutoffLimitSeconds} s; ${lock}`;
}

function windowRow(w: WindowResult): string {
  const span = w.from === w.to ? w.from : `${w.from}..${w.to}`;
  const ratio = fixed(w.per100);
  return `  ${w.scope.padEnd(20)} ${span.padEnd(22)} ${num(w.attempts).padStart(10)} ${num(w.liveAnswers).padStart(9)} ${num(w.connected).padStart(9)} ${num(w.numerator).padStart(7)} ${ratio.padStart(7)}  ${w.within ? "within" : "OVER"}`;
}

/** The readable report. */
export function auditReportText(doc: AuditDocument): string {
  const r = doc.rules;
  const lines: string[] = [];
  const excluded = Object.entries(doc.input.excluded);
  lines.push(
    `pacelab ${doc.tool.version}: audit of ${doc.input.file} (format ${doc.input.format}): ${count(doc.input.rows)} call attempts, ${doc.input.firstStart ?? "-"} to ${doc.input.lastStart ?? "-"}`,
    rulesLine(r),
  );
  if (excluded.length > 0) {
    lines.push(`not audited: ${excluded.map(([why, n]) => `${count(n)} (${why})`).join(", ")}`);
  }
  const t = doc.totals;
  lines.push(
    `totals: ${count(t.attempts)} attempts, ${count(t.liveAnswers)} live answers, ${count(t.connected)} connected, ${count(t.silent)} silent; AMD hang-ups of unknown truth: ${count(t.amdHangups)}`,
    "",
    `ceiling: silent per 100 ${r.denominator} (at most ${r.ceilingPer100})`,
    `  ${"scope".padEnd(20)} ${"window".padEnd(22)} ${"attempts".padStart(10)} ${"answered".padStart(9)} ${"connected".padStart(9)} ${"silent".padStart(7)} ${"per 100".padStart(7)}  verdict`,
  );
  const windows = doc.windows;
  if (windows.length <= WINDOWS_SHOWN) {
    for (const w of windows) lines.push(windowRow(w));
  } else {
    const over = windows.filter((w) => !w.within);
    const worst = windows.reduce((a, b) =>
      (b.per100 ?? Infinity) > (a.per100 ?? Infinity) ? b : a,
    );
    const shown = over.length > 0 ? over.slice(0, WINDOWS_SHOWN) : [worst];
    for (const w of shown) lines.push(windowRow(w));
    lines.push(
      `  (${count(windows.length)} windows, ${count(over.length)} over the ceiling${over.length === 0 ? "; the worst is shown" : over.length > WINDOWS_SHOWN ? `; the first ${WINDOWS_SHOWN} are shown` : ""}: --json lists them all)`,
    );
  }
  if (windows.length === 0) lines.push("  (no calls)");

  for (const kind of VIOLATION_KINDS) {
    const v = doc.violations[kind];
    if (kind === "shortRing" && r.minimumRing === null) continue;
    if (
      kind === "recontactInsideLockout" &&
      (r.lockoutSeconds === 0 || r.lockoutAllowsGuaranteedCall)
    ) {
      continue; // the rule set allows calls inside the lock-out with an agent: see recontacts
    }
    if (kind === "sameDayAfterAmdHangup" && r.sameDayRepeatAfterAmdHangup === "allowed") continue;
    listSection(lines, VIOLATION_TITLES[kind], v);
  }
  for (const kind of FINDING_KINDS) listSection(lines, FINDING_TITLES[kind], doc.findings[kind]);
  const hours = (["weekday", "saturday", "sunday", "holiday", "dayBeforeHoliday"] as const)
    .map(
      (k) =>
        `${k} ${r.callingHours[k].map((w) => `${formatTimeOfDay(w.start)}-${formatTimeOfDay(w.end)}`).join(", ") || "none"}`,
    )
    .join("; ");
  lines.push(
    "",
    `calling hours (${r.callingHoursTimeZone === "calledParty" ? "called party's time" : "call centre's time"}): ${hours}`,
  );
  for (const note of doc.notes) lines.push(`note: ${note}`);
  const v = doc.verdict;
  const judged = `on ${plural(v.calls, "call")} in ${plural(v.campaigns, "campaign")}`;
  lines.push(
    "",
    v.compliant
      ? `verdict: COMPLIANT (no window over the ceiling, no violation) ${judged}`
      : `verdict: NOT COMPLIANT: ${plural(v.windowsOver, "window")} over the ceiling, ${plural(v.violations, "violation")}, ${judged}`,
  );
  if (v.duplicateRows > 0 || v.overlappingCalls > 0) {
    lines.push(
      `records: ${plural(v.duplicateRows, "duplicate row")} counted once, ${plural(v.overlappingCalls, "overlapping call")} audited as written (listed above)`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A kind of violation or finding: its count and the first ones. */
function listSection(
  lines: string[],
  title: string,
  v: Counted<Violation<ViolationKind | FindingKind>>,
): void {
  lines.push("", `${title}: ${count(v.count)}`);
  for (const x of v.listed.slice(0, SHOWN)) {
    const related = x.relatedLine === undefined ? "" : ` (see line ${x.relatedLine})`;
    lines.push(`  line ${x.line}: ${x.campaign} ${x.number} at ${x.start}: ${x.detail}${related}`);
  }
  if (v.count > SHOWN) {
    lines.push(`  ... and ${count(v.count - SHOWN)} more (--violations FILE writes every one)`);
  }
}
