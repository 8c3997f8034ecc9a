import type { ResultDocument } from "../result/result-document.js";

/** How a live run's stop reads, by `live.stoppedBy`. */
const LIVE_ENDINGS: Readonly<Record<string, string>> = {
  leads: "every lead finished",
  calendar: "the calendar ran out with leads left",
  duration: "stopped when --duration ran out, with leads left",
  "max-attempts": "stopped after --max-attempts attempts, with leads left",
  interrupted: "interrupted (Ctrl-C or SIGTERM) with leads left: a partial result",
};

/**
 * Why a campaign ended, in words: a simulation ends when every lead is finished or the
 * calendar runs out; a live run may also be stopped by --duration, --max-attempts or a signal.
 */
export function campaignEnding(doc: Pick<ResultDocument, "campaign" | "live">): string {
  if (doc.live !== undefined) {
    return LIVE_ENDINGS[doc.live.stoppedBy] ?? `stopped by ${doc.live.stoppedBy}`;
  }
  return doc.campaign.completed ? "every lead finished" : "the calendar ran out with leads left";
}
