import type { GuardedConfig } from "./config.js";
import { copyOfPacer, type Pacer } from "./pacer.js";
import { type CallCounts, callsInFlight, type DialerView } from "./view.js";

/** Slack for floors of products such as 0.03 x 100, which floating point may put at 2.9999. */
const FLOOR_EPSILON = 1e-9;

/**
 * How many calls in flight may be at risk of going silent after a placement, at most, so that
 * the worst case still keeps the campaign under the ceiling. Negative when the record so far
 * leaves no room at all.
 *
 * - `connected`: an at-risk call that goes silent adds 1 to S and nothing to D (connected), so
 *   the room is S + a <= c x D, i.e. a <= floor(c x D) - S.
 * - `answered` (D = live answers): a silent call is itself a live answer, so it adds 1 to S and,
 *   unless it was already counted live, 1 to D. Calls waiting are already in D; the others (ringing
 *   or under detection) are not. The worst case for a at-risk calls counts the waiting calls w
 *   among them first (they add nothing to D), so the room is
 *   S + a <= c x (D + max(0, a - w)).
 *   The left side minus c x max(0, a - w) grows with a (slope 1, then 1 - c > 0), so the largest a
 *   is floor(c x D - S) while that is below w, else w + floor((c x D - S - w) / (1 - c)). With
 *   c >= 1 the ceiling cannot be broken (silent calls are a subset of live answers): no limit.
 */
export function atRiskAllowance(
  denominator: GuardedConfig["denominator"],
  ceiling: number,
  view: DialerView,
): number {
  const totals = view.totals;
  const silent = totals.dropped;
  if (denominator === "connected") {
    return Math.floor(ceiling * totals.connected + FLOOR_EPSILON) - silent;
  }
  if (ceiling >= 1) return Number.POSITIVE_INFINITY;
  // Machines an agent found are not live answers; one found after waiting leaves `waiting` too.
  const room = ceiling * (totals.live - totals.machinesAtAgent) - silent;
  const waiting = view.calls.waiting;
  if (room < waiting) return Math.floor(room + FLOOR_EPSILON);
  return waiting + Math.floor((room - waiting) / (1 - ceiling) + FLOOR_EPSILON);
}

/**
 * How many calls may still go silent: in flight beyond the ready agents, plus, in a live run,
 * every call being cancelled (its answer may cross the CANCEL after an unknown wait, and may
 * take a ready agent that the others were counted on) and every call just put through whose
 * callee may not have heard the agent yet. Both live counts are 0 in the simulator, where
 * this is max(0, inFlight - ready).
 */
export function callsAtRisk(calls: CallCounts, inFlight: number, ready: number): number {
  const { cancelling, unconfirmed } = calls;
  const covered = Math.max(ready - cancelling, 0);
  return cancelling + unconfirmed + Math.max(inFlight - cancelling - covered, 0);
}

