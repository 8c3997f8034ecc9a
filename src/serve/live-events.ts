import type { LiveSnapshot } from "../live/live-snapshot.js";
import type { ResultDocument } from "../result/result-document.js";

/** What a live run is, as the page names it. */
export interface LiveRunLabel {
  readonly scenario: string;
  readonly target: string;
  readonly timeScale: number;
  readonly startedAt: string;
}

/** Whether a run is going, and what the page may do about it. */
export interface LiveRunState {
  /** The run in progress, or null. */
  readonly running: LiveRunLabel | null;
  /** The page may start a run (`pacelab serve`) or only watch one (`pacelab live --monitor`). */
  readonly canStart: boolean;
  /** The server stops once the run has ended (`--monitor`): the page stops listening. */
  readonly endsWithRun: boolean;
}

/**
 * The events of `GET /api/live/events` (server-sent events: `event: <type>`, `data: <JSON>`):
 * `run` on connecting and whenever a run starts or ends; `counts` every second of a run and once
 * more after its last call ended; `result` with the run's result document (the one
 * `pacelab live --json` prints) when it has ended; `failed` when a run from the page could not
 * go on. A page that connects mid-run gets the run's `counts` so far (the last hour) first.
 */
export type LiveEvent =
  | { readonly type: "run"; readonly data: LiveRunState }
  | { readonly type: "counts"; readonly data: LiveSnapshot }
  | { readonly type: "result"; readonly data: ResultDocument }
  | { readonly type: "failed"; readonly data: { readonly message: string } };

/** The event's lines on the wire, as `text/event-stream` frames them. */
export function eventFrame(event: LiveEvent): { event: string; data: string } {
  return { event: event.type, data: JSON.stringify(event.data) };
}
