import type { PacingConfig } from "../pacing/config.js";
import { createPacer } from "../pacing/create-pacer.js";
import type { ForecastRequest } from "../pacing/forecaster.js";
import type { Pacer } from "../pacing/pacer.js";
import type { AgentCounts, CallCounts, DialerCounters, DialerView } from "../pacing/view.js";
import { Simulation } from "../sim/simulation.js";
import { ForecastCall } from "./forecast-call.js";
import { type ForecastDraws, NO_ANSWER } from "./forecast-draws.js";
import { remainingAfter } from "./remaining-time.js";

type Counters = { -readonly [K in keyof DialerCounters]: number };
type Agents = { -readonly [K in keyof AgentCounts]: number };
type Calls = { -readonly [K in keyof CallCounts]: number };

const READY = 0;
const TALKING = 1;
const WRAP_UP = 2;

/** The dialer's settings a forecast keeps from the scenario. */
export interface DialerSettings {
  readonly cutoffSeconds: number;
  readonly noAnswerTimeoutSeconds: number;
  readonly amdFalsePositiveRate: number;
  readonly amdFalseNegativeRate: number;
}

/** What one simulated future gave. */
export interface FutureOutcome {
  readonly talkSeconds: number;
  readonly silent: number;
  readonly denominator: number;
  readonly placed: number;
}

/**
 * One simulated future of one candidate pacing, started from an observation: the observed
 * agents (talking and in wrap-up with their remaining times drawn conditional on the time
 * already spent), the observed calls ringing, under detection and waiting (likewise), the
 * dialer's counters so far, and the leads left. On the kernel, with the candidate's real pacer
 * deciding on this future's own view, as in the campaign: at its cadence and, if it asks, when
 * an agent becomes ready. The calls follow the campaign model's path (ring, AMD, the hold with
 * its cut-off and the callee's patience, talk, wrap-up); leads, retries, shifts and breaks are
 * left out over a horizon of minutes.
 *
 * Its draws are taken as they are: the forecaster restarts one set of draws for each future.
 * Each future has a Simulation of its own: one reused across futures would cost more, the
 * garbage collector then tracking every young call and handler stored in its old arrays.
 */
export class ForecastRun implements DialerView {
  readonly agents: Agents = { loggedIn: 0, ready: 0, talking: 0, wrapUp: 0, reserved: 0 };
  // A future has no network: no CANCEL crosses an answer, every agent is heard at once.
  readonly calls: Calls = { ringing: 0, detecting: 0, waiting: 0, cancelling: 0, unconfirmed: 0 };
  readonly totals: Counters;
  readonly today: Counters;
  private readonly sim = new Simulation();
  private readonly pacer: Pacer;
  /** Whether ticks that would place nothing are skipped up to the next event. */
  private readonly skipsIdleTicks: boolean;
  private readonly state: Uint8Array;
  private readonly talkStart: Float64Array;
  private readonly readyList: Int32Array;
  private readonly elapsedScratch: Float64Array;
  private readonly holding: ForecastCall[] = [];
  private holdHead = 0;
  private leadsLeft: number;
  private silent = 0;
  private talkSeconds = 0;
  private readonly startNow: number;
  private readonly startWindowEnd: number;

  constructor(
    private readonly request: ForecastRequest,
    candidate: PacingConfig,
    private readonly draws: ForecastDraws,
    private readonly settings: DialerSettings,
  ) {
    const view = request.view;
    this.startNow = view.now;
    this.startWindowEnd = view.secondsToWindowEnd;
    this.totals = { ...view.totals };
    this.today = { ...view.today };
    this.leadsLeft = request.observation.leadsLeft;
    this.pacer = createPacer(candidate);
    this.skipsIdleTicks =
      this.pacer.readsCountsOnly === true || this.pacer.ticksFollowCounts === true;
    const a = view.agents;
    const size = a.ready + a.talking + a.wrapUp + a.reserved;
    this.state = new Uint8Array(size);
    this.talkStart = new Float64Array(size);
    this.readyList = new Int32Array(size);
    this.elapsedScratch = new Float64Array(size);
    this.agents.loggedIn = size;
    this.startAgents();
    this.startCalls();
  }

  get now(): number {
    return this.startNow + this.sim.now;
  }

  get secondsToWindowEnd(): number {
    return Math.max(0, this.startWindowEnd - this.sim.now);
  }

  get talkElapsed(): ArrayLike<number> {
    let k = 0;
    const t = this.sim.now;
    for (let agent = 0; agent < this.state.length; agent++) {
      if (this.state[agent] === TALKING) this.elapsedScratch[k++] = t - this.talkStart[agent];
    }
    return this.elapsedScratch.subarray(0, k);
  }

  /** Runs the future for `seconds` and says what it gave. */
  simulate(seconds: number): FutureOutcome {
    this.onTick(seconds);
    this.sim.run(seconds);
    for (let agent = 0; agent < this.state.length; agent++) {
      if (this.state[agent] === TALKING)
        this.talkSeconds += seconds - Math.max(0, this.talkStart[agent]);
    }
    const base = this.request.view.totals;
    const t = this.totals;
    const denominator =
      this.request.denominator === "connected"
        ? t.connected - base.connected
        : t.live - base.live - (t.machinesAtAgent - base.machinesAtAgent);
    return {
      talkSeconds: this.talkSeconds,
      silent: this.silent,
      denominator,
      placed: t.placed - base.placed,
    };
  }

