import type { DialerCounters } from "../pacing/view.js";

/** The dialer's own counters, mutable by the model, read by pacers through `DialerView`. */
export class MutableDialerCounters implements DialerCounters {
  placed = 0;
  ended = 0;
  live = 0;
  connected = 0;
  machinesAtAgent = 0;
  dropped = 0;
  machines = 0;
  ringSecondsAnswered = 0;
  answered = 0;
  talkSeconds = 0;
  talks = 0;

  reset(): void {
    this.placed = 0;
    this.ended = 0;
    this.live = 0;
    this.connected = 0;
    this.machinesAtAgent = 0;
    this.dropped = 0;
    this.machines = 0;
    this.ringSecondsAnswered = 0;
    this.answered = 0;
    this.talkSeconds = 0;
    this.talks = 0;
  }
}
