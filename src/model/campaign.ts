import { ALL_DAY_CALLING_HOURS, type CampaignDay, campaignDays } from "../calendar/calendar.js";
import { clockShiftSeconds } from "../calendar/local-time.js";
import { parseDay } from "../consent/consent-fields.js";
import { drawConsentKinds, generatedLeadConsents } from "../consent/consent-mix.js";
import { ASSUMED_CONSENT, type LeadConsent } from "../consent/consent-record.js";
import { consentGate, GATE_REFUSAL_REASONS, type Gate, nextCallingTime } from "../consent/gate.js";
import { createPacer } from "../pacing/create-pacer.js";
import type { Pacer } from "../pacing/pacer.js";
import type { DialerView } from "../pacing/view.js";
import type { Scenario } from "../scenario/scenario.js";
import { OUTCOMES } from "../scenario/scenario.js";
import { type Sampler, sampler } from "../sim/distributions.js";
import { createStreams, type Rng } from "../sim/random.js";
import { Simulation } from "../sim/simulation.js";
import { AgentPool, AgentState } from "./agent-pool.js";
import { Call, type CallResult, CallState, OutcomeCode } from "./call.js";
import { CampaignCounters, SILENT_RESULTS, type SilentCause } from "./campaign-counters.js";
import { DelayLine } from "./delay-line.js";
import { MutableDialerCounters } from "./dialer-counters.js";
import { IntQueue } from "./int-queue.js";
import { IntervalRecorder } from "./interval-recorder.js";
import { InvariantChecker } from "./invariants/invariant-checker.js";
import { leadTimeZones, type TimeZoneOf } from "./lead-time-zones.js";
import { agentRequiredRestOfDay } from "./rules.js";
import { TimeIntegral } from "./time-integral.js";

const DAY = 86_400;

/** A retry rule: how many attempts a lead may have, and the leads waiting out its delay. */
interface RetryRule {
  readonly line: DelayLine;
  readonly maxAttempts: number;
}

/** A pending departure of an agent, taken as soon as it does not strand a call in flight. */
const Departure = { none: 0, onBreak: 1, logOut: 2 } as const;

/** The raw outcome of one simulated campaign: counters, time series and optionally every call. */
export interface CampaignRun {
  readonly counters: CampaignCounters;
  readonly dialer: MutableDialerCounters;
  readonly agents: AgentPool;
  readonly intervals: IntervalRecorder;
  /** Campaign seconds at which the last call ended. */
  readonly endedAt: number;
  /** True when every lead was finished before the calendar ran out. */
  readonly completed: boolean;
  readonly leadsTotal: number;
  /** Every attempt, when `recordCalls` was set. */
  readonly calls: readonly Call[] | null;
  readonly days: readonly CampaignDay[];
  /** Each lead's time zone ("" for the centre's), or null when all are in the centre's. */
  readonly timeZoneOf: TimeZoneOf | null;
}

export interface CampaignOptions {
  readonly seed: number;
  /** Keep every attempt for the per-call CSV (costs memory). */
  readonly recordCalls?: boolean;
  /** Check the campaign's laws as it runs and at its end (docs/invariants.md); costs time. */
  readonly checkInvariants?: boolean;
}

/** Simulates one campaign under its scenario's pacing and rules. */
export function simulateCampaign(scenario: Scenario, options: CampaignOptions): CampaignRun {
  return new CampaignModel(scenario, options).run();
}

/** Outcome probabilities as cumulative tables, one per hour of day. */
function cumulativeByHour(scenario: Scenario): Float64Array[] {
  const tables: Float64Array[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const p = scenario.outcomes.byHour[hour] ?? scenario.outcomes.probabilities;
    const table = new Float64Array(OUTCOMES.length);
    let sum = 0;
    OUTCOMES.forEach((outcome, i) => {
      sum += p[outcome];
      table[i] = sum;
    });
    table[OUTCOMES.length - 1] = 1; // guard against rounding: every draw lands somewhere
    tables.push(table);
  }
  return tables;
}

/**
 * Each lead's consent record: from the leads file or drawn for generated leads; null when every
 * lead's consent is assumed.
 */
function leadConsents(
  scenario: Scenario,
  startDay: number,
  seed: number,
): ((lead: number) => LeadConsent) | null {
  const leads = scenario.leads;
  if (leads.kind === "file") {
    const consents = leads.consents;
    return consents === undefined ? null : (lead) => consents[lead];
  }
  if (leads.consentMix === undefined) return null;
  const records = generatedLeadConsents(startDay);
  const kinds = drawConsentKinds(
    leads.count,
    leads.consentMix,
    createStreams(seed).stream("consent"),
  );
  return (lead) => records[kinds[lead]];
}

/**
 * The campaign as a set of event handlers around the kernel. Handlers are bound once and take
 * the call or agent as the event's subject, so the hot path creates no closures.
 *
 * Exported, with the members the live runner needs `protected`, so that src/live can run the
 * same dialer (agents, pacing, retries, cut-off, lock-outs) on a real clock: it overrides
 * `dial` to place a real call and reports the network's answers through `onRingEnd`.
 */
export class CampaignModel implements DialerView {
  protected readonly sim = new Simulation();
  private readonly pacer: Pacer;
  private readonly pacerReadsCountsOnly: boolean;
  /** The laws' checker, when asked for (it then keeps every call). */
  private readonly checker: InvariantChecker | null;
  /** Whether the run hands its call log over (else it keeps one only for the checker). */
  private readonly handsOverCalls: boolean;
  /**
   * When the next pacing tick is due while ticks are suspended, else NaN. A pacer that reads
   * counts only places nothing with no agent logged in, so its ticks wait for the first agent.
   */
  private suspendedTickAt = Number.NaN;
  /** The pacer's last answer and the {@link viewStamp} of the view it was given (-1: none). */
  private decidedCalls = 0;
  private decidedStamp = -1;
  readonly agentsPool: AgentPool;
  protected readonly counters = new CampaignCounters();
  readonly totals = new MutableDialerCounters();
  readonly today = new MutableDialerCounters();
  private readonly intervals: IntervalRecorder;
  /** Time integral of calls in flight (placed, not yet talking or ended), for the time series. */
  private readonly callsInFlight = new TimeIntegral();
  protected readonly days: CampaignDay[];
  protected readonly horizon: number;

