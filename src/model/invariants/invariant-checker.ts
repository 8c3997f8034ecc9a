import { type CampaignDay, formatCampaignTime } from "../../calendar/calendar.js";
import type { Pacer } from "../../pacing/pacer.js";
import type { DialerView } from "../../pacing/view.js";
import type { Scenario } from "../../scenario/scenario.js";
import { type AgentPool, AgentState, isLoggedIn } from "../agent-pool.js";
import { departureGraceSeconds } from "../agent-roster.js";
import { type Call, CallState } from "../call.js";
import { AgentLedger, type Breach } from "./agent-ledger.js";
import { checkCalls, checkLeads, type RunBooks } from "./call-laws.js";
import { dutyPlans } from "./duty-plan.js";
import { InvariantBreach } from "./invariant-breach.js";
import { observationDifferences } from "./observation-laws.js";
import { checkRules, type HoursClock } from "./rule-laws.js";

/**
 * Checks a campaign's laws while it runs and when it ends (docs/invariants.md), and throws an
 * {@link InvariantBreach} on the first one broken. The model creates one only when asked, so a
 * run without it pays nothing: it watches the agent pool's moves, wraps the pacer to compare
 * each view with counts of its own, and reads the books at the end.
 */
export class InvariantChecker {
  /** Watches every agent move; give it to the agent pool. */
  readonly ledger: AgentLedger;
  private readonly breach: Breach;
  /** Calls placed and not seen ended, for counting calls by state at each decision. */
  private readonly open: Call[] = [];
  private seen = 0;

  constructor(
    private readonly scenario: Scenario,
    days: readonly CampaignDay[],
  ) {
    this.breach = (law, at, subject, detail) => {
      throw new InvariantBreach(
        law,
        at,
        formatCampaignTime(scenario.calendar.start, at),
        subject,
        detail,
      );
    };
    this.ledger = new AgentLedger(
      dutyPlans(scenario, days),
      departureGraceSeconds(scenario.dialer),
      this.breach,
    );
  }

  /**
   * The pacer, asked as before, but each view it is shown is first compared with the counts
   * derived from the agents' states and the calls placed so far (`calls`, in the order placed).
   */
  watchPacer(pacer: Pacer, pool: AgentPool, calls: readonly Call[]): Pacer {
    return {
      name: pacer.name,
      cadenceSeconds: pacer.cadenceSeconds,
      decidesOnAgentReady: pacer.decidesOnAgentReady,
      readsCountsOnly: pacer.readsCountsOnly,
      ticksFollowCounts: pacer.ticksFollowCounts,
      // A copy of the campaign runs without the checker.
      copy: () => pacer.copy(),
      decide: (view) => {
        this.checkView(view, pool, calls);
        const n = pacer.decide(view);
        if (!(Number.isInteger(n) && n >= 0)) {
          this.breach(
            "pacer-view",
            view.now,
            `pacer ${pacer.name}`,
            `decided ${n} calls, not a whole number >= 0`,
          );
        }
        return n;
      },
    };
  }

  private checkView(view: DialerView, pool: AgentPool, calls: readonly Call[]): void {
    const agents = { loggedIn: 0, ready: 0, talking: 0, wrapUp: 0, reserved: 0 };
    for (let a = 0; a < pool.size; a++) {
      const state = pool.state[a] as AgentState;
      if (!isLoggedIn(state) || pool.isDeparting(a)) continue;
      agents.loggedIn++;
      if (state === AgentState.ready) agents.ready++;
      else if (state === AgentState.talking) agents.talking++;
      else if (state === AgentState.wrapUp) agents.wrapUp++;
      else if (state === AgentState.reserved) agents.reserved++;
    }
    while (this.seen < calls.length) this.open.push(calls[this.seen++]);
    const counted = { ringing: 0, detecting: 0, waiting: 0, cancelling: 0, unconfirmed: 0 };
    let kept = 0;
    for (const call of this.open) {
      if (call.state === CallState.ended) continue;
      this.open[kept++] = call;
      // Any call put through and not yet heard can still go silent, a recontact's too.
      if (call.heardTimer >= 0) counted.unconfirmed++;
      if (call.reservedAgent >= 0) continue; // held for an agent: not the pacer's
      if (call.state === CallState.ringing) {
        counted.ringing++;
        if (call.cancelSent) counted.cancelling++;
      } else if (call.state === CallState.detecting) counted.detecting++;
      else if (call.state === CallState.waiting) counted.waiting++;
    }
    this.open.length = kept;
    const differences = [
      ...compare("agents", view.agents, agents),
      ...compare("calls", view.calls, counted),
    ];
    if (view.talkElapsed.length !== agents.talking) {
      differences.push(
        `talkElapsed has ${view.talkElapsed.length} entries for ${agents.talking} talking`,
      );
    }
    if (view.totals.placed !== calls.length) {
      differences.push(`totals.placed ${view.totals.placed}, ${calls.length} placed`);
    }
    differences.push(...observationDifferences(view, this.open, pool, this.ledger));
    if (differences.length > 0) {
      this.breach("pacer-view", view.now, "the pacer's view", differences.join("; "));
    }
  }

  /** The laws of the finished run (`books.calls` must hold every attempt). */
  finish(books: RunBooks, pool: AgentPool, clock: HoursClock): void {
    this.ledger.finish(books.stopAt, pool);
    checkCalls(books, this.breach);
    checkLeads(books, this.breach);
    checkRules(this.scenario, clock, books.calls, this.breach);
  }
}

function compare<T extends object>(what: string, seen: T, derived: T): string[] {
  const out: string[] = [];
  for (const key of Object.keys(derived) as (keyof T)[]) {
    if (seen[key] !== derived[key]) {
      out.push(`${what}.${String(key)} ${seen[key]}, derived ${derived[key]}`);
    }
  }
  return out;
}
