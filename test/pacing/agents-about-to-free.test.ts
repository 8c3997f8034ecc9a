import { describe, expect, it } from "vitest";
import { AgentsAboutToFreePacer, nearlyFreeFrom } from "../../src/pacing/agents-about-to-free.js";
import type { AboutToFreeConfig } from "../../src/pacing/config.js";
import { makeView, randomInt, seededRandom } from "./view-fixture.js";

const base: AboutToFreeConfig = {
  algorithm: "agents-about-to-free",
  threshold: 0.97,
  warmupTalks: 10,
  cadenceSeconds: 1,
};

/** 10 talks of mean 100 s; 10 answers after a mean 10 s of ringing. */
const history = { talks: 10, talkSeconds: 1000, answered: 10, ringSecondsAnswered: 100 };

describe("AgentsAboutToFreePacer", () => {
  it("decides every cadence and on agent ready", () => {
    const pacer = new AgentsAboutToFreePacer({ ...base, cadenceSeconds: 2 });
    expect(pacer.name).toBe("agents-about-to-free");
    expect(pacer.cadenceSeconds).toBe(2);
    expect(pacer.decidesOnAgentReady).toBe(true);
  });

  it("is progressive until warmupTalks conversations have finished", () => {
    const pacer = new AgentsAboutToFreePacer(base);
    const view = makeView({
      agents: { ready: 3 },
      calls: { ringing: 1 },
      talkElapsed: [1000, 2000],
      totals: { ...history, talks: 9, talkSeconds: 900 },
    });
    expect(pacer.decide(view)).toBe(2);
  });

  it("counts a talking agent as nearly free when 1 - exp(-(t + t_answer)/mean) >= q", () => {
    const pacer = new AgentsAboutToFreePacer(base);
    // t* = -100 ln(0.03) - 10 = 340.66 s
    const view = makeView({
      agents: { ready: 2 },
      calls: { ringing: 1, waiting: 1 },
      talkElapsed: [0, 100, 340, 341, 500],
      totals: history,
    });
    expect(pacer.decide(view)).toBe(2 + 2 - 2);
    expect(nearlyFreeFrom(100, 10, 0.97)).toBeCloseTo(-100 * Math.log(0.03) - 10, 9);
  });

  it("agrees with the formula on random views", () => {
    const rng = seededRandom(11);
    for (let i = 0; i < 500; i++) {
      const threshold = 0.5 + 0.49 * rng();
      const pacer = new AgentsAboutToFreePacer({ ...base, threshold });
      const talks = randomInt(rng, 10, 200);
      const totals = {
        talks,
        talkSeconds: talks * (30 + 300 * rng()),
        answered: randomInt(rng, 0, 300),
        ringSecondsAnswered: 0,
      };
      totals.ringSecondsAnswered = totals.answered * 20 * rng();
      const talkElapsed = Array.from({ length: randomInt(rng, 0, 30) }, () => 1500 * rng());
      const view = makeView({
        agents: { ready: randomInt(rng, 0, 10) },
        calls: { ringing: randomInt(rng, 0, 10), waiting: randomInt(rng, 0, 2) },
        talkElapsed,
        totals,
      });
      const meanTalk = totals.talkSeconds / totals.talks;
      const tAnswer = totals.answered > 0 ? totals.ringSecondsAnswered / totals.answered : 0;
      const nearlyFree = talkElapsed.filter(
        (t) => 1 - Math.exp(-(t + tAnswer) / meanTalk) >= threshold,
      ).length;
      const expected = Math.max(
        0,
        view.agents.ready + nearlyFree - view.calls.ringing - view.calls.waiting,
      );
      expect(pacer.decide(view)).toBe(expected);
    }
  });

  it("uses t_answer = 0 before the first answer", () => {
    const pacer = new AgentsAboutToFreePacer(base);
    const view = makeView({
      talkElapsed: [345, 355],
      totals: { ...history, answered: 0, ringSecondsAnswered: 0 },
    });
    expect(pacer.decide(view)).toBe(1); // t* = 350.66
  });
});