/**
 * Wraps any pacer so that the campaign can never end above the ceiling c = ceilingPer100 / 100.
 *
 * Observable silent calls S = totals.dropped (machines dropped included: the dialer cannot tell
 * them apart, so it counts them, which only overstates S); D = totals.connected ("connected") or
 * totals.live - totals.machinesAtAgent ("answered"): persons only, as agents report machines.
 * A call in flight can go silent only if no agent is ready for it, and at most
 * atRisk = max(0, callsInFlight - ready) of them can (more in a live run: {@link callsAtRisk}).
 * Each decision places max(progressive, min(inner proposal, progressive + max(0, budget))),
 * budget = allowance - atRisk, which keeps, after every placement, the invariant
 *
 *   connected:  S + atRisk <= c x D
 *   answered:   S + atRisk <= c x (D + max(0, atRisk - waiting))
 *
 * (see {@link atRiskAllowance}). Progressive calls add no risk (they keep callsInFlight <= ready),
 * so falling back to them is always allowed.
 *
 * Why the invariant holds between decisions and implies the ceiling at the end, provided agents
 * leave the ready pool only by taking calls (or while the remaining ready agents still cover
 * every call in flight, as the campaign model ensures):
 * - a call connected to a ready agent lowers callsInFlight and ready together (atRisk unchanged)
 *   and raises D (or leaves it, if the agent finds a machine); a call answered live that starts
 *   waiting raises D by 1 and `waiting` by 1, which keeps the answered right side unchanged or
 *   higher;
 * - a call ending without a live answer, or an agent becoming ready, can only lower atRisk;
 * - a call going silent had no ready agent, so it was at risk: S rises by 1 as atRisk falls by 1
 *   (and, answered, `waiting` falls by 1 too if it was waiting, leaving the right side unchanged);
 * - a waiting call served by a freed agent lowers atRisk and `waiting` by 1 each (the left side
 *   falls by 1); if the agent finds a machine, D falls by 1 too, so the right side falls by c < 1.
 * - in a live run, a call whose no-answer timer has sent CANCEL stays ringing in the view until
 *   its 487 or 200 comes back, and counts as at risk whatever the ready agents (its callee, if
 *   the 200 crossed the CANCEL, has waited unheard), until its final response, or, put through,
 *   until the agent's audio has had time to reach the callee (`calls.unconfirmed`, see
 *   {@link callsAtRisk}); an answer that crosses the CANCEL is put through if an agent is ready,
 *   else silent while at risk. Two live moments raise atRisk outside a decision, which no
 *   dialer can foresee: a CANCEL going out, and a call being put through (at risk for a round
 *   trip); the guard then places nothing beyond progressive calls until the room is back, so
 *   the ceiling holds unless such calls go silent in numbers the room did not have.
 * With machines dropped counted in S and in D alike, S <= c x D also bounds the persons' ratio:
 * (S - m) / (D - m) <= S / D whenever S <= D.
 * So S + atRisk never outgrows its bound; when the campaign ends nothing is in flight, atRisk = 0
 * and S <= c x D. AMD false positives are not observable (they look like machines), so they are
 * outside this guarantee.
 *
 * The inner pacer is asked at every decision, whatever the outcome, so that its own state (e.g.
 * VICIdial's samples) keeps up. Decisions also happen when an agent becomes ready, so that
 * progressive calls go out at once; inner pacers with their own cadence (RATIO, adaptive) keep it
 * by returning 0 between their due times.
 */
export class GuardedPacer implements Pacer {
  readonly name = "guarded";
  readonly cadenceSeconds: number;
  readonly decidesOnAgentReady = true;
  readonly inner: Pacer;
  private readonly ceiling: number;
  private readonly denominator: GuardedConfig["denominator"];

  constructor(inner: Pacer, ceilingPer100: number, denominator: GuardedConfig["denominator"]) {
    this.inner = inner;
    this.cadenceSeconds = inner.cadenceSeconds;
    this.ceiling = ceilingPer100 / 100;
    this.denominator = denominator;
  }

  /** The guard itself reads only counts. */
  get readsCountsOnly(): boolean {
    return this.inner.readsCountsOnly === true;
  }

  /** The guard observes what its inner pacer does. */
  get observesCalls(): boolean {
    return this.inner.observesCalls === true;
  }

  copy(): Pacer {
    return Object.assign(copyOfPacer(this), { inner: this.inner.copy() });
  }

  decide(view: DialerView): number {
    const proposed = this.inner.decide(view);
    const inFlight = callsInFlight(view);
    const ready = view.agents.ready;
    const progressive = Math.max(ready - inFlight, 0); // progressiveCalls(view), counts read once
    const atRisk = callsAtRisk(view.calls, inFlight, ready);
    const budget = atRiskAllowance(this.denominator, this.ceiling, view) - atRisk;
    const limit = budget > 0 ? progressive + budget : progressive;
    const n = Math.min(proposed, limit);
    return Math.max(n, progressive);
  }
}
