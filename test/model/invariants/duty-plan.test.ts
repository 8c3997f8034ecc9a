import { describe, expect, it } from "vitest";
import {
  type DutyPlan,
  offDutySince,
  spanSearch,
} from "../../../src/model/invariants/duty-plan.js";

// Two shifts (9:00-17:00 on day 0 and on day 1) with a 30-minute break at 12:00 on each.
const DAY = 86_400;
const plan: DutyPlan = {
  shifts: [
    { start: 9 * 3600, end: 17 * 3600 },
    { start: DAY + 9 * 3600, end: DAY + 17 * 3600 },
  ],
  breaks: [
    { start: 12 * 3600, end: 12.5 * 3600 },
    { start: DAY + 12 * 3600, end: DAY + 12.5 * 3600 },
  ],
};

/** offDutySince at `t`, with the searches a caller makes. */
function offDutyAt(t: number): number {
  const shift = spanSearch(plan.shifts, t);
  return offDutySince(plan, shift, shift >= 0 ? spanSearch(plan.breaks, t) : -1);
}

describe("spanSearch", () => {
  it("gives the index of the span holding t, start included and end excluded", () => {
    expect(spanSearch(plan.shifts, 9 * 3600)).toBe(0);
    expect(spanSearch(plan.shifts, 17 * 3600 - 1e-9)).toBe(0);
    expect(spanSearch(plan.shifts, DAY + 10 * 3600)).toBe(1);
  });

  it("gives -(i + 1) for the first span after t when no span holds it", () => {
    expect(spanSearch(plan.shifts, 0)).toBe(-1);
    expect(spanSearch(plan.shifts, 17 * 3600)).toBe(-2);
    expect(spanSearch(plan.shifts, DAY)).toBe(-2);
    expect(spanSearch(plan.shifts, 2 * DAY)).toBe(-3);
    expect(spanSearch([], 5)).toBe(-1);
  });
});

describe("offDutySince", () => {
  it("is NaN on duty, and the break's start inside a break", () => {
    expect(offDutyAt(10 * 3600)).toBeNaN();
    expect(offDutyAt(12.25 * 3600)).toBe(12 * 3600);
    expect(offDutyAt(12.5 * 3600)).toBeNaN(); // the break's end is back on duty
    expect(offDutyAt(DAY + 12 * 3600)).toBe(DAY + 12 * 3600);
  });

  it("is the last shift's end between shifts and after them, -Infinity before the first", () => {
    expect(offDutyAt(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(offDutyAt(17 * 3600)).toBe(17 * 3600);
    expect(offDutyAt(DAY + 8 * 3600)).toBe(17 * 3600);
    expect(offDutyAt(3 * DAY)).toBe(DAY + 17 * 3600);
  });
});
