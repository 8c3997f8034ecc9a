import type { RatioConfig } from "./config.js";
import { copyOfPacer, type Pacer } from "./pacer.js";
import { callsInFlight, type DialerView } from "./view.js";

/**
 * Slack for comparing `view.now` with a due time: cadences are added up in floating point, so a
 * tick may land a hair before the time it was scheduled for.
 */
export const DUE_EPSILON = 1e-6;

/**
 * Agents VICIdial counts when it multiplies by the level: logged in and not paused. Agents in
 * wrap-up are paused in VICIdial's sense and reserved agents are held for a recontact, so
 * neither is counted.
 */
export function activeAgents(view: DialerView): number {
  return view.agents.ready + view.agents.talking;
}

/**
 * VICIdial's placement rule for a dial level `level` (total lines per active agent):
 * goal = round(level x active agents); place goal - (calls in flight + talking), at least 0.
 * Shared by RATIO and the adaptive modes.
 */
export function callsForLevel(view: DialerView, level: number): number {
  const goal = Math.round(level * activeAgents(view));
  const n = goal - (callsInFlight(view) + view.agents.talking);
  return Math.max(n, 0);
}

/**
 * VICIdial RATIO: a fixed level, placed every `config.cadenceSeconds` (VICIdial: 2.5 s).
 *
 * The pacer keeps its own placement clock on `view.now`: a decision asked for before the next
 * due time returns 0, so extra decisions (e.g. from a wrapper that also decides when an agent
 * becomes ready) do not make it place more often than its cadence.
 */
export class VicidialRatioPacer implements Pacer {
  readonly name = "vicidial-ratio";
  readonly cadenceSeconds: number;
  readonly decidesOnAgentReady = false;
  /** Asked only at its ticks, its due clock always passes: its answer follows the counts. */
  readonly ticksFollowCounts = true;
  readonly level: number;
  private nextPlacementAt = Number.NEGATIVE_INFINITY;

  constructor(config: RatioConfig) {
    this.level = config.level;
    this.cadenceSeconds = config.cadenceSeconds;
  }

  copy(): Pacer {
    return copyOfPacer(this);
  }

  decide(view: DialerView): number {
    const now = view.now;
    if (now + DUE_EPSILON < this.nextPlacementAt) return 0;
    this.nextPlacementAt = nextDue(this.nextPlacementAt, this.cadenceSeconds, now);
    return callsForLevel(view, this.level);
  }
}

/**
 * The due time after `due` for a task run every `period` seconds and just run at `now`: one
 * period later, or one period after `now` if that is not in the future (first run, or a gap such
 * as the night between two dialing windows).
 */
export function nextDue(due: number, period: number, now: number): number {
  const next = due + period;
  return next > now + DUE_EPSILON ? next : now + period;
}