  // Leads: per-lead state in typed arrays so a million leads stay small.
  protected readonly leadsTotal: number;
  private nextFresh = 0;
  private readonly attemptsMade: Uint8Array;
  protected readonly needsAgent: Uint8Array;
  private readonly silentSince: Float64Array;
  /** Campaign seconds before which every call to the lead needs an agent reserved (UK rules). */
  private readonly agentRequiredUntil: Float64Array;
  private readonly dueRetries: IntQueue;
  protected readonly dueGuaranteed: IntQueue;
  /** Each retry rule with the leads waiting out its delay (constant delays keep FIFO order). */
  private readonly busyRetry: RetryRule;
  private readonly noAnswerRetry: RetryRule;
  private readonly machineRetry: RetryRule;
  private readonly silentRetry: RetryRule;
  private readonly retryLines: readonly DelayLine[];
  /** When the first lead waiting in a retry line is due (Infinity: none waits). */
  private nextRetryDueAt = Number.POSITIVE_INFINITY;
  /** The consent and opt-out gate, asked before every call, and each lead's record for it. */
  private readonly gate: Gate;
  private readonly consentOf: (lead: number) => LeadConsent;
  /**
   * True when every consent is assumed and the hours are read on the centre's clock: then the
   * gate passes every call placed while a window is open (the windows are the calling hours).
   */
  private readonly gatePassesWhileOpen: boolean;
  /** Seconds from 1970-01-01 to the campaign's first midnight, on the centre's clock. */
  private readonly epochSeconds: number;
  /** The leads' time zones; `hoursZoneOf` only when the calling hours are read on them. */
  private readonly timeZoneOf: TimeZoneOf | null;
  private readonly hoursZoneOf: TimeZoneOf | null;
  private readonly nextCallingTime: (at: number) => number;
  /** Leads refused outside their calling hours, waiting for them to open. */
  private leadsAwaitingHours = 0;

  // Guaranteed calls in flight, counted apart from the pacer's (see `calls`).
  private guaranteedInFlight = 0;
  private readonly waitQueue: Call[] = [];
  /** Each queued call's id when queued: a record recycled since then is a stale entry. */
  private readonly waitIds: number[] = [];
  private waitHead = 0;
  /** Records of ended calls that nothing keeps, for `dial` to reuse (none while calls are logged). */
  private readonly spareCalls: Call[] = [];
  private callSeq = 0;
  private readonly callLog: Call[] | null;

  // Agents: group membership and pending departures.
  private readonly departure: Uint8Array;
  private readonly breakSeconds: Float64Array;
  /** The pending end of each agent's break (-1: none), cancelled if the shift ends first. */
  private readonly breakEnd: Float64Array;

  // Dialing window.
  private open = false;
  private windowEnd = 0;
  private dayLogoutAt = 0;
  protected finishedAt = -1;
  private lastCallEndedAt = 0;

  // Random draws, one named stream per kind so that pacers see the same draws (CRN).
  private readonly outcomeRng: Rng;
  private readonly outcomeTables: Float64Array[];
  // The table of the hour of the last draw, kept until a microsecond before that hour ends
  // (campaign seconds): most draws fall in the same hour as the previous one.
  private hourTable: Float64Array = new Float64Array(0);
  private hourEndsAt = -1;
  private readonly ring: Sampler[];
  private readonly talk: Sampler;
  private readonly wrapUpTime: Sampler;
  /** The callee's patience while waiting (the live runner leaves it to the real callee). */
  protected patience: Sampler;
  private readonly machineMessage: Sampler;
  private readonly amdDetection: Sampler | null;
  private readonly amdRng: Rng;

  private readonly cutoff: number;
  private readonly noAnswerTimeout: number;

