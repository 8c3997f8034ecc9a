import { describe, expect, it } from "vitest";
import type { Call } from "../../src/model/call.js";
import type { DayWindow } from "../../src/model/rules.js";
import { liveRig, liveScenario } from "./live-fixture.js";

const rig = liveRig();
const DAY = 86_400;
/** A minute of scenario time in half a second. */
const SCALE = 120;

describe("pacelab live across midnight", () => {
  it("keeps agents on duty and dialing from one day into the next", async () => {
    // Friday 23:45 to Saturday 00:15, agents on shift all day both days: the live runner's
    // clock crosses the day boundary with calls in progress (15 s of real time).
    const base = liveScenario();
    const lateFriday: DayWindow[] = [{ start: DAY - 900, end: DAY }];
    const earlySaturday: DayWindow[] = [{ start: 0, end: 900 }];
    const scenario = liveScenario({
      calendar: { start: "2026-12-04", days: 2, holidays: [] },
      rules: {
        ...base.rules,
        callingHours: {
          weekday: lateFriday,
          saturday: earlySaturday,
          sunday: [],
          holiday: [],
          dayBeforeHoliday: [],
        },
      },
      agents: { ...base.agents, groups: [{ count: 4, start: 0, end: DAY, breaks: [] }] },
    });
    const endpoint = await rig.endpoint(scenario, 5, SCALE);
    const outcome = await rig.run({
      scenario,
      seed: 9,
      targetPort: endpoint.address.port,
      timeScale: SCALE,
      durationSeconds: 1800 / SCALE + 1,
      recordCalls: true,
    });
    expect(outcome.attemptsEnded).toBe(outcome.attemptsPlaced);
    expect(outcome.leftOnLine).toBe(0);
    const calls = outcome.run.calls as Call[];
    const connected = (from: number, to: number) =>
      calls.filter((c) => c.result === "connected" && c.placedAt >= from && c.placedAt < to).length;
    expect(connected(DAY - 900, DAY)).toBeGreaterThan(5);
    expect(connected(DAY, DAY + 900)).toBeGreaterThan(5);
    expect(calls.every((c) => c.placedAt >= DAY - 900 && c.placedAt < DAY + 900)).toBe(true);
  }, 120_000);
});
