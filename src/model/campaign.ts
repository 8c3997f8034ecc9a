import { ALL_DAY_CALLING_HOURS, type CampaignDay, campaignDays } from "../calendar/calendar.js";
import { ObservedForecaster } from "../lookahead/observed-forecaster.js";
import { createPacer } from "../pacing/create-pacer.js";
import type { Observation } from "../pacing/observation.js";
import type { Pacer } from "../pacing/pacer.js";
import type { Scenario } from "../scenario/scenario.js";
import { createStreams, type RandomStreams } from "../sim/random.js";
import { type PendingEvent, Simulation } from "../sim/simulation.js";
import { AgentPool, AgentState } from "./agent-pool.js";
import { AgentRoster, departureGraceSeconds } from "./agent-roster.js";
import { Call } from "./call.js";
import { CallFlow } from "./call-flow.js";
import type { CallFlowHost } from "./call-flow-parts.js";
import { CampaignCounters } from "./campaign-counters.js";
import type { CampaignOptions, CampaignRun } from "./campaign-run.js";
import { CallCopies, copyPlainFields } from "./copy-state.js";
import { DrawnCallees } from "./drawn-callees.js";
import { IntervalRecorder } from "./interval-recorder.js";
import { InvariantChecker } from "./invariants/invariant-checker.js";
import { LeadBook } from "./lead-book.js";
import { LeadGate } from "./lead-gate.js";
import { type ObservedLine, observedLineFor } from "./observed-calls.js";
import { type PacingHost, PacingLoop } from "./pacing-loop.js";
import { requireMinimumRing } from "./rules.js";

export type { CampaignOptions, CampaignRun };

const DAY = 86_400;

/** Simulates one campaign under its scenario's pacing and rules. */
export function simulateCampaign(scenario: Scenario, options: CampaignOptions): CampaignRun {
  return new CampaignModel(scenario, options).run();
}

/**
 * The campaign: a short coordinator that wires its parts to the kernel's events. The agent
 * roster owns shifts, breaks and departures; the lead book, which lead to call and its retries,
 * lock-outs and consent; the call flow, every attempt from dial to end; the pacing loop, the
 * calling windows and the pacer's ticks. The campaign decides only what joins them: what an
 * agent with nothing to do does next, and when the campaign is over.
 *
 * The same campaign runs live (src/live): the line then places real calls, and the runner
 * steps the kernel on a real clock (`start`, `advanceTo`).
 */
export class CampaignModel implements CallFlowHost, PacingHost {
  readonly agentsPool: AgentPool;
  readonly counters = new CampaignCounters();
  readonly leads: LeadBook;
  readonly flow: CallFlow;
  readonly days: readonly CampaignDay[];
  /** The last day's end, in campaign seconds. */
  readonly horizon: number;
  private readonly sim = new Simulation();
  private readonly streams: RandomStreams;
  /** The simulator's callees, unless the campaign was given a line. */
  private readonly drawn: DrawnCallees | null;
  /** The line with its calls kept observable, when the pacer reads them (lookahead). */
  private readonly observed: ObservedLine | null;
  private readonly gate: LeadGate;
  private readonly roster: AgentRoster;
  private readonly pacing: PacingLoop;
  private readonly intervals: IntervalRecorder;
  /** The laws' checker, when asked for (it then keeps every call). */
  private readonly checker: InvariantChecker | null;
  private readonly callLog: Call[] | null;
  private readonly handsOverCalls: boolean;
  private finishedAt = -1;
  private dialingStopped = false;
  private maxAttempts = Number.POSITIVE_INFINITY;

