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

  it("runs events in lanes in exactly the order one heap gives them", () => {
    // The same random schedule (constant-delay streams, random delays, ties, priorities and
    // cancellations) with and without lanes must log the same (time, name) sequence.
    function simulate(useLanes: boolean): string[] {
      const sim = new Simulation();
      const lanes = [sim.createLane(), sim.createLane(), sim.createLane()];
      const log: string[] = [];
      let x = 12345;
      const rand = () => {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        return x / 4294967296;
      };
      const ids: number[] = [];
      const act = (name: string) => {
        log.push(`${sim.now}:${name}`);
        if (log.length > 3000) return;
        const r = rand();
        // Constant delays (a lane each), a random one, a tie at the same instant, a priority.
        const lane = r < 0.3 ? 0 : r < 0.5 ? 1 : r < 0.6 ? 2 : -1;
        const delay =
          lane === 0 ? 25 : lane === 1 ? 2 : lane === 2 ? rand() * 10 : r < 0.7 ? 0 : rand() * 30;
        const priority = r > 0.95 ? -1 : 0;
        ids.push(
          sim.schedule(
            delay,
            act,
            `${name}.${log.length}`,
            priority,
            useLanes && lane >= 0 ? lanes[lane] : null,
          ),
        );
        if (rand() < 0.05) sim.cancel(ids[Math.floor(rand() * ids.length)]);
        if (rand() < 0.7) act2(name);
      };
      // Mostly the lane that matches the delay, sometimes the other one (out of order).
      const act2 = (name: string) => {
        const short = rand() < 0.5;
        const lane = lanes[rand() < 0.8 === short ? 1 : 0];
        ids.push(sim.schedule(short ? 2 : 25, act, `${name}+`, 0, useLanes ? lane : null));
      };
      for (let i = 0; i < 5; i++) sim.schedule(i, act, `root${i}`);
      sim.run();
      return log;
    }
    const withLanes = simulate(true);
    expect(withLanes.length).toBeGreaterThan(3000);
    expect(withLanes).toEqual(simulate(false));
  });

  it("counts, peeks and cancels events waiting in lanes", () => {
    const sim = new Simulation();
    const lane = sim.createLane();
    const log: string[] = [];
    const note = (s: string) => log.push(`${s}@${sim.now}`);
    const a = sim.schedule(1, note, "a", 0, lane);
    sim.schedule(3, note, "c", 0, lane);
    sim.schedule(2, note, "b", 0, lane); // earlier than the lane's tail: goes to the heap
    sim.schedule(3, note, "c0", -1);
    expect(sim.pending).toBe(4);
    sim.cancel(a);
    expect(sim.peek()).toBe(2);
    expect(sim.pending).toBe(3);
    sim.run();
    expect(log).toEqual(["b@2", "c0@3", "c@3"]);
    expect(sim.peek()).toBe(Number.POSITIVE_INFINITY);
    expect(sim.step()).toBe(false);
  });

  it("runs random events in (time, priority, scheduling order), minus cancelled ones", () => {
    // Random delays (with many ties), priorities and lanes (pushed in and out of their order),
    // cancels, stops and run(until) chunks: the events that ran must be every scheduled event,
    // sorted by (time, priority, seq), without the cancelled ones.
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed * 7919;
      const rand = () => {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        return x / 4294967296;
      };
      const sim = new Simulation();
      const lanes = [sim.createLane(), sim.createLane(), sim.createLane(), sim.createLane()];
      const events: { time: number; priority: number; id: number }[] = [];
      const cancelled = new Set<number>();
      const ran: number[] = [];
      const add = (): void => {
        const r = rand();
        const delay = r < 0.2 ? 0 : r < 0.5 ? 3 : r < 0.7 ? Math.floor(rand() * 8) : rand() * 8;
        // An event cannot run before the one that schedules it: at the same instant, the reference
        // sort needs the new event not to outrank the running one.
        const drawn = rand() < 0.2 ? Math.floor(rand() * 5) - 2 : 0;
        const priority = delay === 0 ? Math.max(drawn, runningPriority) : drawn;
        const laneIndex = Math.floor(rand() * 6) - 2; // -2 and -1: no lane
        const id = events.length; // ids count the scheduled events from 0
        events.push({ time: sim.now + delay, priority, id });
        expect(
          sim.schedule(delay, act, id, priority, laneIndex >= 0 ? lanes[laneIndex] : null),
        ).toBe(id);
      };
      let budget = 4000;
      let runningPriority = Number.NEGATIVE_INFINITY;
      const act = (id: number): void => {
        ran.push(id);
        runningPriority = events[id].priority;
        for (let n = Math.floor(rand() * 4); n > 0 && budget > 0; n--, budget--) add();
        if (rand() < 0.15) {
          const victim = Math.floor(rand() * events.length);
          // Cancelling an event that already ran (or this one) must change nothing.
          if (!ran.includes(victim)) cancelled.add(victim);
          sim.cancel(victim);
        }
        if (rand() < 0.01) sim.stop();
      };
      for (let i = 0; i < 20; i++) add();
      let until = 0;
      while (sim.peek() !== Number.POSITIVE_INFINITY) {
        until += rand() * 5;
        sim.run(rand() < 0.5 ? until : Number.POSITIVE_INFINITY);
      }
      const expected = events
        .filter((e) => !cancelled.has(e.id))
        .sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id)
        .map((e) => e.id);
      expect(ran.length).toBeGreaterThan(1000);
      expect(ran).toEqual(expected);
    }
  });
});
