import { type CallCounts, type DialerCounters, pacedInFlight } from "../pacing/view.js";
import { copySamplerState, type Sampler, sampler } from "../sim/distributions.js";
import type { Simulation } from "../sim/simulation.js";
import { type AgentPool, AgentState } from "./agent-pool.js";
import { AmdDetector } from "./amd-detector.js";
import { type Call, type CallResult, CallState, OutcomeCode } from "./call.js";
import type { CallFlowHost, CallFlowParts, LeadOutcomes } from "./call-flow-parts.js";
import type { CallLine } from "./call-line.js";
import { CallRecords } from "./call-records.js";
import { type CampaignCounters, SILENT_RESULTS, type SilentCause } from "./campaign-counters.js";
import { type CallCopies, copyPlainFields } from "./copy-state.js";
import { MutableDialerCounters } from "./dialer-counters.js";
import { HoldQueue } from "./hold-queue.js";
import { TimeIntegral } from "./time-integral.js";

/** Calls placed by the pacer and not yet with an agent or ended, by state. */
type PacedCalls = { -readonly [K in keyof CallCounts]: number };

/**
 * Every attempt from dial to end: ring, answer, answering-machine detection, the wait for an
 * agent with its cut-off and the callee's patience, the talk and the wrap-up. It owns the
 * dialer's counters (`totals`, `today`, the paced calls in flight) and the outcome counters of
 * what really happened, and the line decides what each dialed number does.
 *
 * Handlers are bound once and take the call as the event's subject, and ended records are
 * reused when nothing keeps them, so the hot path allocates nothing.
 */
export class CallFlow {
  /** Calls placed by the pacer and not yet with an agent or ended (a plain object: pacers read it often). */
  private readonly pacedCalls: PacedCalls = {
    ringing: 0,
    detecting: 0,
    waiting: 0,
    cancelling: 0,
    unconfirmed: 0,
  };
  private readonly totalCounts = new MutableDialerCounters();
  private readonly todayCounts = new MutableDialerCounters();
  /** The same counts, read-only to the rest of the campaign. */
  readonly paced: CallCounts = this.pacedCalls;
  readonly totals: DialerCounters = this.totalCounts;
  readonly today: DialerCounters = this.todayCounts;
  /** Calls placed with an agent held, counted apart from the paced ones. */
  private guaranteedInFlight = 0;
  /** Time integral of calls in flight (placed, not yet talking or ended), for the time series. */
  private readonly callsInFlight = new TimeIntegral();
  private lastEndedAt = 0;
  /** Counts a live line's moves that change the view with no other count: see {@link liveMoves}. */
  private lineMoves = 0;
  private readonly holding = new HoldQueue();
  private readonly records: CallRecords;
  private readonly talk: Sampler;
  private readonly wrapUpTime: Sampler;
  private readonly machineMessage: Sampler;
  private readonly amd: AmdDetector | null;
  private readonly cutoff: number;

  private readonly sim: Simulation;
  private readonly counters: CampaignCounters;
  private readonly pool: AgentPool;
  private readonly leads: LeadOutcomes;
  private readonly line: CallLine;
  private readonly host: CallFlowHost;

  constructor(parts: CallFlowParts) {
    ({
      sim: this.sim,
      counters: this.counters,
      pool: this.pool,
      leads: this.leads,
      line: this.line,
      host: this.host,
    } = parts);
    const { scenario, streams } = parts;
    this.records = new CallRecords(parts.callLog, parts.line.keepsEndedCalls);
    this.talk = sampler(scenario.agents.talk, streams.stream("talk"));
    this.wrapUpTime = sampler(scenario.agents.wrapUp, streams.stream("wrap-up"));
    this.machineMessage = sampler(scenario.callee.machineMessage, streams.stream("machine"));
    const amd = scenario.dialer.amd;
    this.amd = amd.enabled ? new AmdDetector(amd, streams.stream("amd")) : null;
    this.cutoff = scenario.dialer.cutoffSeconds;
  }

