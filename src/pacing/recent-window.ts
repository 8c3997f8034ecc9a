import type { RecentOutcomes } from "./forecaster.js";
import type { DialerCounters, DialerView } from "./view.js";

/** The counters a window differences, in one order. */
const COUNTER_KEYS = [
  "placed",
  "ended",
  "live",
  "connected",
  "machinesAtAgent",
  "dropped",
  "machines",
  "ringSecondsAnswered",
  "answered",
  "talkSeconds",
  "talks",
] as const satisfies readonly (keyof DialerCounters)[];

type Counters = { -readonly [K in keyof DialerCounters]: number };

/** The view's counts at one forecast. */
interface Snapshot {
  readonly at: number;
  readonly counters: Counters;
  readonly ringing: number;
  readonly wrapUp: number;
  /** Agent-seconds in wrap-up from the window's first snapshot to this one (left sums). */
  readonly wrapUpSeconds: number;
}

function countersOf(view: DialerView): Counters {
  const totals = view.totals;
  const counters = {} as Counters;
  for (const key of COUNTER_KEYS) counters[key] = totals[key];
  return counters;
}

/**
 * The campaign's outcomes over a sliding window of recent minutes, from the view's cumulative
 * counters snapshotted at each forecast: what a dialer keeps to estimate the near future.
 */
export class RecentWindow {
  private snapshots: Snapshot[] = [];

  constructor(private readonly windowSeconds: number) {}

  /** An independent window with the same snapshots. */
  copy(): RecentWindow {
    const copy = new RecentWindow(this.windowSeconds);
    copy.snapshots = this.snapshots.slice();
    return copy;
  }

  /** Records the view now and returns the outcomes since the oldest snapshot kept. */
  record(view: DialerView): RecentOutcomes {
    const last = this.snapshots.at(-1);
    const now = view.now;
    const wrapUpSeconds =
      last === undefined ? 0 : last.wrapUpSeconds + last.wrapUp * (now - last.at);
    const snapshot: Snapshot = {
      at: now,
      counters: countersOf(view),
      ringing: view.calls.ringing,
      wrapUp: view.agents.wrapUp,
      wrapUpSeconds,
    };
    this.snapshots.push(snapshot);
    // Keep the newest snapshot at or before the window's start, so the window spans it fully.
    while (this.snapshots.length > 2 && this.snapshots[1].at <= now - this.windowSeconds) {
      this.snapshots.shift();
    }
    return difference(this.snapshots[0], snapshot);
  }
}

function difference(from: Snapshot, to: Snapshot): RecentOutcomes {
  const counters = {} as Counters;
  for (const key of COUNTER_KEYS) counters[key] = to.counters[key] - from.counters[key];
  return {
    seconds: to.at - from.at,
    counters,
    ringsEnded: counters.placed - (to.ringing - from.ringing),
    wrapUpAgentSeconds: to.wrapUpSeconds - from.wrapUpSeconds,
  };
}
