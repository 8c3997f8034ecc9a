import type { LiveCampaign } from "./live-campaign.js";
import type { ScenarioClock } from "./scenario-clock.js";
import { campaignStopReason, type StopReason } from "./stop-policy.js";

/**
 * Runs the campaign on the wall clock: before each network event it advances the campaign to
 * the clock's scenario time, hands events over one at a time (an event that arrives while the
 * campaign is busy waits its turn), and sleeps until the campaign's next timer, until the
 * campaign's state or a call to `stop` ends the run.
 */
export class LiveDriver {
  /** Resolves once the run is stopped. */
  readonly stopped: Promise<void>;
  private stoppedBy: StopReason | null = null;
  private busy = false;
  private readonly pending: ((campaign: LiveCampaign) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private wake: () => void = () => {};

  constructor(
    private readonly campaign: LiveCampaign,
    private readonly clock: ScenarioClock,
  ) {
    this.stopped = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Why the run stopped, or null while it runs. */
  get stopReason(): StopReason | null {
    return this.stoppedBy;
  }

  /** Starts the clock at the campaign's first calling window and runs what is due. */
  start(): void {
    this.clock.start(this.campaign.start());
    this.deliver(() => {});
  }

  /** Hands `event` to the campaign once the campaign has caught up with the clock. */
  readonly deliver = (event: (campaign: LiveCampaign) => void): void => {
    this.pending.push(event);
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending.length > 0) {
        this.campaign.advanceTo(this.clock.now());
        (this.pending.shift() as (campaign: LiveCampaign) => void)(this.campaign);
      }
    } finally {
      this.busy = false;
    }
    this.arm();
  };

  /** Stops placing calls (the first reason given is kept); what is in progress still ends. */
  readonly stop = (why: StopReason): void => {
    if (this.stoppedBy !== null) return;
    this.stoppedBy = why;
    this.campaign.stopDialing();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.wake();
  };

  /** Catches the campaign up with the clock one last time (after the drain). */
  catchUp(): void {
    this.campaign.advanceTo(this.clock.now());
  }

  /** Checks the stop conditions, then sleeps until the campaign's next timer. */
  private arm(): void {
    if (this.stoppedBy !== null) return;
    const why = campaignStopReason(this.campaign, this.clock.now());
    if (why !== null) {
      this.stop(why);
      return;
    }
    const next = Math.min(this.campaign.nextEventAt, this.campaign.end);
    if (this.timer !== null && next >= this.timerAt) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = setTimeout(this.onTimer, this.clock.msUntil(next));
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.deliver(() => {});
  };
}