  constructor(
    protected readonly scenario: Scenario,
    options: CampaignOptions,
  ) {
    const agentCount = scenario.agents.groups.reduce((n, g) => n + g.count, 0);
    this.departure = new Uint8Array(agentCount);
    this.breakSeconds = new Float64Array(agentCount);
    this.breakEnd = new Float64Array(agentCount).fill(-1);
    this.leadsTotal =
      scenario.leads.kind === "count" ? scenario.leads.count : scenario.leads.numbers.length;
    this.attemptsMade = new Uint8Array(this.leadsTotal);
    this.needsAgent = new Uint8Array(this.leadsTotal);
    this.silentSince = new Float64Array(this.leadsTotal).fill(Number.NaN);
    this.agentRequiredUntil = new Float64Array(this.leadsTotal);
    this.dueRetries = new IntQueue();
    this.dueGuaranteed = new IntQueue();
    const retries = scenario.retries;
    const rule = (maxAttempts: number, delay: number) => ({
      line: new DelayLine(delay),
      maxAttempts,
    });
    this.busyRetry = rule(retries.busy.maxAttempts, retries.busy.delaySeconds);
    this.noAnswerRetry = rule(retries.noAnswer.maxAttempts, retries.noAnswer.delaySeconds);
    this.machineRetry = rule(retries.machine.maxAttempts, retries.machine.delaySeconds);
    this.silentRetry = rule(
      retries.silent.maxAttempts,
      // Inside the lock-out only where the rules allow a call with an agent guaranteed (UK).
      scenario.rules.lockoutAllowsGuaranteedCall
        ? retries.silent.delaySeconds
        : Math.max(retries.silent.delaySeconds, scenario.rules.lockoutSeconds),
    );
    this.retryLines = [this.busyRetry, this.noAnswerRetry, this.machineRetry, this.silentRetry].map(
      (r) => r.line,
    );
    this.handsOverCalls = options.recordCalls === true;
    this.callLog = options.recordCalls || options.checkInvariants ? [] : null;
    const gateRules = {
      callingHours: scenario.rules.callingHours,
      holidays: scenario.calendar.holidays,
    };
    this.gate = consentGate(gateRules);
    this.nextCallingTime = nextCallingTime(gateRules);
    this.epochSeconds = (parseDay(scenario.calendar.start) ?? 0) * DAY;
    const consentOf = leadConsents(scenario, this.epochSeconds / DAY, options.seed);
    this.consentOf = consentOf ?? (() => ASSUMED_CONSENT);
    this.timeZoneOf = leadTimeZones(scenario, options.seed);
    if (this.timeZoneOf !== null && scenario.calendar.timeZone === undefined) {
      throw new RangeError(
        "calendar.timeZone: the call centre's zone is needed: leads have time zones",
      );
    }
    this.hoursZoneOf =
      scenario.rules.callingHoursTimeZone === "calledParty" ? this.timeZoneOf : null;
    this.gatePassesWhileOpen = consentOf === null && this.hoursZoneOf === null;
    this.days = campaignDays(
      scenario.calendar.start,
      scenario.calendar.days,
      scenario.calendar.holidays,
      // Hours on the called party's clock: the centre may dial around the clock (agents'
      // shifts permitting) and the gate keeps each call inside its lead's hours.
      this.hoursZoneOf === null ? scenario.rules.callingHours : ALL_DAY_CALLING_HOURS,
    );
    this.horizon = scenario.calendar.days * DAY;
    this.intervals = new IntervalRecorder(scenario.intervalSeconds);
    this.checker = options.checkInvariants ? new InvariantChecker(scenario, this.days) : null;
    this.agentsPool = new AgentPool(agentCount, this.checker?.ledger);
    const pacer = createPacer(scenario.pacing);
    this.pacer = this.checker?.watchPacer(pacer, this.agentsPool, this.callLog as Call[]) ?? pacer;
    this.pacerReadsCountsOnly = this.pacer.readsCountsOnly === true;

    const streams = createStreams(options.seed);
    this.outcomeRng = streams.stream("outcome");
    this.outcomeTables = cumulativeByHour(scenario);
    const ringRng = streams.stream("ring");
    const ringSpecs = scenario.outcomes.ring;
    this.ring = OUTCOMES.map((o) =>
      o === "noAnswer" ? () => Number.POSITIVE_INFINITY : sampler(ringSpecs[o], ringRng),
    );
    this.talk = sampler(scenario.agents.talk, streams.stream("talk"));
    this.wrapUpTime = sampler(scenario.agents.wrapUp, streams.stream("wrap-up"));
    this.patience = sampler(scenario.callee.patience, streams.stream("patience"));
    this.machineMessage = sampler(scenario.callee.machineMessage, streams.stream("machine"));
    const amd = scenario.dialer.amd;
    this.amdRng = streams.stream("amd");
    this.amdDetection = amd.enabled ? sampler(amd.detection, this.amdRng) : null;
    this.cutoff = scenario.dialer.cutoffSeconds;
    this.noAnswerTimeout = scenario.dialer.noAnswerTimeoutSeconds;
    // The scenario schema says so with the file and line; this guards scenarios built in code.
    const minimumRing = scenario.rules.minimumRing?.seconds ?? 0;
    if (this.noAnswerTimeout < minimumRing) {
      throw new RangeError(
        `dialer.noAnswerTimeoutSeconds: expected a number >= ${minimumRing} (the minimum ring of rules ${scenario.rules.id}), got ${this.noAnswerTimeout}`,
      );
    }
  }

  // --- DialerView -------------------------------------------------------------------------

  get now(): number {
    return this.sim.now;
  }
  get secondsToWindowEnd(): number {
    return this.open ? Math.max(0, Math.min(this.windowEnd, this.dayLogoutAt) - this.sim.now) : 0;
  }
  get agents() {
    return this.agentsPool.paced;
  }
  /** Calls placed by the pacer and not yet with an agent or ended, by state (a plain object: pacers read it often). */
  readonly calls = { ringing: 0, detecting: 0, waiting: 0 };
  get talkElapsed(): ArrayLike<number> {
    return this.agentsPool.talkElapsed(this.sim.now);
  }

  // --- Running ----------------------------------------------------------------------------

  run(): CampaignRun {
    this.scheduleCalendar();
    if (this.leadsTotal === 0) this.finishedAt = 0;
    else this.sim.run(this.horizon);
    return this.result();
  }

  /** Closes the books at the end (or the horizon) and hands the run over. */
  protected result(): CampaignRun {
    const stoppedAt = this.finishedAt >= 0 ? this.finishedAt : Math.min(this.sim.now, this.horizon);
    this.agentsPool.advance(stoppedAt);
    this.callsInFlight.update(stoppedAt, this.callsInFlight.value);
    this.intervals.close(stoppedAt, this.counters, this.agentsPool, this.callsInFlight.total);
    const completed = this.finishedAt >= 0;
    this.checker?.finish(
      {
        stopAt: stoppedAt,
        completed,
        counters: this.counters,
        totals: this.totals,
        calls: this.callLog as Call[],
        leadsTotal: this.leadsTotal,
        leadsWaiting: this.leadsWaiting(),
        leadsSetAside: this.leadsSetAside(),
      },
      this.agentsPool,
      { epochSeconds: this.epochSeconds, hoursZoneOf: this.hoursZoneOf },
    );
    return {
      counters: this.counters,
      dialer: this.totals,
      agents: this.agentsPool,
      intervals: this.intervals,
      endedAt: this.lastCallEndedAt,
      completed,
      leadsTotal: this.leadsTotal,
      calls: this.handsOverCalls ? this.callLog : null,
      days: this.days,
      timeZoneOf: this.timeZoneOf,
    };
  }

