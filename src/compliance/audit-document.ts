/**
 * The audit's result document (`pacelab audit --json`): what was read, the rules applied, each
 * window's ratio, every violation counted (the first ones listed), the caveats that follow from
 * the rule set and the format, and the verdict.
 */
import type { RuleSet } from "../rules/rule-set.js";
import { TimeScale } from "../time/time-scale.js";
import { VERSION } from "../version.js";
import { type AuditResult, NO_HOLD_US, VIOLATION_KINDS } from "./audit.js";
import type { AuditRun } from "./audit-file.js";

export interface AuditDocument {
  readonly tool: { readonly name: "pacelab"; readonly version: string };
  readonly mode: "audit";
  readonly input: {
    readonly file: string;
    readonly format: string;
    readonly lines: number;
    readonly rows: number;
    readonly excluded: Readonly<Record<string, number>>;
    readonly firstStart: string | null;
    readonly lastStart: string | null;
    readonly holidays: readonly string[];
    /** The live run's time scale the records come from (1: real time). */
    readonly timeScale: number;
    /** The time zone the records are written in (--time-zone), or null: read as written. */
    readonly timeZone: string | null;
  };
  readonly rules: RuleSet;
  readonly totals: AuditResult["totals"];
  readonly windows: AuditResult["windows"];
  readonly violations: AuditResult["violations"];
  /** Duplicate rows (counted once) and overlapping calls (audited as written). */
  readonly findings: AuditResult["findings"];
  readonly peakNumbersTracked: number;
  /** What the records could not show, for this rule set and format. */
  readonly notes: readonly string[];
  readonly verdict: {
    readonly compliant: boolean;
    /** What the verdict is on: the call attempts audited, and the campaigns they name. */
    readonly calls: number;
    readonly campaigns: number;
    readonly windowsOver: number;
    /** Calls that broke a rule (each kind counted). */
    readonly violations: number;
    readonly problems: number;
    /** Rows repeating an earlier one exactly: not in `calls`, not audited again. */
    readonly duplicateRows: number;
    /** Calls placed while an earlier call to the number was going on: audited as written. */
    readonly overlappingCalls: number;
  };
}

/** The document for an audit run. */
export function auditDocument(
  run: AuditRun,
  rules: RuleSet,
  holidays: readonly string[],
  timeScale: TimeScale = TimeScale.REAL_TIME,
  timeZone: string | null = null,
): AuditDocument {
  const r = run.result;
  const violations = VIOLATION_KINDS.reduce((n, k) => n + r.violations[k].count, 0);
  return {
    tool: { name: "pacelab", version: VERSION },
    mode: "audit",
    input: {
      file: run.file,
      format: run.format,
      lines: run.lines,
      rows: r.rows,
      excluded: run.excluded,
      firstStart: r.firstStart,
      lastStart: r.lastStart,
      holidays,
      timeScale: timeScale.factor,
      timeZone,
    },
    rules,
    totals: r.totals,
    windows: r.windows,
    violations: r.violations,
    findings: r.findings,
    peakNumbersTracked: r.peakNumbersTracked,
    notes: [
      ...(timeScale.isRealTime
        ? []
        : [
            `records of a live run at time scale ${timeScale}: holds are checked against a cut-off of ${timeScale.toScenarioSeconds(rules.cutoffLimitSeconds)} s on their clock (the rule set's ${rules.cutoffLimitSeconds} s, never scaled on the wire); only a run at time scale 1 is a compliance run`,
          ]),
      ...auditNotes(rules, run.format, timeZone),
    ],
    verdict: {
      compliant: r.problems === 0,
      calls: r.rows,
      campaigns: r.campaigns,
      windowsOver: r.windowsOver,
      violations,
      problems: r.problems,
      duplicateRows: r.findings.duplicateRow.count,
      overlappingCalls: r.findings.overlappingCall.count,
    },
  };
}

/** Caveats: what call records cannot show under this rule set and format (docs/audit.md). */
export function auditNotes(rules: RuleSet, format: string, timeZone: string | null): string[] {
  const notes: string[] = [];
  if (rules.lockoutSeconds > 0 && timeZone === null) {
    notes.push(
      "no --time-zone: lock-outs are measured on the records' clock as written, so across a daylight-saving change they end an hour early or late in real time",
    );
  }
  if (rules.cutoffTimerStart !== "answer") {
    notes.push(
      `the cut-off runs from the ${rules.cutoffTimerStart === "speechStart" ? "start of speech" : "end of the greeting"}, which call records do not show: holds are measured from the answer, so a call listed as held past the cut-off may still be within it`,
    );
  }
  if (rules.callingHoursTimeZone === "calledParty") {
    notes.push(
      "calling hours are the called party's: a row's start is read on the clock of its time_zone column when the records' own zone is given (--time-zone), otherwise as written, so it must then be in the called party's time zone",
    );
  }
  if (rules.minimumRing?.rings != null) {
    notes.push(
      `records cannot count rings: the minimum ring is checked as ${rules.minimumRing.seconds} s`,
    );
  }
  if (
    rules.lockoutSeconds > 0 ||
    rules.guaranteeAgentAfterSilent ||
    rules.sameDayRepeatAfterAmdHangup === "agentGuaranteed"
  ) {
    notes.push(
      `where a row does not say whether an agent was reserved (agent_reserved empty or absent), a call counts as having one only if an agent took it less than ${NO_HOLD_US / 1e6} s after the answer`,
    );
  }
  if (format === "vicidial") {
    notes.push(
      "VICIdial's log has no agent-connect time and no placing time for answered calls: holds are checked on dropped calls only, rings are not checked, and hours are checked on call_date",
    );
  } else if (format === "asterisk") {
    notes.push(
      "Asterisk's CDR has no agent-connect time: a bridged call counts as connected at the answer, so holds are checked on calls never bridged only",
    );
  }
  if (
    rules.numerator.amdFalsePositiveEstimatePercent > 0 ||
    rules.numerator.machineDropEstimatePercent > 0
  ) {
    notes.push(
      `ratios include the rule set's estimates: ${rules.numerator.amdFalsePositiveEstimatePercent}% of AMD hang-ups added as silent, ${rules.numerator.machineDropEstimatePercent}% of silent calls deducted as machines`,
    );
  }
  return notes;
}
