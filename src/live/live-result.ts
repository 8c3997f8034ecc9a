import { type CampaignSummary, summarizeCampaign } from "../model/campaign-summary.js";
import type { IntervalRow } from "../model/interval-recorder.js";
import { type ResultDocument, resultDocument } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";
import { nearestRankQuantile } from "../stats/quantile.js";
import type { TimeScale } from "../time/time-scale.js";
import type { LiveRunOutcome } from "./run-live.js";

/** What the result names besides the run itself. */
export interface LiveResultContext {
  readonly scenario: Scenario;
  readonly file: string;
  readonly seed: number;
  readonly target: { readonly host: string; readonly port: number };
  readonly timeScale: TimeScale;
  readonly lockoutStore: string;
}

/**
 * A live run's summary: hold times (answer to agent or hang-up) in wall-clock seconds, and the
 * silent calls of answers that crossed the dialer's CANCEL, a cause only a live run has.
 */
function liveSummary(
  summary: CampaignSummary,
  answerAfterCancel: number,
  timeScale: TimeScale,
): CampaignSummary {
  return {
    ...summary,
    silentByCause: { ...summary.silentByCause, answerAfterCancel },
    maxSilentHoldSeconds: timeScale.toWallSeconds(summary.maxSilentHoldSeconds),
    silentHoldHistogram: {
      binSeconds: timeScale.toWallSeconds(summary.silentHoldHistogram.binSeconds),
      counts: summary.silentHoldHistogram.counts,
    },
    meanConnectWaitSeconds: timeScale.toWallSeconds(summary.meanConnectWaitSeconds),
  };
}

/**
 * The same document as `simulate` writes (one replication: the live run), marked
 * `mode: "live"` with a `live` block saying how the run went on the wire.
 *
 * Hold times (the summary's, the histogram's and each window's longest silent hold) are
 * wall-clock seconds, what the callee lived through, so that they are judged against the rule's
 * cut-off limit, which is never scaled; every other duration is scenario time.
 */
export function liveResultDocument(
  outcome: LiveRunOutcome,
  context: LiveResultContext,
): ResultDocument {
  const { scenario, timeScale } = context;
  const run = outcome.run;
  const doc = resultDocument(scenario, context.file, {
    seed: context.seed,
    summaries: [
      liveSummary(
        summarizeCampaign(run, scenario.rules),
        run.counters.silentAnswerAfterCancel,
        timeScale,
      ),
    ],
    intervals: [
      run.intervals.rows.map(
        (row): IntervalRow => ({
          ...row,
          maxSilentHoldSeconds: timeScale.toWallSeconds(row.maxSilentHoldSeconds),
        }),
      ),
    ],
  });
  const counts = outcome.counts;
  const holds = outcome.cutoffHoldSeconds;
  const { timeseries, ...head } = doc;
  // One row per interval row, in order (a single replication).
  const rows = timeseries.rows.map((row, i) => ({
    ...row,
    silentByCause: {
      ...row.silentByCause,
      answerAfterCancel: run.intervals.rows[i].silentAnswerAfterCancel,
    },
  }));
  return {
    ...head,
    mode: "live",
    live: {
      target: `${context.target.host}:${context.target.port}`,
      timeScale: timeScale.factor,
      complianceRun: timeScale.isRealTime,
      equivalentSimulatedCutoffSeconds: timeScale.toScenarioSeconds(scenario.dialer.cutoffSeconds),
      startedAt: outcome.startedAt.toISOString(),
      endedAt: outcome.endedAt.toISOString(),
      stoppedBy: outcome.stoppedBy,
      interrupted: outcome.stoppedBy === "interrupted",
      attemptsPlaced: outcome.attemptsPlaced,
      attemptsEnded: outcome.attemptsEnded,
      sipFailures: {
        rejected: counts.failures.rejected,
        noAnswerTimeout: counts.failures["no-answer-timeout"],
        cancelled: counts.failures.cancelled,
        lost: counts.failures.lost,
        rejectedByStatus: { ...counts.rejectedByStatus },
      },
      endedByCallee: counts.endedByCallee,
      endedLost: counts.endedLost,
      endedAtStop: counts.endedAtStop,
      refusedLocked: counts.refusedLocked,
      guaranteedFromStore: counts.guaranteedFromStore,
      calleeTruthMissing: counts.calleeTruthMissing,
      answeredAfterGiveUp: counts.answeredAfterGiveUp,
      hungUpUnheard: counts.hungUpUnheard,
      cutoffHold: {
        count: holds.length,
        p99Seconds: nearestRankQuantile(holds, 0.99),
        maxSeconds: holds.length > 0 ? holds.reduce((m, h) => Math.max(m, h), 0) : null,
      },
      lockoutStore: context.lockoutStore,
      clocks: { holdTimes: "wall-clock seconds", otherDurations: "scenario seconds" },
    },
    timeseries: { ...timeseries, rows },
  };
}