  /** Leads finished without a call by a rule of the runner's own (the live lock-out store). */
  protected leadsSetAside(): number {
    return 0;
  }

  /** Leads waiting for a call: never dialled, or waiting for a retry or their calling hours. */
  private leadsWaiting(): number {
    const waiting = this.leadsAwaitingHours + this.dueRetries.size + this.dueGuaranteed.size;
    return this.leadsTotal - this.nextFresh + this.pendingRetries() + waiting;
  }

  protected scheduleCalendar(): void {
    const sim = this.sim;
    const isWorkday = (index: number) => (this.days[index]?.windows.length ?? 0) > 0;
    for (const day of this.days) {
      if (!isWorkday(day.index)) continue; // the centre is closed
      const base = day.index * DAY;
      let firstAgent = 0;
      for (const group of this.scenario.agents.groups) {
        const range = { from: firstAgent, to: firstAgent + group.count };
        // A break that begins with the shift is taken at log-in, before any call is placed.
        const first = group.breaks[0];
        const breakAtStart = first?.start === group.start ? first.durationSeconds : 0;
        sim.scheduleAt(base + group.start, this.onLogIn, { ...range, breakAtStart }, -2);
        // A shift ending at midnight that the next day's begins at midnight goes straight on.
        const goesOn = group.end === DAY && group.start === 0 && isWorkday(day.index + 1);
        if (!goesOn) sim.scheduleAt(base + group.end, this.onShiftEnd, range, -1);
        for (const b of group.breaks) {
          if (b.start === group.start) continue;
          sim.scheduleAt(base + b.start, this.onBreakDue, { ...range, seconds: b.durationSeconds });
        }
        firstAgent += group.count;
      }
      const logout = base + Math.max(...this.scenario.agents.groups.map((g) => g.end));
      day.windows.forEach((w, i) => {
        const event = { end: w.end, logout, firstOfDay: i === 0 };
        sim.scheduleAt(w.start, this.onWindowOpen, event, -1);
        sim.scheduleAt(w.end, this.onWindowClose, w, -1);
      });
    }
    for (
      let t = this.scenario.intervalSeconds;
      t < this.horizon;
      t += this.scenario.intervalSeconds
    ) {
      sim.scheduleAt(t, this.onIntervalBoundary, t, -3);
    }
  }

  private readonly onIntervalBoundary = (t: number): void => {
    this.agentsPool.advance(t);
    this.callsInFlight.update(t, this.callsInFlight.value);
    this.intervals.close(t, this.counters, this.agentsPool, this.callsInFlight.total);
  };

  private readonly onWindowOpen = (w: {
    end: number;
    logout: number;
    firstOfDay: boolean;
  }): void => {
    if (w.firstOfDay) {
      this.today.reset();
      this.decidedStamp = -1; // today's counts moved without a stamp
    }
    this.open = true;
    this.suspendedTickAt = Number.NaN; // this window's ticks start now
    this.windowEnd = w.end;
    this.dayLogoutAt = w.logout;
    this.onTick(null);
  };

  private readonly onWindowClose = (): void => {
    this.open = false;
    this.releaseDepartures();
  };

  private readonly onTick = (_: null): void => {
    if (!this.open || this.finishedAt >= 0) return;
    if (this.agentsPool.leaving > 0) this.releaseDepartures();
    this.placeGuaranteed();
    this.decideAndPlace();
    const next = this.sim.now + this.pacer.cadenceSeconds;
    if (next >= this.windowEnd) return;
    if (this.pacerReadsCountsOnly && this.agentsPool.loggedIn === 0) this.suspendedTickAt = next;
    else this.sim.scheduleAt(next, this.onTick, null);
  };

  /** Restarts suspended ticks on their grid (the same sums as uninterrupted ticks give). */
  private resumeTicks(): void {
    let next = this.suspendedTickAt;
    this.suspendedTickAt = Number.NaN;
    const cadence = this.pacer.cadenceSeconds;
    while (next < this.sim.now) next += cadence;
    if (this.open && next < this.windowEnd) {
      this.sim.scheduleAt(next, this.onTick, null);
    }
  }

  // --- Agents -----------------------------------------------------------------------------

  /**
   * The shift begins. An agent still busy with a call from its last shift stays on duty: the
   * log-out that shift's end left pending is taken back, or the agent would leave once the call
   * ended and miss this whole shift.
   */
  private readonly onLogIn = (shift: { from: number; to: number; breakAtStart: number }): void => {
    const pool = this.agentsPool;
    for (let a = shift.from; a < shift.to; a++) {
      const state = pool.state[a];
      if (state === AgentState.off) {
        if (shift.breakAtStart > 0) this.startBreak(a, shift.breakAtStart);
        else this.agentFree(a);
        continue;
      }
      if (this.departure[a] === Departure.logOut) {
        this.departure[a] = Departure.none;
        pool.cancelDeparture(a);
      }
      if (shift.breakAtStart > 0) this.breakDue(a, shift.breakAtStart);
      else if (state === AgentState.leaving) this.agentFree(a);
    }
  };

  private readonly onShiftEnd = (range: { from: number; to: number }): void => {
    for (let a = range.from; a < range.to; a++) {
      const state = this.agentsPool.state[a];
      if (state === AgentState.off) continue;
      if (state === AgentState.onBreak) {
        // The break's end must not bring the agent back after its shift.
        this.sim.cancel(this.breakEnd[a]);
        this.departure[a] = Departure.none;
        this.agentsPool.set(a, AgentState.off, this.sim.now);
        continue;
      }
      this.requestDeparture(a, Departure.logOut);
    }
  };

