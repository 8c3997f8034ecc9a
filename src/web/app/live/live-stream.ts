import { useEffect, useState } from "preact/hooks";
import type { LiveSnapshot } from "../../../live/live-snapshot.js";
import type { ResultDocument } from "../../../result/result-document.js";
import type { LiveEvent, LiveRunState } from "../../../serve/live-events.js";

/** What the Live page knows of the run: the server's state and the run's events so far. */
export interface LiveView {
  /** Null until the server has answered. */
  readonly state: LiveRunState | null;
  /** Every counts event of the run, oldest first. */
  readonly counts: readonly LiveSnapshot[];
  readonly result: ResultDocument | null;
  readonly failed: string | null;
  /** The stream broke off (the server went away). */
  readonly lost: boolean;
}

const EMPTY: LiveView = { state: null, counts: [], result: null, failed: null, lost: false };

/** Points kept for the chart and the page: an hour at one a second. */
const KEPT = 3600;

/** The view after one event: a run that starts clears the last one's counts and result. */
function applyEvent(view: LiveView, event: LiveEvent): LiveView {
  switch (event.type) {
    case "run": {
      const starts =
        event.data.running !== null &&
        event.data.running.startedAt !== view.state?.running?.startedAt;
      return starts ? { ...EMPTY, state: event.data } : { ...view, state: event.data, lost: false };
    }
    case "counts":
      return { ...view, counts: [...view.counts.slice(-(KEPT - 1)), event.data] };
    case "result":
      return { ...view, result: event.data };
    case "failed":
      return { ...view, failed: event.data.message };
  }
}

const EVENT_TYPES: readonly LiveEvent["type"][] = ["run", "counts", "result", "failed"];

/**
 * Listens to the server's live events (`/api/live/events`) while the page shows. Under
 * `pacelab live --monitor` the server ends the stream after the result and stops: the page
 * then stops listening instead of trying to reconnect to it.
 */
export function useLiveStream(): LiveView {
  const [view, setView] = useState<LiveView>(EMPTY);
  useEffect(() => {
    const source = new EventSource("api/live/events");
    let endsWithRun = false;
    let over = false;
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message: MessageEvent<string>) => {
        const event = { type, data: JSON.parse(message.data) } as LiveEvent;
        if (event.type === "run") endsWithRun = event.data.endsWithRun;
        over = endsWithRun && (event.type === "result" || event.type === "failed");
        setView((v) => applyEvent(v, event));
      });
    }
    source.onerror = () => {
      if (over) source.close();
      else if (source.readyState === EventSource.CLOSED) setView((v) => ({ ...v, lost: true }));
    };
    return () => source.close();
  }, []);
  return view;
}
