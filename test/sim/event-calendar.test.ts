import { describe, expect, it } from "vitest";
import { EventCalendar } from "../../src/sim/event-calendar.js";
import { rankOf } from "../../src/sim/event-queue.js";

const noop = () => {};
const WINDOW_BUCKETS = 4096;
const CROWDED = 8;

type Entry = { time: number; rank: number; index: number };

const byTimeThenRank = (a: Entry, b: Entry): number => a.time - b.time || a.rank - b.rank;

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

describe("EventCalendar", () => {
  it("takes exactly the events within the window and uncrowded buckets, and pops them in order", () => {
    // A simulation-like stream: pops interleaved with pushes at delays that hit bucket
    // boundaries, crowd one bucket, reach past the window, jump a night, are Infinity or lie
    // before now. The reference keeps what the calendar took and counts events per bucket.
    const width = 0.5;
    for (let seed = 1; seed <= 10; seed++) {
      const rand = lcg(seed);
      const calendar = new EventCalendar(width);
      const pending: Entry[] = [];
      let seq = 0;
      let now = 0;
      const push = (time: number): void => {
        const index = Math.floor(time / width);
        const ahead = index - Math.floor(now / width);
        const crowd = pending.filter((e) => e.index === index).length;
        const fits = ahead >= 0 && ahead < WINDOW_BUCKETS && crowd < CROWDED;
        const entry = { time, rank: rankOf(Math.floor(rand() * 3) - 1, seq++), index };
        expect(calendar.push(time, entry.rank, noop, entry, now)).toBe(fits);
        if (fits) pending.push(entry);
      };
      const delay = (): number => {
        const r = rand();
        if (r < 0.15) return 0;
        if (r < 0.35) return Math.floor(rand() * 20) * width; // on a bucket boundary
        if (r < 0.45) return 3 * width + rand() * width; // one bucket, soon crowded
        if (r < 0.5) return WINDOW_BUCKETS * width * (0.9 + rand() * 0.2); // about the window's end
        if (r < 0.52) return 16 * 3600; // a night
        if (r < 0.53) return Number.POSITIVE_INFINITY;
        if (r < 0.55) return -rand() * 3; // before now
        return rand() * 30;
      };
      for (let i = 0; i < 50; i++) push(delay());
      let popped = 0;
      while (pending.length > 0) {
        pending.sort(byTimeThenRank);
        const expected = pending.shift() as Entry;
        expect([calendar.headTime, calendar.headRank]).toEqual([expected.time, expected.rank]);
        calendar.pop();
        expect(calendar.poppedSubject).toBe(expected);
        popped++;
        now = expected.time;
        // Some time passes before the next pushes (a heap event may have run).
        if (rand() < 0.1) now += rand() * (pending.length > 0 ? pending[0].time - now : 50);
        for (let n = rand() < 0.5 ? 1 : 2; n > 0 && seq < 3000; n--) push(now + delay());
        expect(calendar.size).toBe(pending.length);
      }
      expect(popped).toBeGreaterThan(1000);
      expect([calendar.headTime, calendar.headRank]).toEqual([Infinity, Infinity]);
    }
  });

  it("orders ties on a bucket boundary by rank, whatever the push order", () => {
    const calendar = new EventCalendar(0.25);
    const ranks = [rankOf(0, 3), rankOf(-1, 4), rankOf(0, 1), rankOf(1, 0), rankOf(0, 2)];
    for (const rank of ranks) expect(calendar.push(0.5, rank, noop, rank, 0)).toBe(true);
    calendar.push(0.25 - 2 ** -50, rankOf(5, 9), noop, "just before", 0);
    calendar.push(0.75, rankOf(-5, 10), noop, "next bucket", 0);
    const out: unknown[] = [];
    while (calendar.size > 0) {
      calendar.pop();
      out.push(calendar.poppedSubject);
    }
    expect(out).toEqual(["just before", ...[...ranks].sort((a, b) => a - b), "next bucket"]);
  });

  it("finds the next event after the window wraps and after a long empty gap", () => {
    const calendar = new EventCalendar(1);
    let seq = 0;
    const log: number[] = [];
    const pushAt = (time: number, now: number) =>
      calendar.push(time, rankOf(0, seq++), noop, time, now);
    const popOne = () => {
      log.push(calendar.headTime);
      calendar.pop();
    };
    expect(pushAt(10, 0)).toBe(true);
    expect(pushAt(4000, 0)).toBe(true); // the window's last buckets: slots wrap below 10's
    expect(pushAt(4106, 0)).toBe(false); // past the window
    popOne();
    expect(pushAt(4105, 10)).toBe(true); // within the window now that it starts at 10
    popOne(); // the head is now 4105's bucket, found by wrapping around the bitmap
    expect(pushAt(4050, 4000)).toBe(true); // before it
    popOne();
    popOne();
    expect(calendar.size).toBe(0);
    expect(pushAt(30 * 86400, 4105)).toBe(false); // a month away
    expect(pushAt(30 * 86400 + 0.5, 30 * 86400 - 1)).toBe(true); // after the gap
    expect(pushAt(30 * 86400, 30 * 86400 - 1)).toBe(true);
    while (calendar.size > 0) popOne();
    expect(log).toEqual([10, 4000, 4050, 4105, 30 * 86400, 30 * 86400 + 0.5]);
  });

  it("turns away Infinity, the past, the window's end and a crowded bucket's newcomers", () => {
    const calendar = new EventCalendar(1);
    let seq = 0;
    const pushAt = (time: number, now = 100) =>
      calendar.push(time, rankOf(0, seq++), noop, null, now);
    expect(pushAt(Number.POSITIVE_INFINITY)).toBe(false);
    expect(pushAt(99.5)).toBe(false);
    expect(pushAt(100 + WINDOW_BUCKETS)).toBe(false);
    expect(pushAt(100 + WINDOW_BUCKETS - 0.001)).toBe(true);
    for (let i = 0; i < CROWDED; i++) expect(pushAt(105 + i / 10)).toBe(true);
    expect(pushAt(105)).toBe(false);
    expect(pushAt(106)).toBe(true);
    expect(calendar.size).toBe(CROWDED + 2);
  });

  it("rejects a bucket width that is not a positive number of seconds", () => {
    for (const width of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new EventCalendar(width)).toThrow(RangeError);
    }
  });
});