  private readonly onBreakDue = (b: { from: number; to: number; seconds: number }): void => {
    for (let a = b.from; a < b.to; a++) this.breakDue(a, b.seconds);
  };

  /** A break of `seconds` is due for `agent`: taken once it is idle, or after the one it is on. */
  private breakDue(agent: number, seconds: number): void {
    const state = this.agentsPool.state[agent];
    if (state === AgentState.off) return;
    this.breakSeconds[agent] = seconds;
    // On a break already (one begun late, or one that ends as this one begins): this one
    // follows it.
    if (state === AgentState.onBreak) this.departure[agent] = Departure.onBreak;
    else this.requestDeparture(agent, Departure.onBreak);
  }

  /**
   * From now on the agent is not paced for, and leaves once idle, held at most a grace of the
   * no-answer timeout plus the cut-off: the longest a call placed for it can still need an agent.
   */
  private requestDeparture(agent: number, kind: number): void {
    if (kind > this.departure[agent]) this.departure[agent] = kind;
    const grace = this.noAnswerTimeout + this.cutoff;
    this.agentsPool.markDeparting(agent, this.sim.now + grace);
    this.sim.schedule(grace, this.onDepartureGraceOver, agent);
    if (this.agentsPool.state[agent] === AgentState.ready) this.leaveWhenSpared(agent);
  }

  /**
   * An idle agent with a departure due leaves at once if the other idle agents still cover
   * every call in flight; otherwise it waits as `leaving`, which takes a call only if no ready
   * agent can, and is not offered to the pacer (so no new call is placed on its account). The
   * guarded pacer relies on this: a call placed in the expectation of an agent finds one.
   */
  private leaveWhenSpared(agent: number): void {
    if (this.canSpareIdleAgent()) this.depart(agent);
    else this.agentsPool.set(agent, AgentState.leaving, this.sim.now);
  }

  private canSpareIdleAgent(): boolean {
    const pool = this.agentsPool;
    return pool.ready + pool.leaving - 1 >= this.pacedCallsInFlight();
  }

  /** Calls placed and not yet with an agent or ended change only where this is called. */
  private trackCallsInFlight(): void {
    const inFlight = this.totals.placed - this.totals.ended - this.agentsPool.talking;
    this.callsInFlight.update(this.sim.now, inFlight);
  }

  private pacedCallsInFlight(): number {
    return this.calls.ringing + this.calls.detecting + this.calls.waiting;
  }

  /** Lets leaving agents go as far as the calls in flight allow. */
  private releaseDepartures(): void {
    const pool = this.agentsPool;
    while (pool.leaving > 0 && this.canSpareIdleAgent()) this.depart(pool.anyLeaving());
  }

  private depart(agent: number): void {
    const kind = this.departure[agent];
    this.departure[agent] = Departure.none;
    if (kind === Departure.logOut) {
      this.agentsPool.set(agent, AgentState.off, this.sim.now);
    } else {
      this.startBreak(agent, this.breakSeconds[agent]);
    }
  }

  private startBreak(agent: number, seconds: number): void {
    this.agentsPool.set(agent, AgentState.onBreak, this.sim.now);
    this.breakEnd[agent] = this.sim.schedule(seconds, this.onBreakEnd, agent);
  }

  private readonly onDepartureGraceOver = (agent: number): void => {
    const pool = this.agentsPool;
    if (pool.state[agent] === AgentState.leaving && pool.mustLeave(agent, this.sim.now)) {
      this.depart(agent);
    }
  };

  private readonly onBreakEnd = (agent: number): void => {
    this.breakEnd[agent] = -1;
    if (this.departure[agent] === Departure.onBreak) {
      this.departure[agent] = Departure.none;
      this.breakEnd[agent] = this.sim.schedule(this.breakSeconds[agent], this.onBreakEnd, agent);
      return;
    }
    this.agentFree(agent);
  };

  private readonly onWrapUpEnd = (agent: number): void => {
    this.agentFree(agent);
  };

  /** An agent has nothing to do: serve a waiting call, leave if due, or become ready. */
  private agentFree(agent: number): void {
    if (!Number.isNaN(this.suspendedTickAt)) this.resumeTicks();
    if (this.agentsPool.mustLeave(agent, this.sim.now)) {
      this.depart(agent); // past its grace: no more calls
      return;
    }
    const waiting = this.nextWaitingCall();
    if (waiting !== null) {
      this.connect(waiting, agent);
      return;
    }
    if (this.departure[agent] !== Departure.none) {
      const pool = this.agentsPool;
      if (pool.ready + pool.leaving >= this.pacedCallsInFlight()) this.depart(agent);
      else pool.set(agent, AgentState.leaving, this.sim.now);
      return;
    }
    this.agentsPool.set(agent, AgentState.ready, this.sim.now);
    if (this.open && this.finishedAt < 0) {
      this.placeGuaranteed();
      if (this.pacer.decidesOnAgentReady) this.decideAndPlace();
    }
  }

  private nextWaitingCall(): Call | null {
    const queue = this.waitQueue;
    while (this.waitHead < queue.length) {
      const i = this.waitHead++;
      const call = queue[i];
      if (call.state === CallState.waiting && call.id === this.waitIds[i]) return call;
    }
    if (this.waitHead > 0) {
      queue.length = 0;
      this.waitIds.length = 0;
      this.waitHead = 0;
    }
    return null;
  }

  // --- Dialing ----------------------------------------------------------------------------

  private decideAndPlace(): void {
    const n = this.decide();
    for (let i = 0; i < n; i++) {
      let lead = this.nextLead();
      while (lead >= 0 && !this.passesGate(lead)) lead = this.nextLead();
      if (lead < 0) break;
      this.place(lead, -1);
    }
  }