  /** Puts this flow (on copies of `other`'s streams) in `other`'s state, naming copied calls. */
  copyFrom(other: CallFlow, calls: CallCopies): void {
    copyPlainFields(this, other);
    Object.assign(this.pacedCalls, other.pacedCalls);
    copyPlainFields(this.totalCounts, other.totalCounts);
    copyPlainFields(this.todayCounts, other.todayCounts);
    copyPlainFields(this.callsInFlight, other.callsInFlight);
    this.holding.copyFrom(other.holding, calls);
    this.records.copyFrom(other.records, calls);
    copySamplerState(this.talk, other.talk);
    copySamplerState(this.wrapUpTime, other.wrapUpTime);
    copySamplerState(this.machineMessage, other.machineMessage);
    if (other.amd !== null) this.amd?.copyFrom(other.amd);
  }

  /** Paced calls ringing, under detection or waiting for an agent. */
  get pacedInFlight(): number {
    return pacedInFlight(this.pacedCalls);
  }

  /** True when no call is in progress, paced or with an agent held. */
  get idle(): boolean {
    return this.pacedInFlight === 0 && this.guaranteedInFlight === 0 && this.pool.talking === 0;
  }

  /**
   * Grows when a live line moves a count of the view that no placement, answer, end or agent
   * move accompanies: a CANCEL going out, an agent's audio reaching the callee. 0 in the
   * simulator.
   */
  get liveMoves(): number {
    return this.lineMoves;
  }

  /** Campaign seconds at which the last call ended. */
  get lastCallEndedAt(): number {
    return this.lastEndedAt;
  }

  /** Today's counters start over: the day's first calling window opens. */
  startDay(): void {
    this.todayCounts.reset();
  }

  /** Accounts for the calls in flight up to `at` and returns their time integral since 0. */
  callsInFlightSeconds(at: number): number {
    this.callsInFlight.update(at, this.callsInFlight.value);
    return this.callsInFlight.total;
  }

  /** Dials `lead`'s attempt number `attempt`, with `reservedAgent` held for it (or -1). */
  place(lead: number, attempt: number, reservedAgent: number): void {
    // The outcome is the line's to say: at once in the simulator, at the final response live.
    const call = this.records.open(lead, attempt, this.sim.now, reservedAgent);
    const ring = this.line.dial(call);
    if (ring >= 0) this.sim.schedule(ring, this.ringEnded, call);
    this.counters.attempts++;
    this.totalCounts.placed++;
    this.trackCallsInFlight();
    this.todayCounts.placed++;
    if (reservedAgent >= 0) {
      this.guaranteedInFlight++;
      this.counters.guaranteedCalls++;
    } else {
      this.pacedCalls.ringing++;
    }
  }

  /**
   * The line is cancelling unanswered `call` (live mode: the no-answer timer ran out): it rings
   * on until its final response, now at risk whatever the agents (see `CallCounts.cancelling`).
   */
  cancelSent(call: Call): void {
    if (call.cancelSent || call.state !== CallState.ringing) return;
    call.cancelSent = true;
    if (call.reservedAgent >= 0) return;
    this.pacedCalls.cancelling++;
    this.lineMoves++;
  }

  /** The ring is over: `call.outcome` says how (an answer, a rejection, or no answer). */
  readonly ringEnded = (call: Call): void => {
    if (call.reservedAgent < 0) {
      this.pacedCalls.ringing--;
      if (call.cancelSent) this.pacedCalls.cancelling--;
    }
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
    this.totalCounts.answered++;
    this.totalCounts.ringSecondsAnswered += ringSeconds;
    this.todayCounts.answered++;
    this.todayCounts.ringSecondsAnswered += ringSeconds;
    if (this.amd !== null) {
      call.state = CallState.detecting;
      if (call.reservedAgent < 0) this.pacedCalls.detecting++;
      const detection = this.amd.listenSeconds();
      // The cut-off runs from the answer, detection included.
      call.timer =
        detection > this.cutoff
          ? this.sim.schedule(this.cutoff, this.onDetectionTooSlow, call)
          : this.sim.schedule(detection, this.onDetected, call);
      return;
    }
    this.goLive(call);
  };

