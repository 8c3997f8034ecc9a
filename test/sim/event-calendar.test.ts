import { describe, expect, it } from "vitest";
import { EventCalendar } from "../../src/sim/event-calendar.js";
import { rankOf } from "../../src/sim/event-queue.js";

const noop = () => {};
const WINDOW_BUCKETS = 4096;

type Entry = { time: number; rank: number };

// Exact (time, rank) order; not `a.time - b.time`, which is NaN for two Infinity times.
const byTimeThenRank = (a: Entry, b: Entry): number =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.rank - b.rank;

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

describe("EventCalendar", () => {
  it("pops in (time, rank) order through buckets, crowded buckets, the window's end and gaps", () => {
    // A simulation-like stream: pops interleaved with pushes at delays that hit bucket
    // boundaries, crowd one bucket, reach past the window, jump a night, or are Infinity; a
    // few pushes land before the last popped time, which a calendar must also order.
    const width = 0.5;
    for (let seed = 1; seed <= 10; seed++) {
      const rand = lcg(seed);
      const calendar = new EventCalendar(width);
      const pending: Entry[] = [];
      let seq = 0;
      let now = 0;
      const push = (time: number): void => {
        const entry = { time, rank: rankOf(Math.floor(rand() * 3) - 1, seq++) };
        pending.push(entry);
        calendar.push(entry.time, entry.rank, noop, entry);
      };
      const delay = (): number => {
        const r = rand();
        if (r < 0.15) return 0;
        if (r < 0.35) return Math.floor(rand() * 20) * width; // on a bucket boundary
        if (r < 0.45) return 3 * width + rand() * width; // one bucket, soon crowded
        if (r < 0.5) return WINDOW_BUCKETS * width * (0.9 + rand() * 0.2); // about the window's end
        if (r < 0.52) return 16 * 3600; // a night
        if (r < 0.53) return Number.POSITIVE_INFINITY;
        if (r < 0.54) return -rand() * 3; // before the last popped time
        if (r < 0.55) return -rand() * 2 * WINDOW_BUCKETS * width; // a window or more before
        return rand() * 30;
      };
      for (let i = 0; i < 50; i++) push(delay());
      let popped = 0;
      while (calendar.size > 0) {
        expect(calendar.pop()).toBe(true);
        pending.sort(byTimeThenRank);
        const expected = pending.shift() as Entry;
        expect(calendar.poppedSubject).toBe(expected);
        expect([calendar.poppedTime, calendar.poppedRank]).toEqual([expected.time, expected.rank]);
        popped++;
        if (calendar.poppedTime < Number.POSITIVE_INFINITY) now = calendar.poppedTime;
        for (let n = Math.floor(rand() * 2.1); n > 0 && seq < 3000; n--) push(now + delay());
        expect(calendar.size).toBe(pending.length);
        const head = pending.reduce<Entry | null>(
          (a, b) => (a === null || byTimeThenRank(b, a) < 0 ? b : a),
          null,
        );
        expect(calendar.peekTime()).toBe(head?.time ?? Number.POSITIVE_INFINITY);
        expect(calendar.peekRank()).toBe(head?.rank ?? Number.POSITIVE_INFINITY);
      }
      expect(popped).toBe(seq);
      expect(calendar.pop()).toBe(false);
    }
  });

  it("orders ties on a bucket boundary by rank, whatever the push order", () => {
    const calendar = new EventCalendar(0.25);
    const ranks = [rankOf(0, 3), rankOf(-1, 4), rankOf(0, 1), rankOf(1, 0), rankOf(0, 2)];
    for (const rank of ranks) calendar.push(0.5, rank, noop, rank);
    calendar.push(0.25 - 2 ** -50, rankOf(5, 9), noop, "just before");
    calendar.push(0.75, rankOf(-5, 10), noop, "next bucket");
    const out: unknown[] = [];
    while (calendar.pop()) out.push(calendar.poppedSubject);
    expect(out).toEqual(["just before", ...[...ranks].sort((a, b) => a - b), "next bucket"]);
  });

  it("finds the next event after the window wraps and after a long empty gap", () => {
    const calendar = new EventCalendar(1);
    let seq = 0;
    const log: number[] = [];
    const pushAt = (time: number) => calendar.push(time, rankOf(0, seq++), noop, time);
    const popOne = () => {
      expect(calendar.pop()).toBe(true);
      log.push(calendar.poppedTime);
    };
    pushAt(10);
    pushAt(4000); // the window's last buckets: it wraps around the bitmap to slots below 10's
    pushAt(4106); // past the window: the heap, until popped
    popOne();
    pushAt(4105); // within the window now that it starts at 10
    pushAt(30 * 86400); // a month away
    popOne();
    popOne();
    popOne();
    pushAt(30 * 86400 + 0.5); // beside the far event, into the window's new place
    pushAt(30 * 86400);
    while (calendar.size > 0) popOne();
    expect(log).toEqual([10, 4000, 4105, 4106, 30 * 86400, 30 * 86400, 30 * 86400 + 0.5]);
  });

  it("rejects a bucket width that is not a positive number of seconds", () => {
    for (const width of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new EventCalendar(width)).toThrow(RangeError);
    }
  });
});