  /** The pacer's answer; from a pacer that reads counts only, the last one while none moved. */
  private decide(): number {
    if (!this.pacerReadsCountsOnly) return this.pacer.decide(this);
    const stamp = this.viewStamp();
    if (stamp !== this.decidedStamp) {
      this.decidedCalls = this.pacer.decide(this);
      this.decidedStamp = stamp;
    }
    return this.decidedCalls;
  }

  /**
   * Grows whenever a count of the view may have changed (but for `today`'s daily reset): an agent
   * moved, or a call was placed, ended, answered, judged live or judged a machine. Every other
   * count moves only together with one of these: ringing with placed and answered or ended,
   * detecting with answered and live, machines or ended, waiting with live and an agent's move
   * or ended, connected and the talk sums with an agent's move, dropped with ended.
   */
  private viewStamp(): number {
    const t = this.totals;
    return this.agentsPool.moves + t.placed + t.ended + t.answered + t.live + t.machines;
  }

  /**
   * Asks the gate whether `lead` may be called now. A lead refused outside its calling hours
   * is offered again when they open; any other refusal finishes it.
   */
  private passesGate(lead: number): boolean {
    if (this.gatePassesWhileOpen && this.open) return true;
    const at = this.epochSeconds + this.sim.now;
    const zone = this.hoursZoneOf === null ? "" : this.hoursZoneOf(lead);
    const hoursAt =
      zone === "" ? at : at + clockShiftSeconds(this.scenario.calendar.timeZone ?? "", zone, at);
    const verdict = this.gate(this.consentOf(lead), "operator", at, hoursAt);
    if (verdict.ok) return true;
    this.counters.gateRefusals[GATE_REFUSAL_REASONS.indexOf(verdict.reason)]++;
    if (verdict.reason === "outsideCallingHours") {
      // A moment's margin so that rounding cannot offer the lead again at the same instant.
      const wait = Math.max(this.nextCallingTime(hoursAt) - hoursAt, 1e-3);
      // A lead whose hours open only after the calendar's end still waits: it is unfinished,
      // and the campaign must not be reported complete without it.
      this.leadsAwaitingHours++;
      if (this.sim.now + wait < this.horizon) {
        this.sim.schedule(wait, this.onCallingHoursOpen, lead);
      }
    }
    if (this.isDone()) {
      this.finishedAt = this.sim.now;
      this.sim.stop();
    }
    return false;
  }

  /** Recontacts after a lock-out go out only with an agent held for them. */
  private placeGuaranteed(): void {
    while (this.agentsPool.ready > 0 && this.canSpareIdleAgent()) {
      const lead = this.nextGuaranteedLead();
      if (lead < 0) return;
      if (!this.passesGate(lead)) continue;
      const agent = this.agentsPool.anyReady();
      this.agentsPool.set(agent, AgentState.reserved, this.sim.now);
      this.place(lead, agent);
    }
  }

  /** The next recontact due with an agent held, or -1 (the live runner also checks its store). */
  protected nextGuaranteedLead(): number {
    if (this.sim.now >= this.nextRetryDueAt) this.takeDueRetries();
    return this.dueGuaranteed.size > 0 ? this.dueGuaranteed.shift() : -1;
  }

  protected nextLead(): number {
    if (this.sim.now >= this.nextRetryDueAt) this.takeDueRetries();
    if (this.dueRetries.size > 0) return this.dueRetries.shift();
    if (this.nextFresh < this.leadsTotal) return this.nextFresh++;
    return -1;
  }

  private place(lead: number, reservedAgent: number): void {
    const now = this.sim.now;
    const rules = this.scenario.rules;
    const since = this.silentSince[lead];
    if (!Number.isNaN(since)) {
      // The first call after a silent call must respect the lock-out and the reserved agent;
      // where the lock-out admits calls with an agent reserved (UK), so must every call in it.
      const insideLockout = now - since < rules.lockoutSeconds;
      if (
        insideLockout
          ? !(rules.lockoutAllowsGuaranteedCall && reservedAgent >= 0)
          : rules.guaranteeAgentAfterSilent && reservedAgent < 0
      ) {
        this.counters.recontactViolations++;
      }
      if (!(insideLockout && rules.lockoutAllowsGuaranteedCall)) {
        this.silentSince[lead] = Number.NaN;
      }
    }
    this.needsAgent[lead] = 0;
    const attempt = ++this.attemptsMade[lead];
    const call = this.dial(this.callSeq++, lead, attempt, reservedAgent);
    this.callLog?.push(call);
    this.counters.attempts++;
    this.totals.placed++;
    this.trackCallsInFlight();
    this.today.placed++;
    if (reservedAgent >= 0) {
      this.guaranteedInFlight++;
      this.counters.guaranteedCalls++;
    } else {
      this.calls.ringing++;
    }
  }

  /**
   * Starts an attempt: draws what the number does and when, and schedules `onRingEnd`. The live
   * runner places a real call instead and calls `onRingEnd` when the network answers.
   */
  protected dial(id: number, lead: number, attempt: number, reservedAgent: number): Call {
    const now = this.sim.now;
    const outcome = this.drawOutcome(now);
    let ring = this.ring[outcome]();
    let effective: OutcomeCode = outcome;
    if (ring >= this.noAnswerTimeout) {
      ring = this.noAnswerTimeout;
      if (outcome === OutcomeCode.person || outcome === OutcomeCode.machine) {
        effective = OutcomeCode.noAnswer;
      }
    }
    const spare = this.spareCalls.pop();
    const call =
      spare === undefined
        ? new Call(id, lead, attempt, now, effective, reservedAgent)
        : spare.restart(id, lead, attempt, now, effective, reservedAgent);
    this.sim.schedule(ring, this.onRingEnd, call);
    return call;
  }

