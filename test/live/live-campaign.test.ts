import { describe, expect, it } from "vitest";
import {
  type LiveActions,
  LiveCampaign,
  type LiveLock,
  type LiveLockouts,
} from "../../src/live/live-campaign.js";
import type { LockoutState } from "../../src/live/lockout-store.js";
import type { Call } from "../../src/model/call.js";
import { BUILT_IN_RULE_SETS } from "../../src/rules/built-in-rule-sets.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { makeScenario } from "../support/scenario-fixture.js";

const UK = BUILT_IN_RULE_SETS["uk-ofcom-2016"];

/**
 * The live campaign's pure core, driven by hand: no sockets, no clock. `stored` is what the
 * lock-out store says of each number (free when absent).
 */
function harness(
  stored: ReadonlyMap<string, LockoutState> = new Map(),
  overrides: Partial<Scenario> = {},
  heardAfter = 0,
) {
  const log: string[] = [];
  const dialed: { call: Call; number: string }[] = [];
  const locks = new Map<string, LiveLock>();
  const honoured: string[] = [];
  const actions: LiveActions = {
    dial: (call, number) => {
      dialed.push({ call, number });
      log.push(`dial ${number}`);
    },
    playComfortNoise: (call) => log.push(`cn ${call.id}`),
    playAgentAudio: (call) => log.push(`audio ${call.id}`),
    hangUp: (call, result) => log.push(`bye ${call.id} ${result}`),
  };
  const lockouts: LiveLockouts = {
    state: (n): LockoutState => stored.get(n) ?? "free",
    lock: (n, lock) => locks.set(n, lock),
    guaranteeHonoured: (n) => honoured.push(n),
  };
  const scenario = makeScenario({
    agents: {
      groups: [{ count: 1, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "fixed", value: 60 },
      wrapUp: { dist: "fixed", value: 5 },
    },
    leads: { kind: "file", path: "x", numbers: ["+39 06 1111", "+39 06 2222", "+39-06-3333"] },
    pacing: { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 },
    ...overrides,
  });
  const campaign = new LiveCampaign(scenario, 1, actions, lockouts, { heardAfter });
  return { campaign, log, dialed, locks, honoured };
}

/** A dialer whose AMD (when on) judges every answer right after 1 s. */
function dialer(cutoffSeconds: number, amd: boolean, lockAfterHangup: boolean): Scenario["dialer"] {
  const base = makeScenario().dialer;
  return {
    ...base,
    cutoffSeconds,
    amd: {
      ...base.amd,
      enabled: amd,
      detection: { dist: "fixed", value: 1 },
      falsePositiveRate: 0,
      falseNegativeRate: 0,
      lockAfterHangup,
    },
  };
}

/** UK rules, AMD as in {@link dialer}. */
function ukOverrides(amd = false, lockAfterHangup = false): Partial<Scenario> {
  return { rules: UK, dialer: dialer(UK.cutoffLimitSeconds, amd, lockAfterHangup) };
}

/** Starts the campaign and runs it to 09:00, when its agent logs in (UK hours open at 08:00). */
function begin(campaign: LiveCampaign): number {
  campaign.start();
  campaign.advanceTo(9 * 3600);
  return 9 * 3600;
}

describe("the live campaign's core", () => {
  it("connects the first answer, holds the second with comfort noise and hangs it up at the cut-off", () => {
    const { campaign, log, dialed, locks } = harness();
    const t0 = campaign.start();
    expect(t0).toBe(9 * 3600);
    campaign.advanceTo(t0);
    expect(dialed.map((d) => d.number)).toEqual(["+39061111", "+39062222"]);
    const [first, second] = dialed;
    campaign.advanceTo(t0 + 1);
    campaign.answered(first.call, "person");
    campaign.answered(second.call, "person");
    expect(log.slice(2)).toEqual([`audio ${first.call.id}`, `cn ${second.call.id}`]);
    campaign.advanceTo(t0 + 3.9); // 2.9 s after the answer: still waiting
    expect(log).not.toContain(`bye ${second.call.id} silent-no-agent`);
    campaign.advanceTo(t0 + 4); // the cut-off, 3 s after the answer
    expect(log).toContain(`bye ${second.call.id} silent-no-agent`);
    expect(locks.get("+39062222")).toEqual({
      lockout: "refuse",
      agentForDay: false,
      needsAgent: true,
    }); // Italy: no call for 5 days, then one with an agent held
    campaign.advanceTo(t0 + 61); // the agent's talk ends: BYE from the dialer
    expect(log).toContain(`bye ${first.call.id} connected`);
    campaign.ended(first.call, "local");
    campaign.ended(second.call, "local");
    const run = campaign.finish();
    expect(run.counters.connected).toBe(1);
    expect(run.counters.silent).toBe(1);
    expect(run.counters.silentNoAgent).toBe(1);
    expect(campaign.live.endedAtStop).toBe(0); // the dialer's own BYEs are not drain hang-ups
  });

  it("books a callee's BYE while waiting as a silent call without sending BYE back", () => {
    const { campaign, log, dialed } = harness();
    campaign.advanceTo(campaign.start());
    const [first, second] = dialed;
    campaign.answered(first.call, "person");
    campaign.answered(second.call, "person");
    campaign.ended(second.call, "remote");
    expect(log.some((l) => l.startsWith(`bye ${second.call.id}`))).toBe(false);
    expect(campaign.finish().counters.silentCalleeHungUp).toBe(1);
    expect(campaign.live.endedByCallee).toBe(1);
  });

  it("maps final statuses to outcomes and skips numbers the store has locked", () => {
    const { campaign, dialed } = harness(new Map([["+39061111", "locked"]]));
    campaign.advanceTo(campaign.start());
    expect(dialed.map((d) => d.number)).toEqual(["+39062222", "+39063333"]);
    expect(campaign.live.refusedLocked).toBe(1);
    campaign.failed(dialed[0].call, "rejected", 486);
    campaign.failed(dialed[1].call, "rejected", 404);
    const c = campaign.finish().counters;
    expect([c.outcomeBusy, c.outcomeInvalid]).toEqual([1, 1]);
    expect(campaign.live.rejectedByStatus).toEqual({ 404: 1, 486: 1 });
  });

  it("puts an answer that crossed the no-answer CANCEL through to the free agent", () => {
    const { campaign, log, dialed, locks } = harness();
    const t0 = campaign.start();
    campaign.advanceTo(t0);
    const late = dialed[0].call;
    campaign.answeredAfterGiveUp(late, "person");
    expect(log).toContain(`audio ${late.id}`);
    expect(log.some((l) => l.startsWith(`bye ${late.id}`))).toBe(false);
    campaign.advanceTo(t0 + 60); // the agent's talk ends: BYE from the dialer
    expect(log).toContain(`bye ${late.id} connected`);
    const run = campaign.finish();
    expect([run.counters.connected, run.counters.silent]).toEqual([1, 0]);
    expect(campaign.live.answeredAfterGiveUp).toBe(1);
    expect(locks.has("+39061111")).toBe(false);
  });

  it("counts a person who hangs up within the round trip of the agent coming on as silent", () => {
    const { campaign, log, dialed, locks } = harness(new Map(), {}, 10);
    const t0 = campaign.start();
    campaign.advanceTo(t0);
    const [unheard, heard] = dialed;
    campaign.answered(unheard.call, "person");
    expect(log).toContain(`audio ${unheard.call.id}`);
    campaign.advanceTo(t0 + 4);
    campaign.ended(unheard.call, "remote"); // their BYE, 4 s (scenario) after the connect
    expect(locks.has("+39061111")).toBe(true);
    campaign.advanceTo(t0 + 20); // the agent's wrap-up is over
    campaign.answered(heard.call, "person");
    campaign.advanceTo(t0 + 35);
    campaign.ended(heard.call, "remote"); // 15 s on: they heard the agent
    const c = campaign.finish().counters;
    expect([c.connected, c.silent, c.silentCalleeHungUp]).toEqual([1, 1, 1]);
    expect([campaign.live.endedByCallee, campaign.live.hungUpUnheard]).toEqual([2, 1]);
  });

  it("counts an answer that crossed the no-answer CANCEL with no agent free as silent, by its own cause", () => {
    const { campaign, log, dialed, locks } = harness();
    campaign.advanceTo(campaign.start());
    const [first, second] = dialed;
    campaign.answered(first.call, "person"); // takes the only agent
    campaign.answeredAfterGiveUp(second.call, "person");
    // Hung up at once (no comfort noise, no wait for the cut-off), and locked like any silent call.
    expect(log.slice(2)).toEqual([
      `audio ${first.call.id}`,
      `bye ${second.call.id} silent-answer-after-cancel`,
    ]);
    expect(locks.has("+39062222")).toBe(true);
    const run = campaign.finish();
    const c = run.counters;
    expect([c.connected, c.silent, c.silentAnswerAfterCancel, c.silentNoAgent]).toEqual([
      1, 1, 1, 0,
    ]);
    // The dialer saw a live answer it dropped, as the guard's books assume of every silent call.
    expect([run.dialer.live, run.dialer.dropped]).toEqual([2, 1]);
  });

  it.each(["agent-required", "needs-agent"] as const)(
    "sends a number the store marks %s to a call with an agent held, after the paced calls",
    (state) => {
      const { campaign, dialed, honoured } = harness(
        new Map([["+39061111", state]]),
        ukOverrides(),
      );
      const t0 = begin(campaign);
      // The only agent is spoken for by the two paced calls in flight: 1111 waits for it.
      expect(dialed.map((d) => d.number)).toEqual(["+39062222", "+39063333"]);
      expect(campaign.live.guaranteedFromStore).toBe(1);
      campaign.failed(dialed[0].call, "rejected", 486);
      campaign.failed(dialed[1].call, "rejected", 486);
      campaign.advanceTo(t0 + 2.5); // the next tick: the agent is ready and held for it
      expect(dialed.map((d) => d.number)).toEqual(["+39062222", "+39063333", "+39061111"]);
      expect(dialed[0].call.reservedAgent).toBe(-1);
      expect(dialed[2].call.reservedAgent).toBeGreaterThanOrEqual(0);
      expect(honoured).toEqual(["+39061111"]);
      expect(campaign.live.refusedLocked).toBe(0);
      // Asked again before its held call goes out, the store's word sends no second lead.
      expect(campaign.live.guaranteedFromStore).toBe(1);
    },
  );

  it("under UK rules asks the store for an agent on every call for 72 h after a silent call, no lock", () => {
    const { campaign, dialed, locks } = harness(new Map(), ukOverrides());
    const t0 = begin(campaign);
    campaign.answered(dialed[0].call, "person");
    campaign.answered(dialed[1].call, "person");
    campaign.advanceTo(t0 + UK.cutoffLimitSeconds); // the second waits past the cut-off
    expect([...locks]).toEqual([
      ["+39062222", { lockout: "agent", agentForDay: false, needsAgent: false }],
    ]);
  });

  it.each([
    [false, { lockout: null, agentForDay: true, needsAgent: false }],
    [true, { lockout: "agent", agentForDay: true, needsAgent: false }],
  ])(
    "under UK rules asks the store for an agent the rest of the day after an AMD hang-up (lockAfterHangup %s)",
    (lockAfterHangup, expected) => {
      const { campaign, dialed, locks } = harness(new Map(), ukOverrides(true, lockAfterHangup));
      const t0 = begin(campaign);
      campaign.answered(dialed[0].call, "machine");
      campaign.advanceTo(t0 + 1); // AMD judges it a machine and hangs up
      expect(campaign.finish().counters.amdMachineHangups).toBe(1);
      expect([...locks]).toEqual([["+39061111", expected]]);
    },
  );

  it("under Italian rules writes nothing for an AMD hang-up that does not lock", () => {
    const { campaign, dialed, locks } = harness(new Map(), { dialer: dialer(3, true, false) });
    const t0 = begin(campaign);
    campaign.answered(dialed[0].call, "machine");
    campaign.advanceTo(t0 + 1);
    expect(campaign.finish().counters.amdMachineHangups).toBe(1);
    expect(locks.size).toBe(0);
  });
});
