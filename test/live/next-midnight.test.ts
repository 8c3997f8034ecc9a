import { describe, expect, it } from "vitest";
import { nextMidnightMs } from "../../src/live/next-midnight.js";

const at = (iso: string) => Date.parse(iso);

describe("the end of the day on the wall clock", () => {
  it("is the next midnight on the centre's clock, daylight saving included", () => {
    // 23:30 BST, 1 July: midnight is 23:00 UTC.
    expect(nextMidnightMs(at("2026-07-01T22:30:00Z"), "Europe/London")).toBe(
      at("2026-07-01T23:00:00Z"),
    );
    // 00:30 BST on 25 October, the night the clocks go back: the day ends at midnight GMT.
    expect(nextMidnightMs(at("2026-10-24T23:30:00Z"), "Europe/London")).toBe(
      at("2026-10-26T00:00:00Z"),
    );
    // 23:00 EST, 30 November.
    expect(nextMidnightMs(at("2026-12-01T04:00:00Z"), "America/New_York")).toBe(
      at("2026-12-01T05:00:00Z"),
    );
    // At midnight itself a new day has begun: it ends at the next one.
    expect(nextMidnightMs(at("2026-12-01T00:00:00Z"), "Europe/London")).toBe(
      at("2026-12-02T00:00:00Z"),
    );
  });

  it("is the next midnight on the machine's own clock when the centre names no zone", () => {
    const now = at("2026-12-01T10:17:00Z");
    const end = nextMidnightMs(now, undefined);
    const local = new Date(end);
    expect([local.getHours(), local.getMinutes(), local.getSeconds()]).toEqual([0, 0, 0]);
    expect(end).toBeGreaterThan(now);
    expect(new Date(end - 1).getDate()).toBe(new Date(now).getDate());
  });
});
