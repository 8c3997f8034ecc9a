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

  it("keeps order across nights, far-future and Infinity events, crowded buckets and boundaries", () => {
    const sim = new Simulation({ bucketSeconds: 1 });
    const log: string[] = [];
    const note = (s: string) => log.push(`${s}@${sim.now}`);
    const night = 16 * 3600;
    sim.schedule(Number.POSITIVE_INFINITY, note, "never", -5);
    sim.schedule(night, note, "morning");
    const dropped = sim.schedule(night, note, "dropped", -1);
    // Twenty events in the bucket [2, 3): past a few, they wait in the heap.
    for (let i = 19; i >= 0; i--) sim.schedule(2 + i / 20, note, `b${i}`, i % 2);
    sim.schedule(2, note, "b-first", -1); // on the bucket's boundary, and the top priority
    sim.schedule(1, () => sim.schedule(0, note, "now"), null); // delay 0 during the run
    sim.cancel(dropped);
    expect(sim.pending).toBe(25);
    sim.run(3);
    expect(log).toEqual([
      "now@1",
      "b-first@2",
      ...Array.from({ length: 20 }, (_, i) => `b${i}@${2 + i / 20}`),
    ]);
    expect(sim.now).toBe(3);
    expect(sim.peek()).toBe(night); // the cancelled one is discarded on the way
    sim.run(night - 1);
    expect(sim.now).toBe(night - 1);
    sim.schedule(1, note, "also-morning", -1);
    sim.run();
    expect(log.slice(22)).toEqual([`also-morning@${night}`, `morning@${night}`, "never@Infinity"]);
    expect(sim.now).toBe(Number.POSITIVE_INFINITY);
    expect(sim.pending).toBe(0);
  });

  it("counts, peeks and cancels events in the calendar and the heap", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const note = (s: string) => log.push(`${s}@${sim.now}`);
    const a = sim.schedule(1, note, "a");
    sim.schedule(3, note, "c");
    sim.schedule(2, note, "b");
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

  it.each([
    ["the default bucket width", {}],
    ["1 s buckets", { bucketSeconds: 1 }],
    // Many events per bucket (so most fall back to the heap) and a 41 s window.
    ["crowded 0.01 s buckets", { bucketSeconds: 0.01 }],
  ])(
    "runs random events in (time, priority, scheduling order), minus cancelled ones, with %s",
    (_, options) => {
      // Random delays (with many ties, on bucket boundaries, past the window, a night, Infinity),
      // priorities, cancels, stops and run(until)
      // chunks: the events that ran must be every scheduled event, sorted by (time, priority,
      // seq), without the cancelled ones.
      for (let seed = 1; seed <= 20; seed++) {
        let x = seed * 7919;
        const rand = () => {
          x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
          return x / 4294967296;
        };
        const sim = new Simulation(options);
        const events: { time: number; priority: number; id: number }[] = [];
        const cancelled = new Set<number>();
        const ran: number[] = [];
        const add = (): void => {
          const r = rand();
          const delay =
            r < 0.2
              ? 0
              : r < 0.45
                ? 3
                : r < 0.65
                  ? Math.floor(rand() * 8)
                  : r < 0.66
                    ? 1200 + rand() * 60 // past the window of the default and 0.01 s buckets
                    : r < 0.665
                      ? 16 * 3600 // a night
                      : r < 0.667
                        ? Number.POSITIVE_INFINITY
                        : rand() * 8;
          // An event cannot run before the one that schedules it: at the same instant, the reference
          // sort needs the new event not to outrank the running one.
          const drawn = rand() < 0.2 ? Math.floor(rand() * 5) - 2 : 0;
          const time = sim.now + delay;
          const priority = time === sim.now ? Math.max(drawn, runningPriority) : drawn;
          const id = events.length; // ids count the scheduled events from 0
          events.push({ time, priority, id });
          expect(sim.schedule(delay, act, id, priority)).toBe(id);
        };
        let budget = 4000;
        let runningPriority = Number.NEGATIVE_INFINITY;
        const act = (id: number): void => {
          ran.push(id);
          expect(sim.now).toBe(events[id].time);
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
          // Small steps, or a jump to just past the next event (across a night in one call).
          until = rand() < 0.8 ? Math.max(until, sim.now) + rand() * 5 : sim.peek() + rand();
          sim.run(rand() < 0.5 ? until : Number.POSITIVE_INFINITY);
        }
        while (sim.pending > 0) sim.run(); // what waits at Infinity
        const expected = events
          .filter((e) => !cancelled.has(e.id))
          .sort(
            (a, b) =>
              (a.time < b.time ? -1 : a.time > b.time ? 1 : 0) ||
              a.priority - b.priority ||
              a.id - b.id,
          )
          .map((e) => e.id);
        expect(ran.length).toBeGreaterThan(1000);
        expect(ran).toEqual(expected);
      }
    },
  );
});
