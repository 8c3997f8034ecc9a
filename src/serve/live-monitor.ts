import type { LiveSnapshot } from "../live/live-snapshot.js";
import type { ResultDocument } from "../result/result-document.js";
import type { LiveEvent, LiveRunLabel } from "./live-events.js";

/** One page listening: told of each event, and told when the monitor closes. */
export interface LiveListener {
  event(event: LiveEvent): void;
  /** The monitor is closing: resolves once the page has been sent everything and let go. */
  closed(): Promise<void>;
}

/** How a monitor behaves: see {@link LiveRunState}; `intervalMs` between counts (1 s). */
export interface LiveMonitorOptions {
  readonly canStart: boolean;
  readonly endsWithRun: boolean;
  readonly intervalMs?: number;
}

/** How long closing waits for the pages' streams to drain. */
const CLOSE_WAIT_MS = 2000;

/** Counts kept for a page that connects mid-run: an hour of them at one a second. */
const HISTORY = 3600;

/**
 * Broadcasts a live run's counts to the pages listening: every `intervalMs` it calls the
 * run's reader (what `runLive` hands to `onStarted`: a read of the campaign's own counters,
 * nothing kept twice) and sends the snapshot; at the end, the final counts and the result.
 */
export class LiveMonitor {
  private readonly listeners = new Set<LiveListener>();
  private running: LiveRunLabel | null = null;
  private read: (() => LiveSnapshot) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private history: LiveEvent[] = [];
  private last: LiveEvent | null = null;
  private closing = false;

  constructor(private readonly options: LiveMonitorOptions) {}

  /** Whether a run is being watched. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** A run started: its counts go out now and every interval until {@link finish}. */
  begin(label: LiveRunLabel, read: () => LiveSnapshot): void {
    this.running = label;
    this.read = read;
    this.history = [];
    this.last = null;
    this.send(this.stateEvent());
    this.sendCounts();
    this.timer = setInterval(() => this.sendCounts(), this.options.intervalMs ?? 1000);
  }

  /** The run ended: its final counts, the new state and its result document. */
  finish(result: ResultDocument): void {
    this.end({ type: "result", data: result });
  }

  /** The run could not go on: says why. */
  fail(message: string): void {
    this.end({ type: "failed", data: { message } });
  }

  /**
   * Adds a listener; it gets the state, the run's counts so far and the last result or
   * failure at once. Returns what removes it.
   */
  subscribe(listener: LiveListener): () => void {
    listener.event(this.stateEvent());
    for (const event of this.history) listener.event(event);
    if (this.last !== null) listener.event(this.last);
    if (this.closing) void listener.closed();
    else this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stops the timer and lets every listener go, now and from now on; resolves once each has
   * been sent all it was due, or after {@link CLOSE_WAIT_MS} for a page that stopped reading.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.stopTimer();
    const closing = [...this.listeners].map((listener) => listener.closed());
    this.listeners.clear();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    await Promise.race([Promise.all(closing), waited]);
    clearTimeout(timer);
  }

  private end(last: LiveEvent): void {
    this.stopTimer();
    if (this.read !== null) this.sendCounts();
    this.running = null;
    this.read = null;
    this.last = last;
    this.send(this.stateEvent());
    this.send(last);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private sendCounts(): void {
    if (this.read === null) return;
    const event: LiveEvent = { type: "counts", data: this.read() };
    this.history.push(event);
    if (this.history.length > HISTORY) this.history.shift();
    this.send(event);
  }

  private stateEvent(): LiveEvent {
    const { canStart, endsWithRun } = this.options;
    return { type: "run", data: { running: this.running, canStart, endsWithRun } };
  }

  private send(event: LiveEvent): void {
    for (const listener of this.listeners) listener.event(event);
  }
}
