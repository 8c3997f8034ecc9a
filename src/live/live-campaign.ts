import type { AgentPool } from "../model/agent-pool.js";
import { type Call, type CallResult, CallState, OutcomeCode } from "../model/call.js";
import type { CallLine } from "../model/call-line.js";
import { CampaignModel, type CampaignOptions, type CampaignRun } from "../model/campaign.js";
import type { CampaignCounters } from "../model/campaign-counters.js";
import type { LeadScreen, LeadStanding } from "../model/lead-book.js";
import { agentRequiredRestOfDay } from "../model/rules.js";
import { syntheticNumber } from "../report/calls-csv.js";
import type { Scenario } from "../scenario/scenario.js";
import type { LockoutState } from "./lockout-store.js";

/** What the live campaign asks of its I/O shell. Each is a command; none answers back. */
export interface LiveActions {
  /** Place a real call for `call` to `number` (`call.id` is unique in the run). */
  dial(call: Call, number: string): void;
  /** The answered call waits (AMD or for an agent): comfort noise to the callee. */
  playComfortNoise(call: Call): void;
  /** An agent took the call: agent audio to the callee. */
  playAgentAudio(call: Call): void;
  /** The dialer ends an answered call (cut-off, end of talk, AMD machine): BYE. */
  hangUp(call: Call, result: CallResult): void;
}

/**
 * What an ended call asks of its number's later calls, in the rule set's terms; the shell turns
 * the periods into wall-clock ends.
 */
export interface LiveLock {
  /**
   * The rule set's lock-out starts: `refuse`, no call inside it (Italy); `agent`, every call
   * inside it needs an agent held (UK); null, none.
   */
  readonly lockout: "refuse" | "agent" | null;
  /** Every call until the day ends needs an agent held (UK, after an AMD hang-up). */
  readonly agentForDay: boolean;
  /** The first call once these are over needs an agent held (Italy). */
  readonly needsAgent: boolean;
}

/** The lock-outs that outlive the run, seen from the campaign (the shell adds the wall clock). */
export interface LiveLockouts {
  /** The number's state now, read before every dial. */
  state(number: string): LockoutState;
  /** Restrict `number`'s later calls, written as its call ends. */
  lock(number: string, lock: LiveLock): void;
  /** A call with an agent held went out to `number`: a pending guarantee may be honoured. */
  guaranteeHonoured(number: string): void;
}

/** How the network ended an attempt that was never answered. */
export type NetworkFailure = "rejected" | "no-answer-timeout" | "cancelled" | "lost";

/** Counts only the live runner has: what the network did and what the store refused. */
export interface LiveCounts {
  /** Leads not dialed because the store had them locked. */
  refusedLocked: number;
  /** Leads the store (`needs-agent`, `agent-required`) sent to a call with an agent held. */
  guaranteedFromStore: number;
  /** Unanswered attempts by cause, and final statuses of rejected ones. */
  failures: Record<NetworkFailure, number>;
  rejectedByStatus: Record<string, number>;
  /** Answered calls that ended by the callee (BYE) or a broken dialog before the dialer hung up. */
  endedByCallee: number;
  endedLost: number;
  /** Answered calls ended by the drain when the run stopped. */
  endedAtStop: number;
  /** 200 OKs without an X-Pacelab-Callee header (taken as a person: the safe side). */
  calleeTruthMissing: number;
  /**
   * Answers that came after the no-answer timer had sent CANCEL (the 200 crossed it): put
   * through when an agent was free, else silent under their own cause (`answerAfterCancel`).
   */
  answeredAfterGiveUp: number;
  /**
   * Persons put through whose BYE came back before the agent can have been heard (within the
   * line's round trip of the connect): counted silent, under the cause that kept them waiting.
   */
  hungUpUnheard: number;
}

/** The campaign's options that a live run sets, and the network's round trip. */
export interface LiveCampaignOptions extends Omit<CampaignOptions, "seed" | "line" | "screen"> {
  /**
   * Scenario seconds from an agent taking a call until the callee can have heard the agent
   * and their hang-up come back (see `CallLine.heardAfter`); 0 by default.
   */
  readonly heardAfter?: number;
}

/** Final statuses that mean busy and invalid; any other failure counts as no answer. */
const BUSY_STATUSES = new Set([486, 600, 603]);
const INVALID_STATUSES = new Set([404, 410, 484, 604]);

/** Writes a lead's number as a SIP user part: digits and a leading `+`. */
export function sipNumber(raw: string): string {
  return raw.replace(/[\s\-().]/g, "");
}

