import { formatCampaignTime } from "../calendar/calendar.js";
import type { GateRefusalReason } from "../consent/gate.js";
import type { SilentByCause } from "../model/campaign-counters.js";
import { gateRefusalCounts, per100 } from "../model/campaign-summary.js";
import type { IntervalRow } from "../model/interval-recorder.js";
import { type MeanInterval, meanInterval } from "../stats/confidence.js";

/** One interval of the time series, as written to JSON and CSV. Means are over the interval. */
export interface TimeseriesRow {
  /** Local ISO times. */
  readonly start: string;
  readonly end: string;
  readonly attempts: number;
  readonly humanAnswered: number;
  readonly connected: number;
  readonly silent: number;
  readonly silentByCause: SilentByCause;
  /** Longest silent hold in this interval, in seconds (0 when nothing went silent). */
  readonly maxSilentHoldSeconds: number;
  /** Numbers locked, recontacts held back by a lock-out, and calls the consent gate refused. */
  readonly locksApplied: number;
  readonly recontactsRefused: number;
  readonly gateRefusals: Readonly<Record<GateRefusalReason, number>>;
  /** In this interval; null when nobody was connected but someone went silent. */
  readonly silentPer100Connected: number | null;
  /** From the campaign's start to this interval's end. */
  readonly cumulativeSilentPer100Connected: number | null;
  readonly agentsStaffed: number;
  readonly agentsTalking: number;
  readonly agentsWrapUp: number;
  readonly agentsIdle: number;
  readonly callsInFlight: number;
  readonly agentOccupancy: number;
  readonly talkOccupancy: number;
  /** Across replications (present with more than one): mean and 95% interval of each ratio. */
  readonly acrossReplications?: {
    readonly silentPer100Connected: MeanInterval | null;
    readonly cumulativeSilentPer100Connected: MeanInterval | null;
  };
}

function summarize(values: readonly (number | null)[]): MeanInterval | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? meanInterval(present) : null;
}

/**
 * The first replication's time series, each interval with its ratios' spread across all
 * replications (matched by interval start) when there are several.
 */
export function timeseries(
  replications: readonly (readonly IntervalRow[])[],
  calendarStart: string,
): TimeseriesRow[] {
  const [first, ...others] = replications;
  const byStart = others.map((rows) => new Map(rows.map((r) => [r.start, r])));
  return first.map((r) => {
    const seconds = r.end - r.start;
    const busy = r.talkSeconds + r.wrapUpSeconds;
    const row: TimeseriesRow = {
      start: formatCampaignTime(calendarStart, r.start),
      end: formatCampaignTime(calendarStart, r.end),
      attempts: r.attempts,
      humanAnswered: r.humanAnswered,
      connected: r.connected,
      silent: r.silent,
      silentByCause: {
        noAgent: r.silentNoAgent,
        calleeHungUp: r.silentCalleeHungUp,
        amdFalsePositive: r.silentAmdFalsePositive,
        amdTooSlow: r.silentAmdTooSlow,
      },
      maxSilentHoldSeconds: r.maxSilentHoldSeconds,
      locksApplied: r.locksApplied,
      recontactsRefused: r.recontactsRefused,
      gateRefusals: gateRefusalCounts(r.gateRefusals),
      silentPer100Connected: per100(r.silent, r.connected),
      cumulativeSilentPer100Connected: per100(r.cumulativeSilent, r.cumulativeConnected),
      agentsStaffed: r.staffedSeconds / seconds,
      agentsTalking: r.talkSeconds / seconds,
      agentsWrapUp: r.wrapUpSeconds / seconds,
      agentsIdle: (r.staffedSeconds - busy) / seconds,
      callsInFlight: r.callsInFlightSeconds / seconds,
      agentOccupancy: r.staffedSeconds > 0 ? busy / r.staffedSeconds : 0,
      talkOccupancy: r.staffedSeconds > 0 ? r.talkSeconds / r.staffedSeconds : 0,
    };
    if (others.length === 0) return row;
    const matches = [r, ...byStart.map((m) => m.get(r.start)).filter((x) => x !== undefined)];
    return {
      ...row,
      acrossReplications: {
        silentPer100Connected: summarize(matches.map((m) => per100(m.silent, m.connected))),
        cumulativeSilentPer100Connected: summarize(
          matches.map((m) => per100(m.cumulativeSilent, m.cumulativeConnected)),
        ),
      },
    };
  });
}