  // --- The observed start -----------------------------------------------------------------

  private startAgents(): void {
    const obs = this.request.observation;
    const d = this.draws;
    let agent = 0;
    for (let i = 0; i < obs.talking.length; i++) {
      this.startTalking(agent++, obs.talking.at(i), remainingAfter(d.talk, obs.talking.at(i)));
    }
    // Agents held for a recontact are about to talk: counted as starting a conversation.
    for (
      let i = obs.talking.length;
      i < obs.talking.length + this.request.view.agents.reserved;
      i++
    ) {
      this.startTalking(agent++, 0, d.talk());
    }
    for (let i = 0; i < obs.wrapUp.length; i++) {
      this.state[agent] = WRAP_UP;
      this.agents.wrapUp++;
      this.sim.schedule(remainingAfter(d.wrapUp, obs.wrapUp.at(i)), this.onWrapUpEnd, agent++);
    }
    while (agent < this.state.length) this.makeReady(agent++);
  }

  /** `agent` talks for `remaining` more seconds, having talked `elapsed` already. */
  private startTalking(agent: number, elapsed: number, remaining: number): void {
    this.state[agent] = TALKING;
    this.talkStart[agent] = this.sim.now - elapsed;
    this.agents.talking++;
    this.sim.schedule(remaining, this.onTalkEnd, agent);
  }

  private startCalls(): void {
    const obs = this.request.observation;
    const d = this.draws;
    const timeout = this.settings.noAnswerTimeoutSeconds;
    for (let i = 0; i < obs.ringing.length; i++) {
      const elapsed = obs.ringing.at(i);
      let outcome = NO_ANSWER;
      let ring = Math.max(timeout, elapsed);
      for (let tries = 0; tries < 64; tries++) {
        const drawn = d.call();
        if (drawn > elapsed) {
          outcome = d.lastOutcome;
          ring = drawn;
          break;
        }
      }
      this.ring(outcome, ring, ring - elapsed);
    }
    const cutoff = this.settings.cutoffSeconds;
    for (let i = 0; i < obs.detecting.length; i++) {
      const elapsed = obs.detecting.at(i);
      const call = this.answeredCall(elapsed);
      call.state = "detecting";
      this.calls.detecting++;
      const detection = elapsed + remainingAfter(d.detection ?? (() => 0), elapsed);
      if (detection > cutoff)
        this.sim.schedule(Math.max(0, cutoff - elapsed), this.onTooSlow, call);
      else this.sim.schedule(detection - elapsed, this.onDetected, call);
    }
    for (let i = 0; i < obs.waiting.length; i++) {
      const elapsed = obs.waiting.at(i);
      const call = this.answeredCall(elapsed);
      this.hold(
        call,
        call.isPerson ? remainingAfter(d.patience, elapsed) : Number.POSITIVE_INFINITY,
      );
    }
  }

  /** A call answered `elapsed` seconds ago: a person at the estimated share. */
  private answeredCall(elapsed: number): ForecastCall {
    const call = new ForecastCall(this.draws.isPerson() ? 0 : 1, 0);
    call.answeredAt = -elapsed;
    return call;
  }

  // --- Ticks and placements ---------------------------------------------------------------

  private readonly onTick = (horizon: number): void => {
    const asked = this.decideAndPlace();
    const cadence = this.pacer.cadenceSeconds;
    if (!this.skipsIdleTicks || (asked > 0 && this.leadsLeft > 0)) {
      if (this.sim.now + cadence < horizon) this.sim.schedule(cadence, this.onTick, horizon);
      return;
    }
    // No count moves before the next event, so the pacer answers as it just did: the ticks
    // before it would place nothing either (as the campaign's pacing loop skips them).
    let next = this.sim.now + cadence;
    const until = Math.min(this.sim.peek(), horizon);
    while (next < until) next += cadence;
    if (next < horizon) this.sim.scheduleAt(next, this.onTick, horizon);
  };

  /** Asks the pacer and places what it asks for while leads last; returns what it asked. */
  private decideAndPlace(): number {
    const n = this.pacer.decide(this);
    for (let i = 0; i < n && this.leadsLeft > 0; i++) this.place();
    return n;
  }

  private place(): void {
    this.leadsLeft--;
    this.totals.placed++;
    this.today.placed++;
    const ring = this.draws.call();
    this.ring(this.draws.lastOutcome, ring, ring);
  }

  /**
   * A call ringing for `ring` seconds in all, `left` of them from now. Only a call to be
   * answered is made an object: most calls are busy, unanswered or invalid numbers.
   */
  private ring(outcome: number, ring: number, left: number): void {
    this.calls.ringing++;
    if (outcome > 1) this.sim.schedule(left, this.onRingEndedUnanswered, null);
    else this.sim.schedule(left, this.onRingEnded, new ForecastCall(outcome, ring));
  }