/**
 * The simulator's campaign (agents, shifts, breaks, wrap-up, pacing, retries, calling hours,
 * cut-off, lock-outs, reserved agents) driven by a real network instead of drawn outcomes: the
 * same {@link CampaignModel}, given this class as its line (what the dialed numbers do) and its
 * lead screen (the lock-out store).
 *
 * It stays pure: the shell advances its clock (`advanceTo`, scenario seconds) and reports what
 * the network did (`answered`, `failed`, `ended`); the campaign answers through
 * {@link LiveActions}. Time scaling is the shell's business, except that the scenario handed in
 * must carry the cut-off in scenario seconds (the rule set's real seconds times the scale).
 */
export class LiveCampaign {
  /** The live counts but those the lead book keeps (see {@link LiveCampaign.live}). */
  private readonly counts: Omit<LiveCounts, "refusedLocked" | "guaranteedFromStore"> = {
    failures: { rejected: 0, "no-answer-timeout": 0, cancelled: 0, lost: 0 },
    rejectedByStatus: {},
    endedByCallee: 0,
    endedLost: 0,
    endedAtStop: 0,
    calleeTruthMissing: 0,
    answeredAfterGiveUp: 0,
    hungUpUnheard: 0,
  };
  private readonly model: CampaignModel;
  private readonly numbers: readonly string[] | null;
  /** Answered calls the network ended before the dialer did: no BYE to send. */
  private readonly endedByNetwork = new Set<Call>();

  constructor(
    private readonly scenario: Scenario,
    seed: number,
    private readonly actions: LiveActions,
    private readonly lockouts: LiveLockouts,
    { heardAfter = 0, ...options }: LiveCampaignOptions = {},
  ) {
    this.numbers =
      scenario.leads.kind === "file" ? scenario.leads.numbers.map((n) => sipNumber(n)) : null;
    this.model = new CampaignModel(scenario, {
      ...options,
      seed,
      line: this.realLine(heardAfter),
      screen: this.screen,
    });
  }

  /** What the network did and what the lock-out store refused, so far. */
  get live(): LiveCounts {
    const leads = this.model.leads;
    return {
      ...this.counts,
      refusedLocked: leads.setAside,
      guaranteedFromStore: leads.sentToAgent,
    };
  }

  /** The campaign's running totals, for a monitor to read (never to write). */
  get counters(): Readonly<CampaignCounters> {
    return this.model.counters;
  }

  /** The agents by state, for a monitor to read (never to change). */
  get agents(): Readonly<AgentPool> {
    return this.model.agentsPool;
  }

  /** The number dialed for `lead`: the leads file's, or calls.csv's made-up one for counted leads. */
  numberOf(lead: number): string {
    return this.numbers?.[lead] ?? syntheticNumber(lead);
  }

  /**
   * Lays out the calendar and returns the scenario time to start the clock at: the first
   * calling window's opening (nothing happens before it but log-ins, which run at once).
   */
  start(): number {
    return this.model.start();
  }

  /** Runs every timer due up to `t` (scenario seconds, not before the last call). */
  advanceTo(t: number): void {
    this.model.advanceTo(t);
  }

  /** Scenario time of the next timer, or Infinity. */
  get nextEventAt(): number {
    return this.model.nextEventAt;
  }

  /** The last day's end, in scenario seconds. */
  get end(): number {
    return this.model.horizon;
  }

  /** True once every lead is finished. */
  get completed(): boolean {
    return this.model.finished;
  }

  /** Calls placed and not yet ended. */
  get inProgress(): number {
    const totals = this.model.flow.tally.totals;
    return totals.placed - totals.ended;
  }

  /** Persons put through whose agent cannot yet have been heard (see `CallLine.heardAfter`). */
  get unconfirmed(): number {
    return this.model.flow.tally.paced.unconfirmed;
  }

  /** Places no call beyond `n` attempts in all. */
  limitAttempts(n: number): void {
    this.model.limitAttempts(n);
  }

  /** True once the attempt limit is reached. */
  get attemptsExhausted(): boolean {
    return this.model.attemptsExhausted;
  }

  /** Places no more calls; what is in progress still ends through the usual events. */
  stopDialing(): void {
    this.model.stopDialing();
  }

  /** The run so far, closed at the current time (or when the last lead finished). */
  finish(): CampaignRun {
    return this.model.result();
  }

  // --- What the network did --------------------------------------------------------------

