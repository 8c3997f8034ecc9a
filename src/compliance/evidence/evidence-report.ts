import type { SilentByCause } from "../../model/campaign-counters.js";
import { type CampaignSummary, per100 } from "../../model/campaign-summary.js";
import type { ResultDocument } from "../../result/result-document.js";

export type { SilentByCause };

/**
 * The figures a regulator asks for, for a whole campaign or one window of it. A figure the
 * source cannot give at that level is `null`, never a made-up 0.
 */
export interface EvidenceFigures {
  readonly attempts: number;
  /** Persons who answered (live answers). */
  readonly answered: number;
  /** Persons put through to an operator. */
  readonly connected: number;
  readonly silent: number;
  /** Null when the source does not split silent calls by cause. */
  readonly silentByCause: SilentByCause | null;
  /** Silent calls per 100 of the rule set's denominator; null when it is 0 but silent is not. */
  readonly ratio: number | null;
  /** Longest silent hold, in seconds (0 when nothing went silent); null when not recorded. */
  readonly maxSilentHoldSeconds: number | null;
  /**
   * Fraction of silent calls that heard comfort noise from the answer on. The simulator plays it
   * to every held call, so simulated runs store 1 (also, vacuously, when nothing went silent).
   */
  readonly comfortNoiseCoverage: number;
  /** Numbers locked after a silent call (or AMD hang-up); null when not recorded. */
  readonly locksApplied: number | null;
  /**
   * Recontacts a lock-out refused: asked for (by the retry rule) inside the lock-out and held
   * back to its end; null when not recorded.
   */
  readonly recontactsRefused: number | null;
  /** Calls the consent and opt-out gate refused, by reason; null when not recorded. */
  readonly gateRefusals: Readonly<Record<string, number>> | null;
}

/** Whole-campaign figures, with the verdict against the ceiling. */
export interface CampaignEvidence extends EvidenceFigures {
  readonly ceilingPer100: number;
  /** The ratio ended at or under the ceiling. */
  readonly within: boolean;
  /** Calls that broke the recontact rule (inside a lock-out, or without an agent reserved). */
  readonly recontactViolations: number;
}

/** One window of the campaign (a time-series interval), local ISO times. */
export interface WindowEvidence extends EvidenceFigures {
  readonly start: string;
  readonly end: string;
  /** The ratio from the campaign's start to this window's end. */
  readonly cumulativeRatio: number | null;
}

/** What identifies the run a report comes from: the same in every row of the run. */
export interface RunIdentity {
  readonly mode: "simulated" | "live";
  readonly softwareVersion: string;
  readonly ruleSet: {
    readonly id: string;
    readonly version: string;
    readonly ceilingPer100: number;
    readonly denominator: "connected" | "answered";
    /**
     * The rule's cut-off limit. Rows recorded before it had a name of its own have
     * `cutoffSeconds` instead, which was the dialer's cut-off (and no `dialer`).
     */
    readonly cutoffLimitSeconds: number;
  };
  /** The dialer's cut-off: where it hangs up, at most the rule's limit. */
  readonly dialer: { readonly cutoffSeconds: number };
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly seed: number;
  /** Which of the run's replications this is (1-based) and how many were run, when simulated. */
  readonly replication?: { readonly index: number; readonly of: number };
}

/** The statistical report of one campaign run, as the evidence store keeps it. */
export interface EvidenceReport {
  /** The campaign's name: what `export` selects on. */
  readonly campaign: string;
  readonly identity: RunIdentity;
  readonly totals: CampaignEvidence;
  readonly windows: readonly WindowEvidence[];
}

/**
 * The counts a window needs: a structural subset of the result's time-series rows. The optional
 * figures are stored as null (not recorded) when a source does not give them.
 */
export interface WindowCounts {
  readonly start: string;
  readonly end: string;
  readonly attempts: number;
  readonly humanAnswered: number;
  readonly connected: number;
  readonly silent: number;
  readonly silentByCause?: SilentByCause;
  readonly maxSilentHoldSeconds?: number;
  readonly locksApplied?: number;
  readonly recontactsRefused?: number;
  readonly gateRefusals?: Readonly<Record<string, number>>;
}

/** One replication of a simulated run: its summary and its windows. */
export interface ReplicationEvidence {
  readonly summary: CampaignSummary;
  readonly windows: readonly WindowCounts[];
}

/**
 * The evidence of a simulated run's first replication: the result's totals (`doc.campaign`), and
 * one window per row of `windows` (default: the result's time series). Ratios use the rule set's
 * denominator.
 */
export function evidenceFromResult(
  doc: ResultDocument,
  windows: readonly WindowCounts[] = doc.timeseries.rows,
): EvidenceReport {
  return replicationReport(doc, { summary: doc.campaign, windows }, 0);
}

/**
 * The evidence of every replication of a simulated run, in order: replication i (0-based) ran
 * with seed `doc.seed + i`, and its report says which of how many it is.
 */
export function evidenceOfReplications(
  doc: ResultDocument,
  replications: readonly ReplicationEvidence[],
): EvidenceReport[] {
  return replications.map((r, i) => replicationReport(doc, r, i));
}

function replicationReport(
  doc: ResultDocument,
  { summary: c, windows }: ReplicationEvidence,
  index: number,
): EvidenceReport {
  const denominator = doc.rules.denominator;
  const ratio = (silent: number, connected: number, answered: number) =>
    per100(silent, denominator === "connected" ? connected : answered);
  let cumSilent = 0;
  let cumConnected = 0;
  let cumAnswered = 0;
  const windowEvidence = windows.map((w): WindowEvidence => {
    cumSilent += w.silent;
    cumConnected += w.connected;
    cumAnswered += w.humanAnswered;
    return {
      start: w.start,
      end: w.end,
      attempts: w.attempts,
      answered: w.humanAnswered,
      connected: w.connected,
      silent: w.silent,
      silentByCause: w.silentByCause === undefined ? null : { ...w.silentByCause },
      ratio: ratio(w.silent, w.connected, w.humanAnswered),
      cumulativeRatio: ratio(cumSilent, cumConnected, cumAnswered),
      maxSilentHoldSeconds: w.maxSilentHoldSeconds ?? null,
      comfortNoiseCoverage: 1,
      locksApplied: w.locksApplied ?? null,
      recontactsRefused: w.recontactsRefused ?? null,
      gateRefusals: w.gateRefusals === undefined ? null : { ...w.gateRefusals },
    };
  });
  return {
    campaign: doc.scenario.name,
    identity: {
      mode: doc.mode,
      softwareVersion: doc.tool.version,
      ruleSet: {
        id: doc.rules.id,
        version: doc.rules.version,
        ceilingPer100: doc.rules.ceilingPer100,
        denominator,
        cutoffLimitSeconds: doc.rules.cutoffLimitSeconds,
      },
      dialer: { ...doc.dialer },
      scenario: { ...doc.scenario },
      seed: doc.seed + index,
      replication: { index: index + 1, of: doc.replications },
    },
    totals: {
      attempts: c.attempts,
      answered: c.humanAnswered,
      connected: c.connected,
      silent: c.silent,
      silentByCause: { ...c.silentByCause },
      ratio: c.ceiling.ratio,
      maxSilentHoldSeconds: c.maxSilentHoldSeconds,
      comfortNoiseCoverage: 1,
      locksApplied: c.locksApplied,
      recontactsRefused: c.recontactsRefused,
      gateRefusals: { ...c.gateRefusals },
      ceilingPer100: c.ceiling.per100,
      within: c.ceiling.within,
      recontactViolations: c.recontactViolations,
    },
    windows: windowEvidence,
  };
}
