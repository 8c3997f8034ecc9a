import { describe, expect, it } from "vitest";
import { DelayLine } from "../../src/model/delay-line.js";
import { IntQueue } from "../../src/model/int-queue.js";

describe("IntQueue", () => {
  it("keeps FIFO order while it grows from a wrapped-around ring", () => {
    const queue = new IntQueue(4);
    const expected: number[] = [];
    let next = 0;
    // Interleave pushes and shifts so that the head wraps before each doubling.
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 3 + round * 3; i++) {
        queue.push(next);
        expected.push(next++);
      }
      for (let i = 0; i < 2; i++) expect(queue.shift()).toBe(expected.shift());
      expect(queue.size).toBe(expected.length);
    }
    while (expected.length > 0) expect(queue.shift()).toBe(expected.shift());
    expect(queue.shift()).toBe(-1);
    expect(queue.size).toBe(0);
  });
});

describe("DelayLine", () => {
  it("hands every lead over its delay after it entered, in order, past its first capacity", () => {
    const line = new DelayLine(10);
    // 1,000 leads entering every 0.25 s: 40 wait at once, several doublings of the buffer.
    const due: [number, number][] = [];
    const takeDue = (now: number) => {
      while (line.headDueAt <= now) {
        const at = line.headDueAt;
        due.push([line.shift(), at]);
      }
    };
    for (let lead = 0; lead < 1000; lead++) {
      const now = lead * 0.25;
      takeDue(now);
      expect(line.push(lead, now)).toBe(now + 10);
    }
    takeDue(Number.MAX_VALUE);
    expect(due).toHaveLength(1000);
    due.forEach(([lead, at], i) => {
      expect(lead).toBe(i);
      expect(at).toBe(lead * 0.25 + 10);
    });
    expect(line.headDueAt).toBe(Number.POSITIVE_INFINITY);
  });

  it("grows while many leads wait at once", () => {
    const line = new DelayLine(5);
    for (let lead = 0; lead < 5000; lead++) line.push(lead, 1);
    expect(line.size).toBe(5000);
    expect(line.headDueAt).toBe(6);
    const due = Array.from({ length: 5000 }, () => line.shift());
    expect(due).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