  /**
   * The far end ended an answered call before the dialer did: the callee hung up
   * (`calleeHungUp`), or the dialog broke or the run's drain ended it.
   */
  endedByFarEnd(call: Call, calleeHungUp: boolean): void {
    switch (call.state) {
      case CallState.detecting:
        if (call.reservedAgent < 0) this.pacedCalls.detecting--;
        this.sim.cancel(call.timer);
        call.timer = -1;
        this.drop(call, calleeHungUp ? "calleeHungUp" : "noAgent");
        return;
      case CallState.waiting:
        if (calleeHungUp) {
          this.onCalleeHangUp(call);
        } else {
          this.sim.cancel(call.timer); // the cut-off, brought forward
          this.onCutoff(call);
        }
        return;
      case CallState.talking:
        this.sim.cancel(call.timer);
        if (calleeHungUp && call.heardTimer >= 0) this.unheard(call);
        else this.onTalkEnd(call);
        return;
    }
  }

  /** The oldest call waiting for an agent, or null. */
  nextWaitingCall(): Call | null {
    return this.holding.next();
  }

  /** Puts `call` through to `agent`, who talks for a drawn time. */
  connect(call: Call, agent: number): void {
    const now = this.sim.now;
    if (call.state === CallState.waiting) {
      this.pacedCalls.waiting--;
      this.sim.cancel(call.timer);
      this.sim.cancel(call.patienceTimer);
      call.timer = -1;
      call.patienceTimer = -1;
    }
    call.state = CallState.talking;
    call.agent = agent;
    call.connectedAt = now;
    this.pool.set(agent, AgentState.talking, now);
    this.trackCallsInFlight();
    if (!call.isPerson) {
      this.totalCounts.machinesAtAgent++;
      this.todayCounts.machinesAtAgent++;
      this.counters.machinesConnected++;
    } else if (this.line.heardAfter > 0) {
      // Connected once the agent's audio can have reached the callee (see `CallLine.heardAfter`).
      this.pacedCalls.unconfirmed++;
      call.heardTimer = this.sim.schedule(this.line.heardAfter, this.onHeard, call);
    } else {
      this.countConnected(call);
    }
    const duration = call.isPerson ? this.talk() : this.machineMessage();
    // Kept so that a live callee hanging up first can end the talk early.
    call.timer = this.sim.schedule(duration, this.onTalkEnd, call);
    this.line.connected(call);
  }

  /** A person put through: the dialer counts the call connected. */
  private countConnected(call: Call): void {
    this.totalCounts.connected++;
    this.todayCounts.connected++;
    this.counters.connected++;
    this.counters.connectedHoldSeconds += call.connectedAt - call.answeredAt;
  }

  /** The agent's audio can have reached the callee, who is still on the line. */
  private readonly onHeard = (call: Call): void => {
    call.heardTimer = -1;
    this.pacedCalls.unconfirmed--;
    this.lineMoves++;
    this.countConnected(call);
  };

  /**
   * The callee hung up before the agent's audio can have reached them (live mode): they hung
   * up on the silence, a silent call of the cause that kept them waiting. The agent wraps up.
   */
  private unheard(call: Call): void {
    this.sim.cancel(call.heardTimer);
    call.heardTimer = -1;
    this.pacedCalls.unconfirmed--;
    this.lineMoves++;
    this.startWrapUp(call.agent, this.sim.now);
    this.drop(call, call.cancelSent ? "answerAfterCancel" : "calleeHungUp");
  }

  /** The agent's call is over: after-call work for a drawn time, then it is free. */
  private startWrapUp(agent: number, now: number): void {
    this.pool.set(agent, AgentState.wrapUp, now);
    this.sim.schedule(this.wrapUpTime(), this.onWrapUpEnd, agent);
  }

  private readonly onDetected = (call: Call): void => {
    call.timer = -1;
    if (call.reservedAgent < 0) this.pacedCalls.detecting--;
    const judgedMachine = (this.amd as AmdDetector).judgesMachine(call.isPerson);
    call.amdVerdict = judgedMachine ? "machine" : "person";
    if (!judgedMachine) {
      if (!call.isPerson) this.counters.amdFalseNegatives++;
      this.goLive(call);
      return;
    }
    this.totalCounts.machines++;
    this.todayCounts.machines++;
    this.counters.amdMachineHangups++;
    if (call.isPerson) {
      this.counters.addSilent("amdFalsePositive", this.sim.now - call.answeredAt);
      this.leads.silenced(call.lead);
      this.endCall(call, "silent-amd-false-positive");
    } else {
      this.endCall(call, "machine-hangup");
    }
  };

