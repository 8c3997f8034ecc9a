import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/endpoint/call-record.js";
import { judge, verdictText } from "../../src/endpoint/verdict.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";

const ANSWER = 1_000_000;

/** An answered person's record: agent audio and end in ms after the answer (null: none). */
function person(
  id: string,
  audioAfter: number | null,
  endedAfter: number | null,
  comfortNoise = false,
): CallRecord {
  return {
    callId: id,
    number: "1",
    outcome: "person",
    invitedAt: ANSWER - 5000,
    ringingAt: ANSWER - 4000,
    answeredAt: ANSWER,
    finalStatus: 200,
    finalAt: ANSWER,
    agentAudioAt: audioAfter === null ? null : ANSWER + audioAfter,
    comfortNoise,
    endedAt: endedAfter === null ? null : ANSWER + endedAfter,
    endedBy: endedAfter === null ? null : "caller",
    succeeded: endedAfter === null ? null : true,
    cancelAfterAnswerAt: null,
  };
}

const connected = (n: number): CallRecord[] =>
  Array.from({ length: n }, (_, i) => person(`c${i}`, 100, 60_000));

describe("judge (the endpoint's verdict)", () => {
  it("holds for connected calls and a silent call cut off in time with comfort noise", () => {
    const v = judge(
      [...connected(40), person("s", null, 3100, true)],
      IT_GARANTE_2014,
      250,
      ANSWER + 1e6,
    );
    expect(v.ceiling.silent).toBe(1);
    expect(v.ceiling.denominator).toBe(40);
    expect(v.ceiling.per100).toBe(2.5);
    expect(v.held).toBe(true);
    expect(verdictText(v)).toMatch(/HELD/);
  });

  it("finds the ceiling broken when silent calls exceed 3 per 100 connected", () => {
    const silent = [1, 2].map((i) => person(`s${i}`, null, 2000, true));
    const v = judge([...connected(40), ...silent], IT_GARANTE_2014, 250, ANSWER + 1e6);
    expect(v.ceiling.per100).toBe(5);
    expect(v.ceiling.held).toBe(false);
    expect(v.cutoff.held).toBe(true);
    expect(v.held).toBe(false);
    expect(verdictText(v)).toMatch(/ceiling: VIOLATED: 2 silent of 40 connected calls = 5 per 100/);
  });

  it("finds the cut-off broken by a call held too long, and a late connection silent", () => {
    const late = person("late", 4000, 60_000, true); // agent came after 4 s
    const held = person("held", null, 8000, true); // never an agent, hung up after 8 s
    const v = judge([...connected(100), late, held], IT_GARANTE_2014, 250, ANSWER + 1e6);
    expect(v.cutoff.late.map((l) => l.callId)).toEqual(["late", "held"]);
    expect(v.ceiling.silent).toBe(2); // notConnectedWithinCutoff counts the late one
    expect(v.cutoff.held).toBe(false);
    const literal = judge(
      [...connected(100), late, held],
      { ...IT_GARANTE_2014, numerator: { ...IT_GARANTE_2014.numerator, counts: "notConnected" } },
      250,
      ANSWER + 1e6,
    );
    expect(literal.ceiling.silent).toBe(1);
  });

  it("finds comfort noise missing on a silent call held past the grace time only", () => {
    const v = judge(
      [...connected(100), person("quiet", null, 2900), person("dropped", null, 100)],
      IT_GARANTE_2014,
      250,
      ANSWER + 1e6,
    );
    expect(v.comfortNoise.missing).toEqual(["quiet"]);
    expect(v.comfortNoise.held).toBe(false);
    const message = judge(
      [person("quiet", null, 2900)],
      { ...IT_GARANTE_2014, whileWaiting: "informationMessage" },
      250,
      ANSWER + 1e6,
    );
    expect(message.comfortNoise.held).toBeNull();
  });

  it("ignores machines and calls still inside the cut-off, and counts answers for `answered`", () => {
    const machine: CallRecord = { ...person("m", null, 60_000), outcome: "machine" };
    const fresh = person("fresh", null, null); // answered 1 s before `now`, no agent yet
    const v = judge(
      [machine, fresh, person("s", null, 2000, true), ...connected(1)],
      { ...IT_GARANTE_2014, denominator: "answered" },
      250,
      ANSWER + 1000,
    );
    expect(v.ceiling.denominator).toBe(2);
    expect(v.ceiling.silent).toBe(1);
    expect(v.cutoff.checked).toBe(2);
  });

  it("has no ratio when silent calls came and none was put through", () => {
    const v = judge([person("s", null, 2000, true)], IT_GARANTE_2014, 250, ANSWER + 1e6);
    expect(v.ceiling.per100).toBeNull();
    expect(v.ceiling.held).toBe(false);
  });
});
