import { GATE_REFUSAL_REASONS } from "../../consent/gate.js";
import type { DialerCounters } from "../../pacing/view.js";
import { type Call, CallState, OutcomeCode } from "../call.js";
import type { CampaignCounters } from "../campaign-counters.js";
import type { Breach } from "./agent-ledger.js";

/** What the call and lead laws read of a finished run. */
export interface RunBooks {
  readonly stopAt: number;
  /** True when every lead was finished before the calendar ran out. */
  readonly completed: boolean;
  readonly counters: CampaignCounters;
  readonly totals: DialerCounters;
  /** Every attempt, in the order placed. */
  readonly calls: readonly Call[];
  readonly leadsTotal: number;
  /** Leads waiting for a call: never dialled, or waiting for a retry or their calling hours. */
  readonly leadsWaiting: number;
  /** Leads finished without a call by a rule of the runner's own (the live lock-out store). */
  readonly leadsSetAside: number;
}

/**
 * The calls' conservation laws: one record per attempt, every attempt with one outcome, every
 * person who answered connected or silent, nothing in progress once every lead is finished.
 */
export function checkCalls(books: RunBooks, breach: Breach): void {
  const { stopAt, counters: c, calls } = books;
  if (calls.length !== c.attempts) {
    breach("calls", stopAt, "campaign", `${c.attempts} attempts counted, ${calls.length} placed`);
  }
  const ids = new Set<number>();
  let ringing = 0;
  let ended = 0;
  let personsWaiting = 0;
  for (const call of calls) {
    const who = `call ${call.id} (lead ${call.lead})`;
    if (ids.has(call.id)) breach("calls", call.placedAt, who, "placed twice");
    ids.add(call.id);
    if (call.state === CallState.ringing) ringing++;
    if (call.state === CallState.ended) ended++;
    else if (books.completed) {
      breach("calls", stopAt, who, "still in progress when every lead was finished");
    }
    const answeredPerson = call.outcome === OutcomeCode.person && call.answeredAt >= 0;
    if (answeredPerson && call.state !== CallState.ended && call.state !== CallState.talking) {
      personsWaiting++;
    }
    if (answeredPerson && call.state === CallState.ended && !isConnectedOrSilent(call)) {
      breach("calls", call.endedAt, who, `a person answered and the call ended "${call.result}"`);
    }
  }
  const outcomes =
    c.outcomePerson + c.outcomeMachine + c.outcomeBusy + c.outcomeNoAnswer + c.outcomeInvalid;
  if (c.attempts !== outcomes + ringing) {
    breach(
      "calls",
      stopAt,
      "campaign",
      `${c.attempts} attempts, ${outcomes} outcomes and ${ringing} still ringing`,
    );
  }
  if (c.humanAnswered !== c.connected + c.silent + personsWaiting) {
    breach(
      "calls",
      stopAt,
      "campaign",
      `${c.humanAnswered} person answers, ${c.connected} connected, ${c.silent} silent and ${personsWaiting} still waiting`,
    );
  }
  if (books.totals.ended !== ended) {
    breach(
      "calls",
      stopAt,
      "campaign",
      `the dialer counted ${books.totals.ended} ended calls, ${ended} ended`,
    );
  }
}

/**
 * Every lead is reached (a person put through), exhausted, refused by the gate, waiting for a
 * call, or in one: none lost, none counted twice.
 */
export function checkLeads(books: RunBooks, breach: Breach): void {
  const c = books.counters;
  const outside = GATE_REFUSAL_REASONS.indexOf("outsideCallingHours");
  const refused = c.gateRefusals.reduce((n, count, i) => (i === outside ? n : n + count), 0);
  let inCall = 0; // calls in progress whose lead is not reached yet
  for (const call of books.calls) {
    const reached = call.isPerson && call.state === CallState.talking;
    if (call.state !== CallState.ended && !reached) inCall++;
  }
  const finished = c.connected + c.leadsExhausted + refused + books.leadsSetAside;
  const accounted = finished + books.leadsWaiting + inCall;
  if (accounted !== books.leadsTotal) {
    breach(
      "leads",
      books.stopAt,
      "campaign",
      `${books.leadsTotal} leads loaded, but ${c.connected} reached + ${c.leadsExhausted} exhausted + ${refused} refused + ${books.leadsSetAside} set aside + ${books.leadsWaiting} waiting + ${inCall} in a call = ${accounted}`,
    );
  }
}

function isConnectedOrSilent(call: Call): boolean {
  return call.result === "connected" || call.result.startsWith("silent-");
}
