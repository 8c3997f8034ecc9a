/**
 * Kernel throughput (run directly: `node dist/bench/kernel.bench.js`): the classic "hold" model.
 * 10^4 events stay pending; each event, when run, schedules one more at an exponential delay.
 * Printed as events per second, and as a ratio to a baseline run in the same process: the same
 * hold model on a bare binary heap of numbers, the least a heap could do (most of these events
 * crowd the kernel's calendar buckets and wait in its heap). A second figure mixes in constant
 * delays as a campaign's ticks, timeouts and cut-offs have them: half the events wait 1, 2, 25
 * or 60 s. A third compares the kernel's calendar queue with its heap alone at a campaign day's
 * load: a few hundred events pending at delays of seconds to minutes.
 */
import { EventCalendar } from "../src/sim/event-calendar.js";
import { EventQueue } from "../src/sim/event-queue.js";
import { Simulation } from "../src/sim/simulation.js";

const PENDING = 10_000;
const EVENTS = 4_000_000;

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return (x + 0.5) / 4294967296;
  };
}

/** Events per second of the kernel under the hold model. */
export function kernelHold(): number {
  const sim = new Simulation();
  const rand = lcg(1);
  let remaining = EVENTS;
  const hold = (_: null) => {
    if (--remaining > 0) sim.schedule(-Math.log(rand()), hold, null);
  };
  for (let i = 0; i < PENDING; i++) sim.schedule(-Math.log(rand()), hold, null);
  const t0 = performance.now();
  sim.run();
  return (EVENTS + PENDING - 1) / ((performance.now() - t0) / 1000);
}

const CONSTANT_DELAYS = [1, 2, 25, 60];

/**
 * Events per second of the hold model with half the events at one of four constant delays, as
 * a campaign's ticks, timeouts and cut-offs are.
 */
export function kernelHoldWithConstantDelays(): number {
  const sim = new Simulation();
  const rand = lcg(1);
  let remaining = EVENTS;
  const hold = (_: null) => {
    if (--remaining <= 0) return;
    const k = Math.floor(rand() * 2 * CONSTANT_DELAYS.length);
    sim.schedule(k < CONSTANT_DELAYS.length ? CONSTANT_DELAYS[k] : -Math.log(rand()), hold, null);
  };
  for (let i = 0; i < PENDING; i++) sim.schedule(-Math.log(rand()), hold, null);
  const t0 = performance.now();
  sim.run();
  return (EVENTS + PENDING - 1) / ((performance.now() - t0) / 1000);
}

function bareHeapHold(): number {
  const heap = new Float64Array(PENDING + 1);
  let size = 0;
  const push = (v: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= v) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = v;
  };
  const pop = () => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  const rand = lcg(1);
  for (let i = 0; i < PENDING; i++) push(-Math.log(rand()));
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const now = pop();
    push(now - Math.log(rand()));
  }
  return EVENTS / ((performance.now() - t0) / 1000);
}

const CAMPAIGN_PENDING = 300;
const CAMPAIGN_MAX_DELAY = 300;

/**
 * Nanoseconds per pop and push of the calendar (or, with `heapOnly`, the heap alone) holding
 * 300 events at uniform delays of 0-300 s; what the calendar turns away goes to the heap.
 */
function popPushNanoseconds(heapOnly: boolean): number {
  const calendar = new EventCalendar();
  const heap = new EventQueue();
  const rand = lcg(1);
  const noop = () => {};
  let seq = 0;
  let now = 0;
  const push = () => {
    const time = now + rand() * CAMPAIGN_MAX_DELAY;
    if (heapOnly || !calendar.push(time, seq, noop, null, now)) heap.push(time, seq, noop, null);
    seq++;
  };
  for (let i = 0; i < CAMPAIGN_PENDING; i++) push();
  const cycle = (n: number) => {
    for (let i = 0; i < n; i++) {
      if (calendar.headTime < heap.peekTime()) {
        now = calendar.headTime;
        calendar.pop();
      } else {
        heap.pop();
        now = heap.poppedTime;
      }
      push();
    }
  };
  cycle(EVENTS / 4);
  const t0 = performance.now();
  cycle(EVENTS);
  return ((performance.now() - t0) * 1e6) / EVENTS;
}

if (import.meta.url === `file://${process.argv[1]}`) report();

function report(): void {
  // Warm up both, then measure the best of three.
  kernelHold();
  kernelHoldWithConstantDelays();
  bareHeapHold();
  const kernel = Math.max(kernelHold(), kernelHold(), kernelHold());
  const mixed = Math.max(...[1, 2, 3].map(kernelHoldWithConstantDelays));
  const bare = Math.max(bareHeapHold(), bareHeapHold(), bareHeapHold());
  const calendar = Math.min(...[1, 2, 3].map(() => popPushNanoseconds(false)));
  const heap = Math.min(...[1, 2, 3].map(() => popPushNanoseconds(true)));
  console.log(`kernel hold model, ${PENDING} pending: ${(kernel / 1e6).toFixed(2)} M events/s`);
  console.log(`the same, half at 4 constant delays: ${(mixed / 1e6).toFixed(2)} M events/s`);
  console.log(`bare numeric heap baseline:          ${(bare / 1e6).toFixed(2)} M events/s`);
  console.log(`kernel / baseline:                   ${(kernel / bare).toFixed(2)}`);
  console.log(`constant delays / baseline:          ${(mixed / bare).toFixed(2)}`);
  const load = `${CAMPAIGN_PENDING} pending, 0-${CAMPAIGN_MAX_DELAY} s`;
  console.log(`calendar (and heap) pop+push, ${load}: ${calendar.toFixed(0)} ns`);
  console.log(`heap alone pop+push, ${load}:         ${heap.toFixed(0)} ns`);
}