  private drawOutcome(now: number): OutcomeCode {
    if (now >= this.hourEndsAt) {
      const sinceMidnight = now % DAY;
      const hour = Math.floor(sinceMidnight / 3600);
      this.hourTable = this.outcomeTables[hour];
      // The margin keeps rounding at the hour's end out of the cached span.
      this.hourEndsAt = now - sinceMidnight + (hour + 1) * 3600 - 1e-6;
    }
    const table = this.hourTable;
    const u = this.outcomeRng();
    let i = 0;
    while (u >= table[i]) i++;
    return i as OutcomeCode;
  }

  protected readonly onRingEnd = (call: Call): void => {
    if (call.reservedAgent < 0) this.calls.ringing--;
    const c = this.counters;
    switch (call.outcome) {
      case OutcomeCode.busy:
        c.outcomeBusy++;
        this.endCall(call, "busy");
        return;
      case OutcomeCode.noAnswer:
        c.outcomeNoAnswer++;
        this.endCall(call, "no-answer");
        return;
      case OutcomeCode.invalid:
        c.outcomeInvalid++;
        this.endCall(call, "invalid");
        return;
    }
    const now = this.sim.now;
    call.answeredAt = now;
    if (call.isPerson) {
      c.outcomePerson++;
      c.humanAnswered++;
    } else {
      c.outcomeMachine++;
      c.machineAnswered++;
    }
    const ringSeconds = now - call.placedAt;
    this.totals.answered++;
    this.totals.ringSecondsAnswered += ringSeconds;
    this.today.answered++;
    this.today.ringSecondsAnswered += ringSeconds;
    if (this.amdDetection !== null) {
      call.state = CallState.detecting;
      if (call.reservedAgent < 0) this.calls.detecting++;
      const detection = this.amdDetection();
      // The cut-off runs from the answer, detection included.
      call.timer =
        detection > this.cutoff
          ? this.sim.schedule(this.cutoff, this.onDetectionTooSlow, call)
          : this.sim.schedule(detection, this.onDetected, call);
      return;
    }
    this.goLive(call);
  };

  private readonly onDetected = (call: Call): void => {
    call.timer = -1;
    if (call.reservedAgent < 0) this.calls.detecting--;
    const amd = this.scenario.dialer.amd;
    const u = this.amdRng();
    const judgedMachine = call.isPerson ? u < amd.falsePositiveRate : u >= amd.falseNegativeRate;
    call.amdVerdict = judgedMachine ? "machine" : "person";
    if (!judgedMachine) {
      if (!call.isPerson) this.counters.amdFalseNegatives++;
      this.goLive(call);
      return;
    }
    this.totals.machines++;
    this.today.machines++;
    this.counters.amdMachineHangups++;
    if (call.isPerson) {
      this.counters.addSilent("amdFalsePositive", this.sim.now - call.answeredAt);
      this.silentSince[call.lead] = this.sim.now;
      this.endCall(call, "silent-amd-false-positive");
    } else {
      this.endCall(call, "machine-hangup");
    }
  };

  protected readonly onDetectionTooSlow = (call: Call): void => {
    call.timer = -1;
    if (call.reservedAgent < 0) this.calls.detecting--;
    this.drop(call, "amdTooSlow");
  };

  /** An answered call judged live needs an agent now or within the cut-off. */
  protected goLive(call: Call): void {
    this.totals.live++;
    this.today.live++;
    if (call.reservedAgent >= 0) {
      this.connect(call, call.reservedAgent);
      return;
    }
    const agent = this.agentsPool.anyIdle();
    if (agent >= 0) {
      this.connect(call, agent);
      return;
    }
    const deadline = call.answeredAt + this.cutoff;
    const now = this.sim.now;
    if (now >= deadline) {
      this.drop(call, "noAgent");
      return;
    }
    call.state = CallState.waiting;
    this.calls.waiting++;
    this.waitQueue.push(call);
    this.waitIds.push(call.id);
    call.timer = this.sim.scheduleAt(deadline, this.onCutoff, call);
    if (call.isPerson) {
      const hangUpAt = call.answeredAt + this.patience();
      if (hangUpAt < deadline) {
        call.patienceTimer = this.sim.scheduleAt(
          Math.max(now, hangUpAt),
          this.onCalleeHangUp,
          call,
        );
      }
    }
  }

  protected readonly onCutoff = (call: Call): void => {
    call.timer = -1;
    this.sim.cancel(call.patienceTimer);
    this.calls.waiting--;
    this.drop(call, "noAgent");
  };

  protected readonly onCalleeHangUp = (call: Call): void => {
    call.patienceTimer = -1;
    this.sim.cancel(call.timer);
    this.calls.waiting--;
    this.drop(call, "calleeHungUp");
  };

  /** A live or undetected answered call ends without an agent: the dialer counts it dropped. */
  protected drop(call: Call, cause: SilentCause): void {
    const now = this.sim.now;
    this.totals.dropped++;
    this.today.dropped++;
    let result: CallResult = "machine-dropped";
    if (call.isPerson) {
      this.counters.addSilent(cause, now - call.answeredAt);
      this.silentSince[call.lead] = now;
      result = SILENT_RESULTS[cause];
    } else {
      this.counters.machinesDropped++;
    }
    this.endCall(call, result);
  }

  protected connect(call: Call, agent: number): void {
    const now = this.sim.now;
    if (call.state === CallState.waiting) {
      this.calls.waiting--;
      this.sim.cancel(call.timer);
      this.sim.cancel(call.patienceTimer);
      call.timer = -1;
      call.patienceTimer = -1;
    }
    call.state = CallState.talking;
    call.agent = agent;
    call.connectedAt = now;
    this.agentsPool.set(agent, AgentState.talking, now);
    this.trackCallsInFlight();
    if (call.isPerson) {
      this.totals.connected++;
      this.today.connected++;
      this.counters.connected++;
      this.counters.connectedHoldSeconds += now - call.answeredAt;
    } else {
      this.totals.machinesAtAgent++;
      this.today.machinesAtAgent++;
      this.counters.machinesConnected++;
    }
    const duration = call.isPerson ? this.talk() : this.machineMessage();
    // Kept so that a live callee hanging up first can end the talk early.
    call.timer = this.sim.schedule(duration, this.onTalkEnd, call);
  }

