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
import { DialerTally } from "./dialer-tally.js";
import { HoldQueue } from "./hold-queue.js";

/**
 * Every attempt from dial to end: ring, answer, answering-machine detection, the wait for an
 * agent with its cut-off and the callee's patience, the talk and the wrap-up. It tells the
 * dialer's tally each move a dialer sees and the campaign's counters what really happened; the
 * line decides what each dialed number does.
 *
 * Handlers are bound once and take the call as the event's subject, and ended records are
 * reused when nothing keeps them, so the hot path allocates nothing.
 */
export class CallFlow {
  /** What the dialer counts of its calls: the pacer's view reads it. */
  readonly tally: DialerTally;
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
    this.tally = new DialerTally(this.sim, this.pool);
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
    this.tally.copyFrom(other.tally);
    this.holding.copyFrom(other.holding, calls);
    this.records.copyFrom(other.records, calls);
    copySamplerState(this.talk, other.talk);
    copySamplerState(this.wrapUpTime, other.wrapUpTime);
    copySamplerState(this.machineMessage, other.machineMessage);
    if (other.amd !== null) this.amd?.copyFrom(other.amd);
  }

  /** True when no call is in progress, paced or with an agent held. */
  get idle(): boolean {
    const t = this.tally;
    return t.pacedInFlight === 0 && t.guaranteedInFlight === 0 && this.pool.talking === 0;
  }

  /** Dials `lead`'s attempt number `attempt`, with `reservedAgent` held for it (or -1). */
  place(lead: number, attempt: number, reservedAgent: number): void {
    // The outcome is the line's to say: at once in the simulator, at the final response live.
    const call = this.records.open(lead, attempt, this.sim.now, reservedAgent);
    const ring = this.line.dial(call);
    if (ring >= 0) this.sim.schedule(ring, this.ringEnded, call);
    this.counters.attempts++;
    this.tally.placed(call);
    if (reservedAgent >= 0) this.counters.guaranteedCalls++;
  }

  /**
   * The line is cancelling unanswered `call` (live mode: the no-answer timer ran out): it rings
   * on until its final response, now at risk whatever the agents (see `CallCounts.cancelling`).
   */
  cancelSent(call: Call): void {
    if (call.cancelSent || call.state !== CallState.ringing) return;
    call.cancelSent = true;
    this.tally.cancelling(call);
  }

  /** The ring is over: `call.outcome` says how (an answer, a rejection, or no answer). */
  readonly ringEnded = (call: Call): void => {
    this.tally.ringEnded(call);
    const c = this.counters;
    // One call site of endCall for the three ends without an answer: the JIT inlines a copy
    // of it at each, and fewer copies keep the hot code small.
    let unanswered: CallResult | null = null;
    switch (call.outcome) {
      case OutcomeCode.busy:
        c.outcomeBusy++;
        unanswered = "busy";
        break;
      case OutcomeCode.noAnswer:
        c.outcomeNoAnswer++;
        unanswered = "no-answer";
        break;
      case OutcomeCode.invalid:
        c.outcomeInvalid++;
        unanswered = "invalid";
        break;
    }
    if (unanswered !== null) {
      this.endCall(call, unanswered);
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
    this.tally.answered(call);
    if (this.amd !== null) {
      call.state = CallState.detecting;
      this.tally.detecting(call, 1);
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
        this.tally.detecting(call, -1);
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
    if (call.state === CallState.waiting) this.unhold(call);
    call.state = CallState.talking;
    call.agent = agent;
    call.connectedAt = now;
    this.pool.set(agent, AgentState.talking, now);
    this.tally.track();
    if (!call.isPerson) {
      this.tally.machineAtAgent();
      this.counters.machinesConnected++;
    } else if (this.line.heardAfter > 0) {
      this.awaitHeard(call);
    } else {
      this.countConnected(call);
    }
    // A talk never ends before the agent can have been heard: the dialer that hung up first
    // could not tell a heard call from one the callee left in silence (a time-scaled live talk
    // can be shorter than the round trip; in the simulator `heardAfter` is 0).
    const duration = call.isPerson
      ? Math.max(this.talk(), this.line.heardAfter)
      : this.machineMessage();
    // Kept so that a live callee hanging up first can end the talk early.
    call.timer = this.sim.schedule(duration, this.onTalkEnd, call);
    this.line.connected(call);
  }

  // connect's less common parts, apart so that connect stays small enough for V8 to inline.

  /** `call` holds for an agent no more: its cut-off and the callee's patience are off. */
  private unhold(call: Call): void {
    this.tally.waiting(-1);
    this.sim.cancel(call.timer);
    this.sim.cancel(call.patienceTimer);
    call.timer = -1;
    call.patienceTimer = -1;
  }

  /** Connected once the agent's audio can have reached the callee (see `CallLine.heardAfter`). */
  private awaitHeard(call: Call): void {
    this.tally.unconfirmed(1);
    call.heardTimer = this.sim.schedule(this.line.heardAfter, this.onHeard, call);
  }

  /** A person put through: the dialer counts the call connected. */
  private countConnected(call: Call): void {
    this.tally.connected();
    this.counters.connected++;
    this.counters.connectedHoldSeconds += call.connectedAt - call.answeredAt;
  }

  /** The agent's audio can have reached the callee, who is still on the line. */
  private readonly onHeard = (call: Call): void => {
    call.heardTimer = -1;
    this.tally.unconfirmed(-1);
    this.countConnected(call);
  };

  /**
   * The callee hung up before the agent's audio can have reached them (live mode): they hung
   * up on the silence, a silent call of the cause that kept them waiting. The agent wraps up.
   */
  private unheard(call: Call): void {
    this.sim.cancel(call.heardTimer);
    call.heardTimer = -1;
    this.tally.unconfirmed(-1);
    this.startWrapUp(call.agent);
    this.drop(call, call.cancelSent ? "answerAfterCancel" : "calleeHungUp");
  }

  /** The agent's call is over: after-call work for a drawn time, then it is free. */
  private startWrapUp(agent: number): void {
    this.pool.set(agent, AgentState.wrapUp, this.sim.now);
    this.sim.schedule(this.wrapUpTime(), this.onWrapUpEnd, agent);
  }

  private readonly onDetected = (call: Call): void => {
    call.timer = -1;
    this.tally.detecting(call, -1);
    const judgedMachine = (this.amd as AmdDetector).judgesMachine(call.isPerson);
    call.amdVerdict = judgedMachine ? "machine" : "person";
    if (!judgedMachine) {
      if (!call.isPerson) this.counters.amdFalseNegatives++;
      this.goLive(call);
      return;
    }
    this.tally.machineHungUp();
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
    this.tally.detecting(call, -1);
    this.drop(call, "amdTooSlow");
  };

  /**
   * An answered call judged live needs an agent now or within the cut-off. One whose answer
   * crossed the dialer's CANCEL gets one now or never: the dialer had stopped counting on an
   * agent for it.
   */
  private goLive(call: Call): void {
    this.tally.live();
    // One call site each for connect and drop: the JIT inlines a copy of a callee at each.
    const agent = call.reservedAgent >= 0 ? call.reservedAgent : this.pool.anyIdle();
    if (agent >= 0) {
      this.connect(call, agent);
    } else if (call.cancelSent || this.sim.now >= call.answeredAt + this.cutoff) {
      this.drop(call, call.cancelSent ? "answerAfterCancel" : "noAgent");
    } else {
      this.hold(call);
    }
  }

  /**
   * `call` holds for an agent until its cut-off, or until its callee hangs up (apart from
   * goLive, so that goLive stays small enough for V8 to inline).
   */
  private hold(call: Call): void {
    const deadline = call.answeredAt + this.cutoff;
    call.state = CallState.waiting;
    this.tally.waiting(1);
    this.holding.push(call);
    call.timer = this.sim.scheduleAt(deadline, this.onCutoff, call);
    if (call.isPerson) {
      const hangUpAt = call.answeredAt + this.line.patience();
      if (hangUpAt < deadline) {
        const at = Math.max(this.sim.now, hangUpAt);
        call.patienceTimer = this.sim.scheduleAt(at, this.onCalleeHangUp, call);
      }
    }
  }

  private readonly onCutoff = (call: Call): void => {
    call.timer = -1;
    this.sim.cancel(call.patienceTimer);
    this.tally.waiting(-1);
    this.drop(call, "noAgent");
  };

  private readonly onCalleeHangUp = (call: Call): void => {
    call.patienceTimer = -1;
    this.sim.cancel(call.timer);
    this.tally.waiting(-1);
    this.drop(call, "calleeHungUp");
  };

  /** A live or undetected answered call ends without an agent: the dialer counts it dropped. */
  private drop(call: Call, cause: SilentCause): void {
    const now = this.sim.now;
    this.tally.dropped();
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
      // Ended by a broken dialog or the run's stop within the round trip: taken as heard.
      this.sim.cancel(call.heardTimer);
      this.onHeard(call);
    }
    this.tally.talked(call);
    this.startWrapUp(call.agent);
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
    this.tally.ended(call);
    // A held agent is released unless the call reached it.
    if (call.reservedAgent >= 0 && call.agent < 0) this.host.agentFree(call.reservedAgent);
    const locked = this.leads.afterCall(call, result);
    this.host.callEnded();
    this.line.ended(call, result, locked);
    this.records.close(call);
  }
}
