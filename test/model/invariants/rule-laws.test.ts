import { describe, expect, it } from "vitest";
import { Call, CallState, OutcomeCode } from "../../../src/model/call.js";
import type { Breach } from "../../../src/model/invariants/agent-ledger.js";
import { checkRules } from "../../../src/model/invariants/rule-laws.js";
import { BUILT_IN_RULE_SETS } from "../../../src/rules/built-in-rule-sets.js";
import { makeScenario } from "../../support/scenario-fixture.js";

const HOUR = 3600;
const DAY = 86_400;
const CLOCK = { epochSeconds: Date.UTC(2026, 11, 1) / 1000, hoursZoneOf: null };

/** A breach as data instead of an exception: law, time, subject. */
function breaches(calls: Call[], scenario = makeScenario()): string[] {
  const found: string[] = [];
  const breach = ((law: string, at: number, subject: string) => {
    found.push(`${law} ${at} ${subject}`);
    throw new Error("stop");
  }) as Breach;
  try {
    checkRules(scenario, CLOCK, calls, breach);
  } catch {
    // the first breach stops the check, as in a run
  }
  return found;
}

/** An ended call: answered `answered` s after `placedAt`, ending as `result` after `held` s. */
function call(
  id: number,
  lead: number,
  placedAt: number,
  result: Call["result"],
  { held = 1, reserved = -1 } = {},
): Call {
  const c = new Call(id, lead, 1, placedAt, OutcomeCode.person, reserved);
  c.state = CallState.ended;
  c.answeredAt = placedAt + 5;
  if (result === "connected") c.connectedAt = c.answeredAt + held;
  c.endedAt = c.answeredAt + (result === "connected" ? held + 60 : held);
  c.result = result;
  return c;
}

describe("the rule laws", () => {
  it("pass calls inside the hours, held within the cut-off, the lock-out respected", () => {
    const calls = [
      call(0, 0, 9 * HOUR, "connected", { held: 3 }),
      call(1, 1, 10 * HOUR, "silent-no-agent", { held: 3 }),
      call(2, 1, 10 * HOUR + 6 * DAY, "connected", { reserved: 4 }), // a Monday
    ];
    const scenario = makeScenario({ calendar: { start: "2026-12-01", days: 7, holidays: [] } });
    expect(breaches(calls, scenario)).toEqual([]);
  });

  it("catch a call outside the calling hours, naming the call", () => {
    // The Garante's code-of-conduct hours: 09:00-20:00 on weekdays, never on Sundays.
    expect(breaches([call(7, 3, 8 * HOUR, "connected")])).toEqual([
      "calling-hours 28800 call 7 (lead 3)",
    ]);
    const sunday = 5 * DAY + 12 * HOUR; // 2026-12-06
    expect(breaches([call(0, 0, sunday, "connected")])).toEqual([
      `calling-hours ${sunday} call 0 (lead 0)`,
    ]);
  });

  it("catch a hold past the dialer's cut-off", () => {
    expect(breaches([call(0, 0, 10 * HOUR, "silent-no-agent", { held: 3.5 })])).toEqual([
      `cutoff ${10 * HOUR + 8.5} call 0 (lead 0)`,
    ]);
    expect(breaches([call(0, 0, 10 * HOUR, "connected", { held: 4 })])).toHaveLength(1);
  });

  it("catch a call inside the lock-out and a first call after it with no agent held", () => {
    const silent = call(0, 9, 10 * HOUR, "silent-no-agent");
    expect(breaches([silent, call(1, 9, 11 * HOUR, "connected", { reserved: 2 })])).toEqual([
      `lockout ${11 * HOUR} call 1 (lead 9)`,
    ]);
    const later = 10 * HOUR + 6 * DAY;
    expect(breaches([silent, call(1, 9, later, "connected")])).toEqual([
      `lockout ${later} call 1 (lead 9)`,
    ]);
  });

  it("let a UK recontact inside the lock-out through only with an agent held", () => {
    const uk = makeScenario({ rules: BUILT_IN_RULE_SETS["uk-ofcom-2016"] });
    const silent = call(0, 9, 10 * HOUR, "silent-no-agent");
    expect(breaches([silent, call(1, 9, 11 * HOUR, "connected", { reserved: 2 })], uk)).toEqual([]);
    expect(breaches([silent, call(1, 9, 11 * HOUR, "connected")], uk)).toHaveLength(1);
  });
});