  /**
   * @param copied for {@link CampaignModel.copy} only: the copied streams and pacer to build on
   */
  constructor(
    private readonly scenario: Scenario,
    private readonly options: CampaignOptions,
    copied?: { readonly streams: RandomStreams; readonly pacer: Pacer },
  ) {
    const dialer = scenario.dialer;
    requireMinimumRing(scenario);
    this.handsOverCalls = options.recordCalls === true;
    this.callLog = options.recordCalls || options.checkInvariants ? [] : null;
    this.gate = new LeadGate(scenario, options.seed);
    this.days = campaignDays(
      scenario.calendar.start,
      scenario.calendar.days,
      scenario.calendar.holidays,
      // Hours on the called party's clock: the centre may dial around the clock (agents'
      // shifts permitting) and the gate keeps each call inside its lead's hours.
      this.gate.hoursZoneOf === null ? scenario.rules.callingHours : ALL_DAY_CALLING_HOURS,
    );
    this.horizon = scenario.calendar.days * DAY;
    this.intervals = new IntervalRecorder(scenario.intervalSeconds);
    this.checker = options.checkInvariants ? new InvariantChecker(scenario, this.days) : null;
    const agentCount = scenario.agents.groups.reduce((n, g) => n + g.count, 0);
    this.agentsPool = new AgentPool(agentCount, this.checker?.ledger);
    const streams = copied?.streams ?? createStreams(options.seed);
    this.streams = streams;
    this.drawn =
      options.line === undefined
        ? new DrawnCallees(scenario, streams, dialer.noAnswerTimeoutSeconds)
        : null;
    const pacer =
      copied?.pacer ??
      createPacer(
        scenario.pacing,
        options.forecaster ?? (() => new ObservedForecaster(scenario, options.seed)),
      );
    const given = options.line ?? (this.drawn as DrawnCallees);
    this.observed = observedLineFor(pacer, given, scenario, this.days);
    const line = this.observed ?? given;
    this.leads = new LeadBook(scenario, this.sim, this.counters, this.gate, options.screen ?? null);
    this.flow = new CallFlow({
      scenario,
      streams,
      sim: this.sim,
      counters: this.counters,
      pool: this.agentsPool,
      leads: this.leads,
      line,
      host: this,
      callLog: this.callLog,
    });
    this.roster = new AgentRoster(
      this.sim,
      this.agentsPool,
      this.flow.tally.paced,
      departureGraceSeconds(dialer),
      this.agentFree,
    );
    const watched = this.checker?.watchPacer(pacer, this.agentsPool, this.callLog as Call[]);
    const observed = this.observed;
    const observe =
      observed === null
        ? undefined
        : (into: Observation) =>
            observed.fill(into, this.agentsPool, this.leads.waiting, this.sim.now);
    this.pacing = new PacingLoop(
      this.sim,
      watched ?? pacer,
      this.agentsPool,
      this.flow.tally,
      this,
      { observe, skipIdleTicks: this.drawn !== null },
    );
  }

  /**
   * An independent campaign in this one's state now: its agents, calls in progress (with their
   * pending events and elapsed times), leads' positions, retries, counters, the pacer's state
   * and the random streams. Run forward, the copy does exactly what this one would, and neither
   * affects the other. Call it between events (not from a handler). The copy keeps no
   * invariant checker; a campaign on a real line (live mode) cannot be copied.
   */
  copy(): CampaignModel {
    if (this.drawn === null || this.observed !== null) {
      const which =
        this.drawn === null ? "on a real line (live mode)" : "whose pacer observes its calls";
      throw new Error(`CampaignModel.copy: a campaign ${which} cannot be copied`);
    }
    const options = { seed: this.options.seed, recordCalls: this.options.recordCalls };
    const parts = { streams: this.streams.copy(), pacer: this.pacing.copyPacer() };
    const copy = new CampaignModel(this.scenario, options, parts);
    copy.copyStateFrom(this);
    return copy;
  }

  /** Runs the campaign to its end or the calendar's and hands the run over. */
  run(): CampaignRun {
    this.scheduleCalendar();
    if (this.leads.total === 0) this.finishedAt = 0;
    else this.sim.run(this.horizon);
    return this.result();
  }

  /**
   * Lays out the calendar for a run stepped from outside (`advanceTo`) and returns the campaign
   * time of the first calling window's opening (nothing happens before it but log-ins); 0, and
   * finished, when there is nothing to call.
   */
  start(): number {
    this.scheduleCalendar();
    const first = this.days.find((day) => day.windows.length > 0)?.windows[0].start;
    if (this.leads.total > 0 && first !== undefined) return first;
    this.finishedAt = 0;
    return 0;
  }

