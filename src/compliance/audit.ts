/**
 * The audit of call records against a rule set: a pure, streaming state machine. Feed it every
 * row in time order ({@link Audit.add}), then {@link Audit.finish} gives the verdict. Memory is
 * bounded by what the rules need remembered, not by the rows: counters per scope and day,
 * per-number state only for numbers under a lock-out (pruned as locks expire), and the calls of
 * about the last day, to find duplicate rows and overlapping calls. docs/audit.md says what is
 * checked and how.
 */

import { type DayWindow, dayKind } from "../calendar/calendar.js";
import {
  clockShiftSeconds,
  DAY_US,
  formatDay,
  formatLocalTimestamp,
  realSpanUs,
  SECOND_US,
  wallAfterUs,
} from "../calendar/local-time.js";
import { formatTimeOfDay } from "../io/read/schema-kit.js";
import { fixed, seconds } from "../report/format-number.js";
import type { RuleSet } from "../rules/rule-set.js";
import { AmdVerdict, type CallRow, Outcome, Reserved, RowProblem } from "./call-row.js";
import { detach } from "./detach.js";
import { RepeatedCalls } from "./repeated-calls.js";

/** The scope name of every ratio when the rule set counts per call centre. */
export const CALL_CENTRE = "(call centre)";

/**
 * A call connected to an agent less than this after the answer behaved like one with an agent
 * reserved: what an audit without reservation records accepts as "agent guaranteed".
 */
export const NO_HOLD_US = SECOND_US;

/** Rows may run this far back in time from the latest start (files sorted by end time). */
export const ORDER_TOLERANCE_US = DAY_US;

const PRUNE_EVERY = 1 << 16;

