import { describe, expect, it } from "vitest";
import { EventQueue, rankOf, seqOf } from "../../src/sim/event-queue.js";

const noop = () => {};

function drain(q: EventQueue): { time: number; rank: number; subject: unknown }[] {
  const out = [];
  while (q.pop()) out.push({ time: q.poppedTime, rank: q.poppedRank, subject: q.poppedSubject });
  return out;
}

describe("EventQueue", () => {
  it("pops in (time, priority, seq) order whatever the push order", () => {
    const q = new EventQueue();
    const entries: { time: number; priority: number; seq: number }[] = [];
    // A deterministic shuffle of many keys with ties on time and priority; enough to grow.
    for (let seq = 0; seq < 5000; seq++) {
      entries.push({ time: (seq * 7919) % 97, priority: ((seq * 31) % 5) - 2, seq });
    }
    for (const e of entries) q.push(e.time, rankOf(e.priority, e.seq), noop, e.seq);
    expect(q.size).toBe(5000);
    const expected = [...entries].sort(
      (a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq,
    );
    expect(drain(q).map((e) => e.subject)).toEqual(expected.map((e) => e.seq));
  });

  it("folds priority and sequence into one exact rank", () => {
    expect(rankOf(-1, 5)).toBeLessThan(rankOf(0, 0));
    expect(rankOf(0, 4)).toBeLessThan(rankOf(0, 5));
    expect(seqOf(rankOf(3, 2 ** 39 + 17))).toBe(2 ** 39 + 17);
    expect(() => rankOf(5000, 0)).toThrow(RangeError);
  });

  it("reports the earliest time and an empty queue", () => {
    const q = new EventQueue();
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
    q.push(5, rankOf(0, 0), noop, "late");
    q.push(1, rankOf(0, 1), noop, "early");
    expect(q.peekTime()).toBe(1);
    expect(q.size).toBe(2);
  });

  it("interleaves pushes and pops correctly", () => {
    const q = new EventQueue();
    let seq = 0;
    let x = 12345;
    const rand = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) q.push(rand() * 100, rankOf(0, seq++), noop, null);
    let last = -1;
    for (let i = 0; i < 5000; i++) {
      expect(q.pop()).toBe(true);
      expect(q.poppedTime).toBeGreaterThanOrEqual(last);
      last = q.poppedTime;
      q.push(last + rand() * 100, rankOf(0, seq++), noop, null);
    }
  });
});