  /** Runs every event due up to `t` (campaign seconds; never back in time). */
  advanceTo(t: number): void {
    this.sim.run(Math.max(t, this.sim.now));
  }

  /** Campaign time now. */
  get now(): number {
    return this.sim.now;
  }

  /** Campaign time of the next event, or Infinity. */
  get nextEventAt(): number {
    return this.sim.peek();
  }

  /** True once every lead is finished. */
  get finished(): boolean {
    return this.finishedAt >= 0;
  }

  /** Places no call beyond `n` attempts in all. */
  limitAttempts(n: number): void {
    this.maxAttempts = n;
  }

  /** True once the attempt limit is reached. */
  get attemptsExhausted(): boolean {
    return this.counters.attempts >= this.maxAttempts;
  }

  /** Places no more calls; what is in progress still ends through the usual events. */
  stopDialing(): void {
    this.dialingStopped = true;
  }

  /** Closes the books at the end (or now, or the horizon) and hands the run over. */
  result(): CampaignRun {
    const stoppedAt = this.finished ? this.finishedAt : Math.min(this.sim.now, this.horizon);
    this.agentsPool.advance(stoppedAt);
    const inFlightSeconds = this.flow.tally.callsInFlightSeconds(stoppedAt);
    this.intervals.close(stoppedAt, this.counters, this.agentsPool, inFlightSeconds);
    this.checker?.finish(
      {
        stopAt: stoppedAt,
        completed: this.finished,
        counters: this.counters,
        totals: this.flow.tally.totals,
        calls: this.callLog as Call[],
        leadsTotal: this.leads.total,
        leadsWaiting: this.leads.waiting,
        leadsSetAside: this.leads.setAside,
      },
      this.agentsPool,
      { epochSeconds: this.gate.epochSeconds, hoursZoneOf: this.gate.hoursZoneOf },
    );
    return {
      counters: this.counters,
      dialer: this.flow.tally.totals,
      agents: this.agentsPool,
      intervals: this.intervals,
      endedAt: this.flow.tally.lastCallEndedAt,
      completed: this.finished,
      leadsTotal: this.leads.total,
      calls: this.handsOverCalls ? this.callLog : null,
      days: this.days,
      timeZoneOf: this.gate.timeZoneOf,
    };
  }