export const VIOLATION_KINDS = [
  "heldPastCutoff",
  "recontactInsideLockout",
  "recontactWithoutAgent",
  "sameDayAfterAmdHangup",
  "outsideCallingHours",
  "shortRing",
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/**
 * What the records show wrong about themselves rather than about the calls: a row that repeats
 * an earlier one exactly (counted once), and a call to a number placed while an earlier call to
 * it was still going on (audited as written). Reported apart; the verdict is the rules'.
 */
export const FINDING_KINDS = ["duplicateRow", "overlappingCall"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

const RECORDED_KINDS = [...VIOLATION_KINDS, ...FINDING_KINDS];

/** One call that broke a rule (or, as a {@link Finding}, one row the records got wrong). */
export interface Violation<K extends ViolationKind | FindingKind = ViolationKind> {
  readonly kind: K;
  /** The row's line in the file. */
  readonly line: number;
  readonly campaign: string;
  readonly number: string;
  /** When the call was placed (local, as written). */
  readonly start: string;
  /** What was wrong, in plain words. */
  readonly detail: string;
  /**
   * The line of the call that caused it (the silent call or AMD hang-up; for a finding, the
   * row repeated or overlapped), where there is one.
   */
  readonly relatedLine?: number;
}

/** A duplicate row or an overlapping call: see {@link FINDING_KINDS}. */
export type Finding = Violation<FindingKind>;

/** Every one counted, the first ones listed. */
export interface Counted<T> {
  readonly count: number;
  readonly listed: readonly T[];
}

/** Calls counted in one ratio window. */
export interface WindowCounts {
  attempts: number;
  /** Calls answered by a person (the records' view). */
  liveAnswers: number;
  /** Persons put through to an agent. */
  connected: number;
  /** Silent calls as the rule set counts them. */
  silent: number;
  /** AMD hang-ups the records cannot show to be persons (the base of the rule set's estimate). */
  amdHangups: number;
}

/** One window's ratio against the ceiling. */
export interface WindowResult extends WindowCounts {
  /** Campaign name, or {@link CALL_CENTRE}. */
  readonly scope: string;
  /** First and last day covered, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  /** Silent calls with the rule set's estimates applied. */
  readonly numerator: number;
  /** Connected calls, or live answers with the estimates applied. */
  readonly denominator: number;
  /** numerator / denominator x 100; 0 for 0/0; null for x/0. */
  readonly per100: number | null;
  readonly ceilingPer100: number;
  readonly within: boolean;
}

export interface AuditResult {
  /** Call attempts audited (a duplicate row counted once). */
  readonly rows: number;
  /** Campaigns named by the rows audited. */
  readonly campaigns: number;
  /** First and last call start seen (local ISO), null without rows. */
  readonly firstStart: string | null;
  readonly lastStart: string | null;
  readonly totals: WindowCounts;
  readonly windows: readonly WindowResult[];
  readonly windowsOver: number;
  /** Every violation counted; `listed` keeps the first ones (up to the list limit). */
  readonly violations: Readonly<Record<ViolationKind, Counted<Violation>>>;
  /** Duplicate rows (not audited again) and overlapping calls (audited as written). */
  readonly findings: Readonly<Record<FindingKind, Counted<Finding>>>;
  /** Windows over the ceiling plus every violation. */
  readonly problems: number;
  /** Most numbers held in memory at once (under a lock-out or a same-day rule). */
  readonly peakNumbersTracked: number;
}

export interface AuditOptions {
  /** Holidays, `YYYY-MM-DD`, for the calling hours by kind of day. */
  readonly holidays?: readonly string[];
  /**
   * The IANA time zone the records' times are written in (the call centre's). With it, a row
   * naming the called party's zone has its calling hours read on that party's clock, where the
   * rule set says so, and lock-outs run in real time across daylight-saving changes.
   */
  readonly timeZone?: string;
  /** Violations kept per kind in the result; all are counted (default 1000). */
  readonly listLimit?: number;
  /** Called with every violation and finding as it is found (e.g. to write them all to a file). */
  readonly onViolation?: (violation: Violation | Finding) => void;
}

/** What the audit remembers of a number, only while a rule still applies to its next calls. */
interface NumberState {
  /** When the last silent call ended; NaN when there was none (only the AMD rule applies). */
  silentEnd: number;
  silentLine: number;
  /** Calls starting before this are inside the lock-out. */
  lockedUntil: number;
  /** The first call after the lock-out still needs an agent guaranteed. */
  needsAgent: boolean;
  /** Day of the last AMD hang-up under a same-day rule; -1 when none. */
  amdDay: number;
  amdEnd: number;
  amdLine: number;
}

const emptyCounts = (): WindowCounts => ({
  attempts: 0,
  liveAnswers: 0,
  connected: 0,
  silent: 0,
  amdHangups: 0,
});

function addCounts(into: WindowCounts, c: WindowCounts): void {
  into.attempts += c.attempts;
  into.liveAnswers += c.liveAnswers;
  into.connected += c.connected;
  into.silent += c.silent;
  into.amdHangups += c.amdHangups;
}

function byKind<K extends string, T>(kinds: readonly K[], make: (kind: K) => T): Record<K, T> {
  const out = {} as Record<K, T>;
  for (const k of kinds) out[k] = make(k);
  return out;
}

const secondsOf = (us: number): string => seconds(us / SECOND_US, 3);
const hours = (us: number): string => `${fixed(us / 3600 / SECOND_US)} h`;

/** The audit of one file's rows against one rule set. */
export class Audit {
  private rows = 0;
  private clock = Number.NEGATIVE_INFINITY;
  private firstStart = Number.POSITIVE_INFINITY;
  private readonly byScope = new Map<string, Map<number, WindowCounts>>();
  private lastScope = "";
  private lastDay = Number.NaN;
  private lastCounts: WindowCounts = emptyCounts();
  private readonly numbers = new Map<string, NumberState>();
  private peakNumbers = 0;
  private readonly hoursByDay = new Map<number, readonly DayWindow[]>();
  private readonly holidays: ReadonlySet<string>;
  private readonly listLimit: number;
  private readonly counts = byKind(RECORDED_KINDS, () => 0);
  private readonly listed = byKind(
    RECORDED_KINDS,
    (): Violation<ViolationKind | FindingKind>[] => [],
  );
  /** Campaign names as kept beyond a row, each once. */
  private readonly campaigns = new Map<string, string>();
  private lastCampaign: string | null = null;
  private readonly repeats = new RepeatedCalls();
  private readonly cutoffUs: number;
  private readonly lockoutUs: number;
  private readonly minRingUs: number;
  private readonly sameDayRule: boolean;
  private readonly keepsLocks: boolean;

  constructor(
    readonly rules: RuleSet,
    private readonly options: AuditOptions = {},
  ) {
    this.holidays = new Set(options.holidays ?? []);
    this.listLimit = options.listLimit ?? 1000;
    this.cutoffUs = Math.round(rules.cutoffLimitSeconds * SECOND_US);
    this.lockoutUs = Math.round(rules.lockoutSeconds * SECOND_US);
    this.minRingUs =
      rules.minimumRing === null ? 0 : Math.round(rules.minimumRing.seconds * SECOND_US);
    this.sameDayRule = rules.sameDayRepeatAfterAmdHangup === "agentGuaranteed";
    this.keepsLocks = this.lockoutUs > 0 || rules.guaranteeAgentAfterSilent;
  }

  /**
   * Audits one call attempt. Rows must come in time order, give or take a day (a file sorted by
   * end time is fine); throws {@link RowProblem} for a row further back than that.
   */
  add(row: CallRow): void {
    const start = row.start;
    if (start < this.clock - ORDER_TOLERANCE_US) {
      throw new RowProblem(
        "start",
        `rows in time order (at most a day before the latest start so far, ${formatLocalTimestamp(this.clock)}): sort the file by start time`,
        formatLocalTimestamp(start),
      );
    }
    if (start > this.clock) this.clock = start;
    if (start < this.firstStart) this.firstStart = start;
    const repeat = this.repeats.check(
      row,
      this.campaignOf(row.campaign),
      this.clock - ORDER_TOLERANCE_US,
    );
    if (repeat?.duplicate) {
      this.record(
        "duplicateRow",
        row,
        "the same call as an earlier row, every audited field equal: counted once",
        repeat.line,
      );
      return;
    }
    if (repeat) {
      this.record(
        "overlappingCall",
        row,
        `placed while an earlier call to the number, ${formatLocalTimestamp(repeat.start)} to ${formatLocalTimestamp(repeat.end)}, was still going on: audited as written`,
        repeat.line,
      );
    }
    this.rows++;
    const day = Math.floor(start / DAY_US);
    const counts = this.countsFor(
      this.rules.scope === "callCentre" ? CALL_CENTRE : row.campaign,
      day,
    );
    counts.attempts++;

    const answered = !Number.isNaN(row.answer);
    const connected = !Number.isNaN(row.agentConnect);
    const guaranteed =
      row.agentReserved === Reserved.yes ||
      (row.agentReserved === Reserved.unknown &&
        connected &&
        row.agentConnect - row.answer < NO_HOLD_US);
    const amdHangup = answered && row.amdVerdict === AmdVerdict.machine && !connected;

    const state = this.numbers.get(row.number);
    if (state !== undefined) this.checkRecontact(state, row, day, guaranteed);
    this.checkHours(row, day);
    if (
      this.minRingUs > 0 &&
      row.outcome === Outcome.noAnswer &&
      row.ringMeasured &&
      row.end - start < this.minRingUs
    ) {
      this.record(
        "shortRing",
        row,
        `rang ${secondsOf(row.end - start)}, less than the minimum ${secondsOf(this.minRingUs)}`,
      );
    }

    if (answered && row.outcome === Outcome.person) {
      counts.liveAnswers++;
      if (connected) counts.connected++;
      const held = (connected ? row.agentConnect : row.end) - row.answer;
      const late = row.holdMeasured && held > this.cutoffUs;
      if (late) {
        this.record(
          "heldPastCutoff",
          row,
          `held ${secondsOf(held)} after the answer ${connected ? "before an agent took it" : "and never put through"} (cut-off ${secondsOf(this.cutoffUs)})`,
        );
      }
      const silent = amdHangup
        ? this.rules.numerator.amdFalsePositives
        : !connected || (late && this.rules.numerator.counts === "notConnectedWithinCutoff");
      if (silent) {
        counts.silent++;
        if (this.keepsLocks) this.lock(row);
      }
    } else if (amdHangup) {
      counts.amdHangups++;
    }
    if (amdHangup && this.sameDayRule) {
      const s = this.stateOf(row.number);
      s.amdDay = day;
      s.amdEnd = row.end;
      s.amdLine = row.line;
    }
    if ((this.rows & (PRUNE_EVERY - 1)) === 0) this.prune();
  }

  /** The verdict over every row added. */
  finish(): AuditResult {
    const windows: WindowResult[] = [];
    const totals = emptyCounts();
    for (const scope of [...this.byScope.keys()].sort()) {
      const days = this.byScope.get(scope) as Map<number, WindowCounts>;
      for (const c of days.values()) addCounts(totals, c);
      for (const [from, to] of this.windowSpans([...days.keys()].sort((a, b) => a - b))) {
        const c = emptyCounts();
        for (let d = from; d <= to; d++) {
          const dc = days.get(d);
          if (dc !== undefined) addCounts(c, dc);
        }
        windows.push(this.windowResult(scope, from, to, c));
      }
    }
    const counted = <K extends ViolationKind | FindingKind>(k: K) => ({
      count: this.counts[k],
      listed: this.listed[k] as Violation<K>[],
    });
    const windowsOver = windows.filter((w) => !w.within).length;
    const problems = windowsOver + VIOLATION_KINDS.reduce((n, k) => n + this.counts[k], 0);
    return {
      rows: this.rows,
      campaigns: this.campaigns.size,
      firstStart: this.rows > 0 ? formatLocalTimestamp(this.firstStart) : null,
      lastStart: this.rows > 0 ? formatLocalTimestamp(this.clock) : null,
      totals,
      windows,
      windowsOver,
      violations: byKind(VIOLATION_KINDS, counted),
      findings: byKind(FINDING_KINDS, counted),
      problems,
      peakNumbersTracked: this.peakNumbers,
    };
  }

  /** The row's campaign as kept beyond the row, counted once. */
  private campaignOf(name: string): string {
    const last = this.lastCampaign;
    if (last !== null && name === last) return last;
    let kept = this.campaigns.get(name);
    if (kept === undefined) {
      kept = detach(name);
      this.campaigns.set(kept, kept);
    }
    this.lastCampaign = kept;
    return kept;
  }

  // --- Ratios -------------------------------------------------------------------------------

  private countsFor(scope: string, day: number): WindowCounts {
    if (day === this.lastDay && scope === this.lastScope) return this.lastCounts;
    let days = this.byScope.get(scope);
    if (days === undefined) {
      days = new Map();
      this.byScope.set(detach(scope), days);
    }
    let c = days.get(day);
    if (c === undefined) {
      c = emptyCounts();
      days.set(day, c);
    }
    this.lastScope = scope;
    this.lastDay = day;
    this.lastCounts = c;
    return c;
  }

  /** [first, last] day of each window, given the days with calls (sorted). */
  private windowSpans(days: readonly number[]): [number, number][] {
    const first = days[0];
    const last = days[days.length - 1];
    switch (this.rules.window) {
      case "campaign":
        return [[first, last]];
      case "calendarDay":
        return days.map((d) => [d, d]);
      case "rolling30Days":
        return days.map((d) => [Math.max(first, d - 29), d]);
      case "successive30Days": {
        const spans: [number, number][] = [];
        for (let from = first; from <= last; from += 30) {
          if (days.some((d) => d >= from && d < from + 30)) spans.push([from, from + 29]);
        }
        return spans;
      }
    }
  }

  private windowResult(scope: string, from: number, to: number, c: WindowCounts): WindowResult {
    const n = this.rules.numerator;
    // Estimates move calls of unknown truth in or out of the silent calls and live answers.
    const added = (c.amdHangups * n.amdFalsePositiveEstimatePercent) / 100;
    const removed = (c.silent * n.machineDropEstimatePercent) / 100;
    const numerator = c.silent - removed + added;
    const denominator =
      this.rules.denominator === "connected" ? c.connected : c.liveAnswers - removed + added;
    const per100 =
      denominator === 0 ? (numerator === 0 ? 0 : null) : (100 * numerator) / denominator;
    return {
      scope,
      from: formatDay(from),
      to: formatDay(to),
      ...c,
      numerator,
      denominator,
      per100,
      ceilingPer100: this.rules.ceilingPer100,
      // Compared as products so that exactly at the ceiling is within, whatever the rounding.
      within:
        denominator === 0
          ? numerator === 0
          : numerator * 100 <= this.rules.ceilingPer100 * denominator,
    };
  }

  // --- Per-call rules -----------------------------------------------------------------------

  private stateOf(number: string): NumberState {
    let s = this.numbers.get(number);
    if (s === undefined) {
      s = {
        silentEnd: Number.NaN,
        silentLine: 0,
        lockedUntil: Number.NEGATIVE_INFINITY,
        needsAgent: false,
        amdDay: -1,
        amdEnd: Number.NaN,
        amdLine: 0,
      };
      this.numbers.set(detach(number), s);
      if (this.numbers.size > this.peakNumbers) this.peakNumbers = this.numbers.size;
    }
    return s;
  }

  private lock(row: CallRow): void {
    const s = this.stateOf(row.number);
    s.silentEnd = row.end;
    s.silentLine = row.line;
    const zone = this.options.timeZone;
    // A lock-out is real time: across a daylight-saving change its end shows an hour off.
    s.lockedUntil =
      zone === undefined ? row.end + this.lockoutUs : wallAfterUs(zone, row.end, this.lockoutUs);
    s.needsAgent = this.rules.guaranteeAgentAfterSilent;
  }

  /** A call to a number that had a silent call or an AMD hang-up: is it allowed? */
  private checkRecontact(s: NumberState, row: CallRow, day: number, guaranteed: boolean): void {
    const start = row.start;
    let flagged = false;
    // Calls overlapping the silent call, or before it, are not recontacts.
    if (start >= s.silentEnd) {
      const since = hours(this.realSpan(s.silentEnd, start));
      if (start < s.lockedUntil) {
        if (!this.rules.lockoutAllowsGuaranteedCall) {
          this.record(
            "recontactInsideLockout",
            row,
            `${since} after a silent call, inside the ${hours(this.lockoutUs)} lock-out`,
            s.silentLine,
          );
          flagged = true;
        } else if (!guaranteed) {
          this.record(
            "recontactWithoutAgent",
            row,
            `${since} after a silent call, inside the ${hours(this.lockoutUs)} lock-out, without an agent guaranteed`,
            s.silentLine,
          );
          flagged = true;
        }
      } else if (s.needsAgent) {
        s.needsAgent = false; // the rule covers the first call after the lock-out only
        if (!guaranteed) {
          this.record(
            "recontactWithoutAgent",
            row,
            `first call after the lock-out of a silent call (${since} after it) without an agent guaranteed`,
            s.silentLine,
          );
          flagged = true;
        }
      }
    }
    if (s.amdDay === day && start >= s.amdEnd && !guaranteed && !flagged) {
      this.record(
        "sameDayAfterAmdHangup",
        row,
        `same-day call after an AMD hang-up ${hours(this.realSpan(s.amdEnd, start))} earlier, without an agent guaranteed`,
        s.amdLine,
      );
    }
  }

  /** Real microseconds between two of the records' times (as written without --time-zone). */
  private realSpan(fromUs: number, toUs: number): number {
    const zone = this.options.timeZone;
    return zone === undefined ? toUs - fromUs : realSpanUs(zone, fromUs, toUs);
  }

  private checkHours(row: CallRow, recordsDay: number): void {
    // The start on the clock the hours are read on: the records', or the called party's.
    let start = row.start;
    let day = recordsDay;
    const zone = this.rules.callingHoursTimeZone === "calledParty" ? row.timeZone : "";
    const recordsZone = this.options.timeZone ?? "";
    if (zone !== "" && zone !== recordsZone) {
      if (recordsZone === "") {
        throw new RowProblem(
          "time_zone",
          "an empty field, unless the audit is told the time zone the records are written in (--time-zone)",
          JSON.stringify(zone),
        );
      }
      start += clockShiftSeconds(recordsZone, zone, Math.floor(start / SECOND_US)) * SECOND_US;
      day = Math.floor(start / DAY_US);
    }
    let windows = this.hoursByDay.get(day);
    if (windows === undefined) {
      windows = this.rules.callingHours[dayKind(formatDay(day), this.holidays)];
      this.hoursByDay.set(day, windows);
    }
    const t = start - day * DAY_US;
    for (const w of windows) if (t >= w.start * SECOND_US && t < w.end * SECOND_US) return;
    const kind = dayKind(formatDay(day), this.holidays);
    const allowed =
      windows.length === 0
        ? "no calls"
        : windows.map((w) => `${formatTimeOfDay(w.start)}-${formatTimeOfDay(w.end)}`).join(", ");
    this.record(
      "outsideCallingHours",
      row,
      `placed outside the calling hours of a ${kind} (${allowed})${start === row.start ? "" : `: ${formatLocalTimestamp(start)} in ${zone}`}`,
    );
  }

  /** Counts a violation or a finding, lists the first ones and hands each to `onViolation`. */
  private record(
    kind: ViolationKind | FindingKind,
    row: CallRow,
    detail: string,
    relatedLine?: number,
  ): void {
    this.counts[kind]++;
    const listed = this.listed[kind];
    const wanted = listed.length < this.listLimit;
    if (!wanted && this.options.onViolation === undefined) return;
    const v: Violation<ViolationKind | FindingKind> = {
      kind,
      line: row.line,
      campaign: detach(row.campaign),
      number: detach(row.number),
      start: formatLocalTimestamp(row.start),
      detail,
      ...(relatedLine === undefined ? {} : { relatedLine }),
    };
    if (wanted) listed.push(v);
    this.options.onViolation?.(v);
  }

  /** Forgets numbers no rule applies to any more (with a day's slack for row order). */
  private prune(): void {
    const clock = this.clock;
    const today = Math.floor(clock / DAY_US);
    for (const [number, s] of this.numbers) {
      if (!s.needsAgent && s.lockedUntil + ORDER_TOLERANCE_US <= clock && s.amdDay < today - 1) {
        this.numbers.delete(number);
      }
    }
  }
}
