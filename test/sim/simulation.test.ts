import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/sim/simulation.js";

describe("Simulation", () => {
  it("advances the clock to each event and runs actions in order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const note = (s: string) => log.push(`${s}@${sim.now}`);
    sim.schedule(3, note, "c");
    sim.schedule(1, note, "a");
    sim.schedule(2, note, "b");
    sim.run();
    expect(log).toEqual(["a@1", "b@2", "c@3"]);
    expect(sim.now).toBe(3);
  });

  it("orders simultaneous events by priority, then by scheduling order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const note = (s: string) => log.push(s);
    sim.schedule(1, note, "first-p0");
    sim.schedule(1, note, "p-1", -1);
    sim.schedule(1, note, "second-p0");
    sim.run();
    expect(log).toEqual(["p-1", "first-p0", "second-p0"]);
  });

  it("lets actions schedule further events, including at the current instant", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const tick = (n: number) => {
      log.push(sim.now);
      if (n > 0) sim.schedule(n === 3 ? 0 : 1, tick, n - 1);
    };
    sim.schedule(0, tick, 4);
    sim.run();
    expect(log).toEqual([0, 1, 1, 2, 3]);
  });

  it("skips cancelled events (lazy cancellation)", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const note = (s: string) => log.push(s);
    const b = sim.schedule(2, note, "b");
    sim.schedule(1, () => sim.cancel(b), null);
    sim.schedule(3, note, "c");
    sim.cancel(-1);
    sim.cancel(12345);
    sim.run();
    expect(log).toEqual(["c"]);
  });

  it("run(until) stops before later events and leaves the clock at until", () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (const t of [1, 5, 10]) sim.schedule(t, (x: number) => log.push(x), t);
    sim.run(6);
    expect(log).toEqual([1, 5]);
    expect(sim.now).toBe(6);
    expect(sim.peek()).toBe(10);
    sim.run();
    expect(log).toEqual([1, 5, 10]);
  });

  it("step runs one live event and reports an empty queue", () => {
    const sim = new Simulation();
    let count = 0;
    const e = sim.schedule(1, () => count++, null);
    sim.schedule(2, () => count++, null);
    sim.cancel(e);
    expect(sim.step()).toBe(true);
    expect(count).toBe(1);
    expect(sim.now).toBe(2);
    expect(sim.step()).toBe(false);
  });

  it("stop() ends run after the current event", () => {
    const sim = new Simulation();
    let count = 0;
    sim.schedule(
      1,
      () => {
        count++;
        sim.stop();
      },
      null,
    );
    sim.schedule(2, () => count++, null);
    sim.run();
    expect(count).toBe(1);
    expect(sim.now).toBe(1);
  });

  it("rejects negative delays", () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => {}, null)).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, () => {}, null)).toThrow(RangeError);
  });
});