  protected readonly onTalkEnd = (call: Call): void => {
    call.timer = -1;
    const now = this.sim.now;
    const talked = now - call.connectedAt;
    this.totals.talks++;
    this.totals.talkSeconds += talked;
    this.today.talks++;
    this.today.talkSeconds += talked;
    this.agentsPool.set(call.agent, AgentState.wrapUp, now);
    this.sim.schedule(this.wrapUpTime(), this.onWrapUpEnd, call.agent);
    this.endCall(call, call.isPerson ? "connected" : "machine-message");
  };

  /** Books the end of an attempt and decides the lead's future. */
  protected endCall(call: Call, result: CallResult): void {
    const now = this.sim.now;
    call.state = CallState.ended;
    call.result = result;
    call.endedAt = now;
    this.lastCallEndedAt = now;
    this.totals.ended++;
    this.trackCallsInFlight();
    this.today.ended++;
    if (call.reservedAgent >= 0) {
      this.guaranteedInFlight--;
      // The held agent is released unless the call reached it.
      if (call.agent < 0) this.agentFree(call.reservedAgent);
    }
    this.scheduleNextAttempt(call, result);
    if (this.agentsPool.leaving > 0) this.releaseDepartures();
    if (this.isDone()) {
      this.finishedAt = now;
      this.sim.stop();
    }
    this.retire(call);
  }

  /**
   * The model is done with an ended call: its record may be reused by `dial` (cancelled events
   * still naming it are skipped; the wait queue checks ids). Not while calls are logged.
   */
  protected retire(call: Call): void {
    if (this.callLog === null) this.spareCalls.push(call);
  }

  private scheduleNextAttempt(call: Call, result: CallResult): void {
    let retry: RetryRule;
    switch (result) {
      case "connected":
        return;
      case "invalid":
        this.counters.leadsExhausted++;
        return;
      case "busy":
        retry = this.busyRetry;
        break;
      case "no-answer":
        retry = this.noAnswerRetry;
        break;
      case "machine-message":
        retry = this.machineRetry;
        break;
      case "machine-hangup":
      case "silent-amd-false-positive":
        // The dialer sees a machine either way; it may treat every AMD hang-up as possibly silent.
        retry = this.scenario.dialer.amd.lockAfterHangup ? this.silentRetry : this.machineRetry;
        break;
      default:
        retry = this.silentRetry; // every drop the dialer sees
    }
    const lead = call.lead;
    const locked = retry === this.silentRetry;
    if (locked) this.counters.locksApplied++;
    if (this.attemptsMade[lead] >= retry.maxAttempts) {
      this.counters.leadsExhausted++;
      return;
    }
    const rules = this.scenario.rules;
    const now = this.sim.now;
    const early = locked && this.scenario.retries.silent.delaySeconds < rules.lockoutSeconds;
    // UK: every call inside the lock-out, and every call the rest of the day of an AMD
    // hang-up, goes out only with an agent guaranteed.
    let until = this.agentRequiredUntil[lead];
    if (locked && rules.lockoutAllowsGuaranteedCall) {
      until = Math.max(until, now + rules.lockoutSeconds);
    }
    if (agentRequiredRestOfDay(rules, result)) {
      until = Math.max(until, (Math.floor(now / DAY) + 1) * DAY);
    }
    this.agentRequiredUntil[lead] = until;
    // The retry is due no sooner than its delay: due before `until`, it needs the agent.
    if ((locked && rules.guaranteeAgentAfterSilent) || until > now + retry.line.delaySeconds) {
      this.needsAgent[lead] = 1;
    }
    if (early && !rules.lockoutAllowsGuaranteedCall) this.counters.recontactsRefused++;
    const due = retry.line.push(lead, now);
    if (due < this.nextRetryDueAt) this.nextRetryDueAt = due;
  }

  /**
   * Moves the leads whose retry delay has run out, earliest due first, to the queues they wait
   * in for a call. Called before a lead is taken, so a retry is offered from the instant it is due.
   */
  private takeDueRetries(): void {
    const now = this.sim.now;
    const lines = this.retryLines;
    for (;;) {
      let first: DelayLine | null = null;
      for (const line of lines) {
        if (line.headDueAt <= now && (first === null || line.headDueAt < first.headDueAt)) {
          first = line;
        }
      }
      if (first === null) break;
      this.onRetryDue(first.shift());
    }
    let next = Number.POSITIVE_INFINITY;
    for (const line of lines) next = Math.min(next, line.headDueAt);
    this.nextRetryDueAt = next;
  }

  private readonly onCallingHoursOpen = (lead: number): void => {
    this.leadsAwaitingHours--;
    this.onRetryDue(lead);
  };

  private onRetryDue(lead: number): void {
    if (this.needsAgent[lead]) this.dueGuaranteed.push(lead);
    else this.dueRetries.push(lead);
  }

  private pendingRetries(): number {
    let waiting = 0;
    for (const line of this.retryLines) waiting += line.size;
    return waiting;
  }

  protected isDone(): boolean {
    return (
      this.nextFresh >= this.leadsTotal &&
      this.pendingRetries() === 0 &&
      this.leadsAwaitingHours === 0 &&
      this.dueRetries.size === 0 &&
      this.dueGuaranteed.size === 0 &&
      this.pacedCallsInFlight() === 0 &&
      this.guaranteedInFlight === 0 &&
      this.agentsPool.talking === 0
    );
  }
}
