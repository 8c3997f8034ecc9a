import type { LiveCampaign } from "./live-campaign.js";

/** Why a live run stopped. */
export type StopReason = "calendar" | "leads" | "duration" | "max-attempts" | "interrupted";

/**
 * Why the campaign's own state stops the run at scenario second `now`, or null: every lead
 * finished, the calendar over, or the attempt limit reached with nothing left in progress.
 */
export function campaignStopReason(campaign: LiveCampaign, now: number): StopReason | null {
  if (campaign.completed) return "leads";
  if (now >= campaign.end) return "calendar";
  if (campaign.attemptsExhausted && campaign.inProgress === 0) return "max-attempts";
  return null;
}

/** Stops from outside the campaign: a wall-clock duration, and an abort (Ctrl-C). */
export interface ExternalStops {
  /** Stop after this many wall-clock seconds. */
  readonly durationSeconds?: number;
  readonly signal?: AbortSignal;
}

/**
 * Calls `stop` when the run's duration is over or the signal aborts (at once if it already
 * has); returns what removes the watch.
 */
export function watchExternalStops(
  stops: ExternalStops,
  stop: (why: StopReason) => void,
): () => void {
  const onAbort = (): void => stop("interrupted");
  stops.signal?.addEventListener("abort", onAbort, { once: true });
  if (stops.signal?.aborted) onAbort();
  const durationTimer =
    stops.durationSeconds === undefined
      ? null
      : setTimeout(() => stop("duration"), stops.durationSeconds * 1000);
  return () => {
    if (durationTimer !== null) clearTimeout(durationTimer);
    stops.signal?.removeEventListener("abort", onAbort);
  };
}