  /** The callee answered (200 OK, ACKed); `truth` is its X-Pacelab-Callee header, if any. */
  answered(call: Call, truth: string | undefined): void {
    if (truth !== "person" && truth !== "machine") this.counts.calleeTruthMissing++;
    call.outcome = truth === "machine" ? OutcomeCode.machine : OutcomeCode.person;
    this.model.flow.ringEnded(call);
    // Comfort noise from the instant of answer until an agent or the hang-up (Italian rule).
    if (call.state === CallState.detecting || call.state === CallState.waiting) {
      this.actions.playComfortNoise(call);
    }
  }

  /**
   * The callee answered after the dialer's no-answer timer had sent CANCEL (the 200 and the
   * CANCEL crossed; the line ACKed it and keeps the dialog up). A person is on the line: put
   * through to a free (or held) agent at once, else hung up at once as a silent call of its own
   * cause. It never waits: the dialer had stopped counting on an agent for it.
   */
  answeredAfterGiveUp(call: Call, truth: string | undefined): void {
    this.counts.answeredAfterGiveUp++;
    this.model.flow.cancelSent(call);
    this.answered(call, truth);
  }

  /**
   * The line is cancelling the unanswered call (its no-answer timer ran out, or the run is
   * stopping): until its final response it is at risk in the pacer's view whatever the agents,
   * since its 200 may cross the CANCEL.
   */
  cancelling(call: Call): void {
    this.model.flow.cancelSent(call);
  }

  /** The attempt ended unanswered: a final error status, the no-answer timer, or silence. */
  failed(call: Call, cause: NetworkFailure, status: number): void {
    this.counts.failures[cause]++;
    if (cause === "rejected") {
      this.counts.rejectedByStatus[status] = (this.counts.rejectedByStatus[status] ?? 0) + 1;
    }
    call.outcome =
      cause === "rejected" && BUSY_STATUSES.has(status)
        ? OutcomeCode.busy
        : cause === "rejected" && INVALID_STATUSES.has(status)
          ? OutcomeCode.invalid
          : OutcomeCode.noAnswer;
    this.model.flow.ringEnded(call);
  }

  /**
   * An answered call is over on the wire. After the dialer's own BYE nothing is left to do;
   * otherwise the callee (or a broken dialog, or the drain) ended it first, whatever the
   * campaign was doing with it.
   */
  ended(call: Call, by: "local" | "remote" | "lost"): void {
    if (call.state === CallState.ended) return;
    if (by === "remote") {
      this.counts.endedByCallee++;
      if (call.heardTimer >= 0) this.counts.hungUpUnheard++;
    } else if (by === "lost") this.counts.endedLost++;
    else this.counts.endedAtStop++;
    this.endedByNetwork.add(call);
    this.model.flow.endedByFarEnd(call, by === "remote");
  }

  // --- The campaign's line and lead screen -----------------------------------------------

  /**
   * The real line: the outcome is unknown until the final response (`answered`, `failed`);
   * `heardAfter` is the network's round trip, in scenario seconds.
   */
  private realLine(heardAfter: number): CallLine {
    return {
      // The SIP line and the shell may still hold an ended call: its record is never reused.
      keepsEndedCalls: true,
      heardAfter,
      dial: (call) => {
        const number = this.numberOf(call.lead);
        if (call.reservedAgent >= 0) this.lockouts.guaranteeHonoured(number);
        this.actions.dial(call, number);
        return -1;
      },
      // The real callee decides when to hang up; the model must not draw it.
      patience: () => Number.POSITIVE_INFINITY,
      connected: (call) => this.actions.playAgentAudio(call),
      ended: (call, result, locked) => {
        if (call.answeredAt >= 0 && !this.endedByNetwork.delete(call)) {
          this.actions.hangUp(call, result);
        }
        this.keepLock(call, result, locked);
      },
    };
  }

  /** The lock-out store's word on each lead before it is called. */
  private readonly screen: LeadScreen = {
    standing: (lead): LeadStanding => {
      const state = this.lockouts.state(this.numberOf(lead));
      // Its first call after an earlier lock, or any call in an agent-required time (UK): only
      // with an agent held.
      return state === "free" || state === "locked" ? state : "agent";
    },
  };

  /**
   * What the lead book does within the run (lock, agent required), written to the store for
   * later runs, whether or not this run will call the lead again.
   */
  private keepLock(call: Call, result: CallResult, locked: boolean): void {
    const rules = this.scenario.rules;
    const agentForDay = agentRequiredRestOfDay(rules, result);
    if (!locked && !agentForDay) return;
    this.lockouts.lock(this.numberOf(call.lead), {
      lockout: !locked ? null : rules.lockoutAllowsGuaranteedCall ? "agent" : "refuse",
      agentForDay,
      needsAgent: locked && rules.guaranteeAgentAfterSilent,
    });
  }
}