  // --- A call's path ----------------------------------------------------------------------

  private readonly onRingEndedUnanswered = (): void => {
    this.calls.ringing--;
    this.countEnded();
  };

  private readonly onRingEnded = (call: ForecastCall): void => {
    this.calls.ringing--;
    call.answeredAt = this.sim.now;
    this.totals.answered++;
    this.today.answered++;
    this.totals.ringSecondsAnswered += call.ring;
    this.today.ringSecondsAnswered += call.ring;
    const detection = this.draws.detection;
    if (detection === null) {
      this.goLive(call);
      return;
    }
    call.state = "detecting";
    this.calls.detecting++;
    const seconds = detection();
    const cutoff = this.settings.cutoffSeconds;
    if (seconds > cutoff) this.sim.schedule(cutoff, this.onTooSlow, call);
    else this.sim.schedule(seconds, this.onDetected, call);
  };

  private readonly onDetected = (call: ForecastCall): void => {
    this.calls.detecting--;
    const u = this.draws.amd();
    const s = this.settings;
    const judgedMachine = call.isPerson ? u < s.amdFalsePositiveRate : u >= s.amdFalseNegativeRate;
    if (!judgedMachine) {
      this.goLive(call);
      return;
    }
    this.totals.machines++;
    this.today.machines++;
    if (call.isPerson) this.silent++;
    this.countEnded();
  };

  private readonly onTooSlow = (call: ForecastCall): void => {
    this.calls.detecting--;
    this.drop(call);
  };

  private goLive(call: ForecastCall): void {
    this.totals.live++;
    this.today.live++;
    if (this.agents.ready > 0) {
      this.connect(call, this.readyList[--this.agents.ready]);
      return;
    }
    const patience = call.isPerson ? this.draws.patience() : Number.POSITIVE_INFINITY;
    this.hold(call, patience - (this.sim.now - call.answeredAt));
  }

  /** Holds `call` for an agent until the cut-off or, `patienceLeft` from now, its hang-up. */
  private hold(call: ForecastCall, patienceLeft: number): void {
    const cutoffLeft = call.answeredAt + this.settings.cutoffSeconds - this.sim.now;
    call.state = "waiting";
    this.calls.waiting++;
    this.holding.push(call);
    call.cutoff = this.sim.schedule(Math.max(0, cutoffLeft), this.onCutoff, call);
    if (patienceLeft < cutoffLeft) {
      call.hangUp = this.sim.schedule(Math.max(0, patienceLeft), this.onHangUp, call);
    }
  }

  private readonly onCutoff = (call: ForecastCall): void => {
    this.sim.cancel(call.hangUp);
    this.calls.waiting--;
    this.drop(call);
  };

  private readonly onHangUp = (call: ForecastCall): void => {
    this.sim.cancel(call.cutoff);
    this.calls.waiting--;
    this.drop(call);
  };

  private drop(call: ForecastCall): void {
    call.state = "ended";
    this.totals.dropped++;
    this.today.dropped++;
    if (call.isPerson) this.silent++;
    this.countEnded();
  }

  private connect(call: ForecastCall, agent: number): void {
    if (call.state === "waiting") {
      this.calls.waiting--;
      this.sim.cancel(call.cutoff);
      this.sim.cancel(call.hangUp);
    }
    call.state = "talking";
    let seconds: number;
    if (call.isPerson) {
      this.totals.connected++;
      this.today.connected++;
      seconds = this.draws.talk();
    } else {
      this.totals.machinesAtAgent++;
      this.today.machinesAtAgent++;
      seconds = this.draws.machineMessage();
    }
    this.startTalking(agent, 0, seconds);
  }

  private readonly onTalkEnd = (agent: number): void => {
    const now = this.sim.now;
    this.talkSeconds += now - Math.max(0, this.talkStart[agent]);
    this.totals.talks++;
    this.today.talks++;
    this.totals.talkSeconds += now - this.talkStart[agent];
    this.today.talkSeconds += now - this.talkStart[agent];
    this.countEnded();
    this.state[agent] = WRAP_UP;
    this.agents.talking--;
    this.agents.wrapUp++;
    this.sim.schedule(this.draws.wrapUp(), this.onWrapUpEnd, agent);
  };

  private readonly onWrapUpEnd = (agent: number): void => {
    this.agents.wrapUp--;
    const waiting = this.nextWaiting();
    if (waiting !== null) {
      this.connect(waiting, agent);
      return;
    }
    this.makeReady(agent);
    if (this.pacer.decidesOnAgentReady) this.decideAndPlace();
  };

  private makeReady(agent: number): void {
    this.state[agent] = READY;
    this.readyList[this.agents.ready++] = agent;
  }

  private nextWaiting(): ForecastCall | null {
    while (this.holdHead < this.holding.length) {
      const call = this.holding[this.holdHead++];
      if (call.state === "waiting") return call;
    }
    return null;
  }

  // The counts are written by name, here and above, not through a key: a keyed write costs as
  // much as the rest of an event.
  private countEnded(): void {
    this.totals.ended++;
    this.today.ended++;
  }
}
