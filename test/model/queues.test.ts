import { describe, expect, it } from "vitest";
import { DelayLine } from "../../src/model/delay-line.js";
import { IntQueue } from "../../src/model/int-queue.js";
import { Simulation } from "../../src/sim/simulation.js";

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
    const sim = new Simulation();
    const due: [number, number][] = [];
    const line = new DelayLine(sim, 10, (lead) => due.push([lead, sim.now]));
    // 1,000 leads entering every 0.25 s: 40 wait at once, several doublings of the buffer.
    for (let lead = 0; lead < 1000; lead++)
      sim.scheduleAt(lead * 0.25, () => line.push(lead), null);
    sim.run();
    expect(due).toHaveLength(1000);
    due.forEach(([lead, at], i) => {
      expect(lead).toBe(i);
      expect(at).toBe(lead * 0.25 + 10);
    });
    expect(line.size).toBe(0);
  });

  it("grows while many leads wait at once", () => {
    const sim = new Simulation();
    const due: number[] = [];
    const line = new DelayLine(sim, 5, (lead) => due.push(lead));
    sim.scheduleAt(
      1,
      () => {
        for (let lead = 0; lead < 5000; lead++) line.push(lead);
      },
      null,
    );
    sim.run();
    expect(due).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(sim.now).toBe(6);
  });
});
