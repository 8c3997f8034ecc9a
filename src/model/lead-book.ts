import { GATE_REFUSAL_REASONS } from "../consent/gate.js";
import type { Scenario } from "../scenario/scenario.js";
import type { Simulation } from "../sim/simulation.js";
import type { Call, CallResult } from "./call.js";
import type { CampaignCounters } from "./campaign-counters.js";
import { copyPlainFields } from "./copy-state.js";
import { DelayLine } from "./delay-line.js";
import { IntQueue } from "./int-queue.js";
import type { LeadGate } from "./lead-gate.js";
import { agentRequiredRestOfDay } from "./rules.js";

const DAY = 86_400;

/** A retry rule: how many attempts a lead may have, and the leads waiting out its delay. */
interface RetryRule {
  readonly line: DelayLine;
  readonly maxAttempts: number;
}

/**
 * What a record kept outside the run says of a lead (live mode: the lock-out store): call it
 * (`free`), never in this run (`locked`), or only with an agent held (`agent`).
 */
export type LeadStanding = "free" | "locked" | "agent";

/** Reads each lead's standing from outside the run, before the lead is called. */
export interface LeadScreen {
  standing(lead: number): LeadStanding;
}

/**
 * The campaign's leads: which to call next, how many attempts each has had, the retries waiting
 * out their delays, the lock-outs after silent calls, and the consent gate's verdicts. Per-lead
 * state lives in typed arrays so that a million leads stay small.
 *
 * It writes only its own counters (`attempts`' lock-out checks, gate refusals, locks, exhausted
 * leads, refused recontacts).
 */
