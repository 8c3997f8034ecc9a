import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  GIVE_UP_MS,
  nextInterval,
  retransmit,
  T1_MS,
  T2_MS,
} from "../../src/endpoint/sip-timers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("retransmit (RFC 3261 timers G/E and H/F)", () => {
  it("doubles the interval from T1 and caps it at T2", () => {
    const intervals = [nextInterval(null)];
    for (let i = 0; i < 5; i++)
      intervals.push(nextInterval(intervals[intervals.length - 1] ?? null));
    expect(intervals).toEqual([T1_MS, 1000, 2000, T2_MS, T2_MS, T2_MS]);
  });

  it("sends at 0, T1, 3·T1, 7·T1, then every T2, and gives up once at 64·T1", () => {
    const sentAt: number[] = [];
    let resends = 0;
    let gaveUp = 0;
    retransmit(
      () => sentAt.push(Date.now()),
      () => resends++,
      () => gaveUp++,
    );
    const start = sentAt[0] ?? 0;
    vi.advanceTimersByTime(GIVE_UP_MS + 10_000);
    const offsets = sentAt.map((t) => t - start);
    expect(offsets.slice(0, 6)).toEqual([0, 500, 1500, 3500, 7500, 11500]);
    expect(offsets[offsets.length - 1]).toBeLessThan(GIVE_UP_MS);
    expect(resends).toBe(sentAt.length - 1);
    expect(gaveUp).toBe(1);
  });

  it("sends nothing more and never gives up once stopped", () => {
    let sends = 0;
    let gaveUp = 0;
    const r = retransmit(
      () => sends++,
      () => {},
      () => gaveUp++,
    );
    vi.advanceTimersByTime(1600);
    r.stop();
    vi.advanceTimersByTime(GIVE_UP_MS);
    expect(sends).toBe(3);
    expect(gaveUp).toBe(0);
  });
});