  private readonly onDetectionTooSlow = (call: Call): void => {
    call.timer = -1;
    if (call.reservedAgent < 0) this.pacedCalls.detecting--;
    this.drop(call, "amdTooSlow");
  };

  /**
   * An answered call judged live needs an agent now or within the cut-off. One whose answer
   * crossed the dialer's CANCEL gets one now or never: the dialer had stopped counting on an
   * agent for it.
   */
  private goLive(call: Call): void {
    this.totalCounts.live++;
    this.todayCounts.live++;
    if (call.reservedAgent >= 0) {
      this.connect(call, call.reservedAgent);
      return;
    }
    const agent = this.pool.anyIdle();
    if (agent >= 0) {
      this.connect(call, agent);
      return;
    }
    const deadline = call.answeredAt + this.cutoff;
    const now = this.sim.now;
    if (call.cancelSent) {
      this.drop(call, "answerAfterCancel");
      return;
    }
    if (now >= deadline) {
      this.drop(call, "noAgent");
      return;
    }
    call.state = CallState.waiting;
    this.pacedCalls.waiting++;
    this.holding.push(call);
    call.timer = this.sim.scheduleAt(deadline, this.onCutoff, call);
    if (call.isPerson) {
      const hangUpAt = call.answeredAt + this.line.patience();
      if (hangUpAt < deadline) {
        call.patienceTimer = this.sim.scheduleAt(
          Math.max(now, hangUpAt),
          this.onCalleeHangUp,
          call,
        );
      }
    }
  }

  private readonly onCutoff = (call: Call): void => {
    call.timer = -1;
    this.sim.cancel(call.patienceTimer);
    this.pacedCalls.waiting--;
    this.drop(call, "noAgent");
  };

  private readonly onCalleeHangUp = (call: Call): void => {
    call.patienceTimer = -1;
    this.sim.cancel(call.timer);
    this.pacedCalls.waiting--;
    this.drop(call, "calleeHungUp");
  };

  /** A live or undetected answered call ends without an agent: the dialer counts it dropped. */
  private drop(call: Call, cause: SilentCause): void {
    const now = this.sim.now;
    this.totalCounts.dropped++;
    this.todayCounts.dropped++;
    let result: CallResult = "machine-dropped";
    if (call.isPerson) {
      this.counters.addSilent(cause, now - call.answeredAt);
      this.leads.silenced(call.lead);
      result = SILENT_RESULTS[cause];
    } else {
      this.counters.machinesDropped++;
    }
    this.endCall(call, result);
  }

  private readonly onTalkEnd = (call: Call): void => {
    call.timer = -1;
    if (call.heardTimer >= 0) {
      // Ended by the dialer (or a broken dialog) within the round trip: taken as heard.
      this.sim.cancel(call.heardTimer);
      this.onHeard(call);
    }
    const now = this.sim.now;
    const talked = now - call.connectedAt;
    this.totalCounts.talks++;
    this.totalCounts.talkSeconds += talked;
    this.todayCounts.talks++;
    this.todayCounts.talkSeconds += talked;
    this.startWrapUp(call.agent, now);
    this.endCall(call, call.isPerson ? "connected" : "machine-message");
  };

  private readonly onWrapUpEnd = (agent: number): void => {
    this.host.agentFree(agent);
  };

  /** Books the end of an attempt and has its lead's future decided. */
  private endCall(call: Call, result: CallResult): void {
    const now = this.sim.now;
    call.state = CallState.ended;
    call.result = result;
    call.endedAt = now;
    this.lastEndedAt = now;
    this.totalCounts.ended++;
    this.trackCallsInFlight();
    this.todayCounts.ended++;
    if (call.reservedAgent >= 0) {
      this.guaranteedInFlight--;
      // The held agent is released unless the call reached it.
      if (call.agent < 0) this.host.agentFree(call.reservedAgent);
    }
    const locked = this.leads.afterCall(call, result);
    this.host.callEnded();
    this.line.ended(call, result, locked);
    this.records.close(call);
  }

  /** Calls placed and not yet with an agent or ended change only where this is called. */
  private trackCallsInFlight(): void {
    const inFlight = this.totalCounts.placed - this.totalCounts.ended - this.pool.talking;
    this.callsInFlight.update(this.sim.now, inFlight);
  }
}