export class LeadBook {
  readonly total: number;
  private nextFresh = 0;
  private readonly attemptsMade: Uint8Array;
  /** Leads whose next call must go out with an agent held. */
  private readonly needsAgent: Uint8Array;
  /** 1 while a lead's last silent call still bears on its next call (see `silentSince`). */
  private readonly silent: Uint8Array;
  /** When each silent lead's last silent call was; read only where `silent` is 1. */
  private readonly silentSince: Float64Array;
  /** Campaign seconds before which every call to the lead needs an agent reserved (UK rules). */
  private readonly agentRequiredUntil: Float64Array;
  /** The rules require an agent held at times other than after a lock (UK). */
  private readonly agentRequiredAtTimes: boolean;
  private readonly dueRetries = new IntQueue();
  private readonly dueGuaranteed = new IntQueue();
  /** Each retry rule with the leads waiting out its delay (constant delays keep FIFO order). */
  private readonly busyRetry: RetryRule;
  private readonly noAnswerRetry: RetryRule;
  private readonly machineRetry: RetryRule;
  private readonly silentRetry: RetryRule;
  private readonly retryLines: readonly DelayLine[];
  /** When the first lead waiting in a retry line is due (Infinity: none waits). */
  private nextRetryDueAt = Number.POSITIVE_INFINITY;
  /** Leads refused outside their calling hours, waiting for them to open. */
  private awaitingHours = 0;
  /** Leads the screen kept out of this run. */
  private screenedOut = 0;
  /** Times the screen sent a lead offered for a plain call to a call with an agent held. */
  private screenedToAgent = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly sim: Simulation,
    private readonly counters: CampaignCounters,
    private readonly gate: LeadGate,
    private readonly screen: LeadScreen | null,
  ) {
    const leads = scenario.leads;
    this.total = leads.kind === "count" ? leads.count : leads.numbers.length;
    this.attemptsMade = new Uint8Array(this.total);
    this.needsAgent = new Uint8Array(this.total);
    // A flag apart rather than NaN in silentSince: new arrays are zeros, so a long list costs
    // no fill, and the per-call check reads one byte.
    this.silent = new Uint8Array(this.total);
    this.silentSince = new Float64Array(this.total);
    this.agentRequiredUntil = new Float64Array(this.total);
    const rules = scenario.rules;
    this.agentRequiredAtTimes =
      rules.lockoutAllowsGuaranteedCall || rules.sameDayRepeatAfterAmdHangup === "agentGuaranteed";
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
  }

  /** Puts this book in `other`'s state: every lead's position, its retries and lock-outs. */
  copyFrom(other: LeadBook): void {
    copyPlainFields(this, other);
    copyPlainFields(this.dueRetries, other.dueRetries);
    copyPlainFields(this.dueGuaranteed, other.dueGuaranteed);
    this.retryLines.forEach((line, i) => {
      copyPlainFields(line, other.retryLines[i]);
    });
  }

  /** The next lead to call with no agent held (a retry due, else a fresh one), or -1. */
  next(): number {
    const lead = this.nextUnscreened();
    return lead < 0 || this.screen === null ? lead : this.screened(lead);
  }

  /** `lead` if the screen lets it be called now, else the next lead it lets through, or -1. */
  private screened(offered: number): number {
    const screen = this.screen as LeadScreen;
    for (let lead = offered; lead >= 0; lead = this.nextUnscreened()) {
      const standing = screen.standing(lead);
      if (standing === "free") return lead;
      if (standing === "locked") {
        this.screenedOut++;
      } else {
        this.screenedToAgent++;
        this.requireAgent(lead);
      }
    }
    return -1;
  }

  /** The next lead with no agent held, before the screen's say. */
  private nextUnscreened(): number {
    if (this.sim.now >= this.nextRetryDueAt) this.takeDueRetries();
    if (this.dueRetries.size > 0) return this.dueRetries.shift();
    return this.nextFresh < this.total ? this.nextFresh++ : -1;
  }

  /** The next recontact due with an agent held, or -1. */
  nextGuaranteed(): number {
    for (;;) {
      if (this.sim.now >= this.nextRetryDueAt) this.takeDueRetries();
      const lead = this.dueGuaranteed.size > 0 ? this.dueGuaranteed.shift() : -1;
      if (lead < 0 || this.screen === null || this.screen.standing(lead) !== "locked") {
        return lead;
      }
      this.screenedOut++;
    }
  }

  /**
   * Asks the gate whether `lead` may be called now. A lead refused outside its calling hours
   * is offered again when they open; any other refusal finishes it.
   */
  admits(lead: number, windowOpen: boolean): boolean {
    return (windowOpen && this.gate.passesWhileOpen) || this.askGate(lead);
  }

  /** The gate's verdict on `lead` now; see {@link admits}. */
  private askGate(lead: number): boolean {
    const now = this.sim.now;
    const refusal = this.gate.refusal(lead, now);
    if (refusal === null) return true;
    this.counters.gateRefusals[GATE_REFUSAL_REASONS.indexOf(refusal)]++;
    if (refusal === "outsideCallingHours") {
      const wait = this.gate.secondsToHours(lead, now);
      // A lead whose hours open only after the calendar's end still waits: it is unfinished,
      // and the campaign must not be reported complete without it.
      this.awaitingHours++;
      if (now + wait < this.scenario.calendar.days * DAY) {
        this.sim.schedule(wait, this.onCallingHoursOpen, lead);
      }
    }
    return false;
  }

  /**
   * `lead` is called now (`reservedAgent` held for it, or -1): checks the call against its
   * lock-out and returns the attempt's number.
   */
  recordAttempt(lead: number, reservedAgent: number): number {
    // Apart, and so out of the inlined hot path: most calls follow no silent call.
    if (this.silent[lead] === 1) this.recordRecontact(lead, reservedAgent);
    this.needsAgent[lead] = 0;
    return ++this.attemptsMade[lead];
  }

  /**
   * The first call after a silent call must respect the lock-out and the reserved agent; where
   * the lock-out admits calls with an agent reserved (UK), so must every call in it.
   */
  private recordRecontact(lead: number, reservedAgent: number): void {
    const rules = this.scenario.rules;
    // The lock-out's end is computed as the retry's due time is, since + delay: at that very
    // instant the time since the silent call can fall an ulp short of the lock-out.
    const insideLockout = this.sim.now < this.silentSince[lead] + rules.lockoutSeconds;
    if (
      insideLockout
        ? !(rules.lockoutAllowsGuaranteedCall && reservedAgent >= 0)
        : rules.guaranteeAgentAfterSilent && reservedAgent < 0
    ) {
      this.counters.recontactViolations++;
    }
    if (!(insideLockout && rules.lockoutAllowsGuaranteedCall)) this.silent[lead] = 0;
  }

  /** A person on `lead` was left without an agent now: its lock-out starts. */
  silenced(lead: number): void {
    this.silent[lead] = 1;
    this.silentSince[lead] = this.sim.now;
  }

  /**
   * An attempt ended with `result`: the lead is finished, or waits for its retry rule's delay.
   * Returns true when the dialer locked the number (a drop, or an AMD hang-up where so set).
   */
  afterCall(call: Call, result: CallResult): boolean {
    const retry = this.retryRuleFor(result);
    if (retry === null) return false;
    const lead = call.lead;
    const locked = retry === this.silentRetry;
    if (locked) this.counters.locksApplied++;
    if (this.attemptsMade[lead] >= retry.maxAttempts) {
      this.counters.leadsExhausted++;
      return locked;
    }
    const now = this.sim.now;
    // Kept apart: most calls end neither locked nor under rules that ever require an agent.
    if (locked || this.agentRequiredAtTimes) this.requireAgentIfDue(lead, result, locked, retry);
    const due = retry.line.push(lead, now);
    if (due < this.nextRetryDueAt) this.nextRetryDueAt = due;
    return locked;
  }

  /** True once no lead is left to call or waiting for a retry or its hours. */
  get finished(): boolean {
    return (
      this.nextFresh >= this.total &&
      this.pendingRetries() === 0 &&
      this.awaitingHours === 0 &&
      this.dueRetries.size === 0 &&
      this.dueGuaranteed.size === 0
    );
  }

  /** Whether {@link next} has a lead to offer now (a fresh one or a retry come due), screen aside. */
  get hasLeadNow(): boolean {
    return this.dueRetries.size > 0 || this.nextFresh < this.total;
  }

  /** When the next lead waiting in a retry line comes due (Infinity: none waits). */
  get nextRetryDue(): number {
    return this.nextRetryDueAt;
  }

  /** Leads waiting for a call: never dialled, or waiting for a retry or their calling hours. */
  get waiting(): number {
    const due = this.awaitingHours + this.dueRetries.size + this.dueGuaranteed.size;
    return this.total - this.nextFresh + this.pendingRetries() + due;
  }

  /** Leads the screen kept out of this run (locked outside it): finished without a call. */
  get setAside(): number {
    return this.screenedOut;
  }

  /**
   * Times the screen sent a lead offered for a plain call to a call with an agent held. A lead
   * already waiting for an agent is asked again only whether it is locked, and not counted.
   */
  get sentToAgent(): number {
    return this.screenedToAgent;
  }

  /** The rule whose delay and attempts apply after `result`; null when the lead is finished. */
  private retryRuleFor(result: CallResult): RetryRule | null {
    switch (result) {
      case "connected":
        return null;
      case "invalid":
        this.counters.leadsExhausted++;
        return null;
      case "busy":
        return this.busyRetry;
      case "no-answer":
        return this.noAnswerRetry;
      case "machine-message":
        return this.machineRetry;
      case "machine-hangup":
      case "silent-amd-false-positive":
        // The dialer sees a machine either way; it may treat every AMD hang-up as possibly silent.
        return this.scenario.dialer.amd.lockAfterHangup ? this.silentRetry : this.machineRetry;
      default:
        return this.silentRetry; // every drop the dialer sees
    }
  }

  /**
   * After a lock, or under rules that require an agent at times (UK), decides whether `lead`'s
   * retry needs an agent held, and counts a recontact the rules refuse.
   */
  private requireAgentIfDue(
    lead: number,
    result: CallResult,
    locked: boolean,
    retry: RetryRule,
  ): void {
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
  }

  /** Its first call after an earlier lock, or any call in an agent-required time: only with an agent held. */
  private requireAgent(lead: number): void {
    this.needsAgent[lead] = 1;
    this.dueGuaranteed.push(lead);
  }

  /**
   * Moves the leads whose retry delay has run out, earliest due first, to the queues they wait
   * in for a call. Called before a lead is taken, so a retry is offered from the instant it is due.
   */
  private takeDueRetries(): void {
    // Indexed loops: a for-of loop's iterator makes the bytecode several times longer, and
    // this runs inlined in the placement path, where V8's inlining budget is tight.
    const now = this.sim.now;
    const lines = this.retryLines;
    for (;;) {
      let first: DelayLine | null = null;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.headDueAt <= now && (first === null || line.headDueAt < first.headDueAt)) {
          first = line;
        }
      }
      if (first === null) break;
      this.onRetryDue(first.shift());
    }
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < lines.length; i++) next = Math.min(next, lines[i].headDueAt);
    this.nextRetryDueAt = next;
  }

  private readonly onCallingHoursOpen = (lead: number): void => {
    this.awaitingHours--;
    this.onRetryDue(lead);
  };

  private onRetryDue(lead: number): void {
    if (this.needsAgent[lead]) this.dueGuaranteed.push(lead);
    else this.dueRetries.push(lead);
  }

  private pendingRetries(): number {
    let waiting = 0;
    const lines = this.retryLines;
    for (let i = 0; i < lines.length; i++) waiting += lines[i].size; // (see takeDueRetries)
    return waiting;
  }
}