  /** Puts this fresh campaign (streams and pacer copied already) in `from`'s state. */
  private copyStateFrom(from: CampaignModel): void {
    copyPlainFields(this, from);
    this.counters.copyFrom(from.counters);
    this.intervals.copyFrom(from.intervals);
    this.agentsPool.copyFrom(from.agentsPool);
    this.roster.copyFrom(from.roster);
    this.leads.copyFrom(from.leads);
    const calls = new CallCopies();
    this.flow.copyFrom(from.flow, calls);
    if (from.drawn !== null) this.drawn?.copyFrom(from.drawn);
    this.pacing.copyFrom(from.pacing);
    const handlers = new Map<unknown, unknown>();
    const parts = [this, this.roster, this.leads, this.flow, this.pacing] as const;
    const theirs = [from, from.roster, from.leads, from.flow, from.pacing] as const;
    parts.forEach((part, i) => {
      const mine = part as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(theirs[i])) {
        if (typeof value === "function") handlers.set(value, mine[key]);
      }
    });
    this.sim.copyFrom(from.sim, ({ action, subject }) => {
      const own = handlers.get(action) as PendingEvent["action"] | undefined;
      if (own === undefined) throw new Error("CampaignModel.copy: an event of no part's handler");
      return { action: own, subject: subject instanceof Call ? calls.of(subject) : subject };
    });
  }

  private scheduleCalendar(): void {
    const groups = this.scenario.agents.groups;
    const logoutAfter = Math.max(...groups.map((g) => g.end));
    const isWorkday = (index: number) => (this.days[index]?.windows.length ?? 0) > 0;
    for (const day of this.days) {
      if (!isWorkday(day.index)) continue; // the centre is closed
      this.roster.scheduleDay(day.index, groups, isWorkday(day.index + 1));
      this.pacing.scheduleDay(day.windows, day.index * DAY + logoutAfter);
    }
    const step = this.scenario.intervalSeconds;
    for (let t = step; t < this.horizon; t += step) {
      this.sim.scheduleAt(t, this.onIntervalBoundary, t, -3);
    }
  }

  private readonly onIntervalBoundary = (t: number): void => {
    this.agentsPool.advance(t);
    const inFlightSeconds = this.flow.tally.callsInFlightSeconds(t);
    this.intervals.close(t, this.counters, this.agentsPool, inFlightSeconds);
  };

  // --- Joining the parts ------------------------------------------------------------------

  tick(): void {
    if (this.agentsPool.leaving > 0) this.roster.releaseDepartures();
    this.placeGuaranteed();
    this.decideAndPlace();
  }

  windowClosed(): void {
    this.roster.releaseDepartures();
  }

  quietUntil(decided: number): number {
    if (this.agentsPool.leaving > 0) return this.sim.now; // each tick checks their grace
    const leadAsked = decided > 0 && this.attemptsLeft > 0;
    if (leadAsked) return this.leads.hasLeadNow ? this.sim.now : this.leads.nextRetryDue;
    const holding = this.agentsPool.ready > 0 && this.roster.canSpareIdleAgent(); // a recontact
    return holding ? this.leads.nextRetryDue : Number.POSITIVE_INFINITY;
  }

  /** An agent has nothing to do: serve a waiting call, leave if due, or become ready. */
  readonly agentFree = (agent: number): void => {
    this.pacing.agentFreed();
    if (this.roster.leaveIfPastGrace(agent)) return; // past its grace: no more calls
    const waiting = this.flow.nextWaitingCall();
    if (waiting !== null) {
      this.flow.connect(waiting, agent);
      return;
    }
    if (this.roster.leaveIfDue(agent)) return;
    this.agentsPool.set(agent, AgentState.ready, this.sim.now);
    if (this.pacing.open && !this.finished) {
      this.placeGuaranteed();
      if (this.pacing.decidesOnAgentReady) this.decideAndPlace();
    }
  };

  callEnded(): void {
    if (this.agentsPool.leaving > 0) this.roster.releaseDepartures();
    this.finishIfDone();
  }

  private decideAndPlace(): void {
    const n = this.pacing.decide();
    if (n === 0) return;
    // Read once: the loop moves no clock or window, and each call it places uses one attempt.
    const calls = Math.min(n, this.attemptsLeft);
    const open = this.pacing.open;
    for (let i = 0; i < calls; i++) {
      const lead = this.nextAdmitted(open);
      if (lead < 0) break;
      this.flow.place(lead, this.leads.recordAttempt(lead, -1), -1);
    }
  }

  /** The next lead the gate lets through now (refused ones are set aside), or -1. */
  private nextAdmitted(windowOpen: boolean): number {
    for (;;) {
      const lead = this.leads.next();
      if (lead < 0 || this.admits(lead, windowOpen)) return lead;
    }
  }

  /** Calls the campaign may still place (Infinity when unlimited). */
  private get attemptsLeft(): number {
    return this.dialingStopped ? 0 : this.maxAttempts - this.counters.attempts;
  }

  /** Recontacts after a lock-out go out only with an agent held for them. */
  private placeGuaranteed(): void {
    const pool = this.agentsPool;
    while (pool.ready > 0 && this.roster.canSpareIdleAgent()) {
      const lead = this.attemptsLeft > 0 ? this.leads.nextGuaranteed() : -1;
      if (lead < 0) return;
      if (!this.admits(lead, this.pacing.open)) continue;
      const agent = pool.anyReady();
      pool.set(agent, AgentState.reserved, this.sim.now);
      this.flow.place(lead, this.leads.recordAttempt(lead, agent), agent);
    }
  }

  /** Whether the gate lets `lead` be called now; a refusal may finish the campaign. */
  private admits(lead: number, windowOpen: boolean): boolean {
    if (this.leads.admits(lead, windowOpen)) return true;
    this.finishIfDone();
    return false;
  }

  private finishIfDone(): void {
    if (!this.leads.finished || !this.flow.idle) return;
    this.finishedAt = this.sim.now;
    this.sim.stop();
  }
}
