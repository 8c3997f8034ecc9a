import { describe, expect, it } from "vitest";
import { type LiveActions, LiveCampaign, type LiveLockouts } from "../../src/live/live-campaign.js";
import type { LockoutState } from "../../src/live/lockout-store.js";
import type { Call } from "../../src/model/call.js";
import { makeScenario } from "../support/scenario-fixture.js";

/** The live campaign's pure core, driven by hand: no sockets, no clock. */
function harness(locked: ReadonlySet<string> = new Set()) {
  const log: string[] = [];
  const dialed: { call: Call; number: string }[] = [];
  const locks = new Map<string, boolean>();
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
    state: (n): LockoutState => (locked.has(n) ? "locked" : "free"),
    lock: (n, needsAgent) => locks.set(n, needsAgent),
    guaranteeHonoured: () => {},
  };
  const scenario = makeScenario({
    agents: {
      groups: [{ count: 1, start: 9 * 3600, end: 17 * 3600, breaks: [] }],
      talk: { dist: "fixed", value: 60 },
      wrapUp: { dist: "fixed", value: 5 },
    },
    leads: { kind: "file", path: "x", numbers: ["+39 06 1111", "+39 06 2222", "+39-06-3333"] },
    pacing: { algorithm: "vicidial-ratio", level: 2, cadenceSeconds: 2.5 },
  });
  const campaign = new LiveCampaign(scenario, 1, actions, lockouts);
  return { campaign, log, dialed, locks };
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
    expect(locks.get("+39062222")).toBe(true);
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
    const { campaign, dialed } = harness(new Set(["+39061111"]));
    campaign.advanceTo(campaign.start());
    expect(dialed.map((d) => d.number)).toEqual(["+39062222", "+39063333"]);
    expect(campaign.live.refusedLocked).toBe(1);
    campaign.failed(dialed[0].call, "rejected", 486);
    campaign.failed(dialed[1].call, "rejected", 404);
    const c = campaign.finish().counters;
    expect([c.outcomeBusy, c.outcomeInvalid]).toEqual([1, 1]);
    expect(campaign.live.rejectedByStatus).toEqual({ 404: 1, 486: 1 });
  });

  it("drops an answer that crossed the no-answer CANCEL instead of giving it to an agent", () => {
    const { campaign, log, dialed, locks } = harness();
    campaign.advanceTo(campaign.start());
    campaign.answeredAfterGiveUp(dialed[0].call, "person");
    expect(log).toContain(`bye ${dialed[0].call.id} silent-no-agent`);
    expect(log).not.toContain(`audio ${dialed[0].call.id}`);
    expect(locks.has("+39061111")).toBe(true);
  });
});
