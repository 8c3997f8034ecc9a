/**
 * The guarded binomial pacer's decision (run directly: `node dist/bench/pacer.bench.js [rounds]`).
 *
 * A worker thread records the counts of every view the pacer of scenarios/default.yaml (guarded
 * binomial) is shown in one replication of a 100-agent 8-hour day with 100,000 leads (seed 1);
 * this thread loads them in order into one view object and asks a fresh pacer, `rounds` times
 * (default 30), and prints nanoseconds per decision: the least time of each block of 1,000
 * decisions over the rounds, summed. (Recording in another thread keeps this one's compiled
 * pacer seeing one kind of view, as in a replication.) Baseline, in the same process: the same
 * decision with the overdial found by a straightforward scan of full evaluations (x = 1, 2, ...
 * until `expectedOverflowRatio` is over the target), whose answers the search must give; the
 * number of decisions where the two differ is printed too (0 expected).
 */
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { simulateCampaign } from "../src/model/campaign.js";
import { MutableDialerCounters } from "../src/model/dialer-counters.js";
import { expectedOverflowRatio } from "../src/pacing/binomial.js";
import type { BinomialConfig, GuardedConfig } from "../src/pacing/config.js";
import { createPacer } from "../src/pacing/create-pacer.js";
import { atRiskAllowance, GuardedPacer } from "../src/pacing/guarded.js";
import type { AgentCounts, CallCounts, DialerCounters, DialerView } from "../src/pacing/view.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";

const ROUNDS = Number(process.argv[2] ?? 30);

const base = loadScenario(fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url)));
const scenario: Scenario = {
  ...base,
  agents: { ...base.agents, groups: [{ ...base.agents.groups[0], count: 100 }] },
  leads: { kind: "count", count: 100_000 },
};
if (scenario.pacing.algorithm !== "guarded" || scenario.pacing.inner.algorithm !== "binomial") {
  throw new Error(
    "scenarios/default.yaml no longer paces with guarded binomial: update this bench",
  );
}
const pacing: GuardedConfig = scenario.pacing;
const binomial: BinomialConfig = scenario.pacing.inner;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Numbers a view's counts take in a row: agents 5, calls 3, totals 11, today 11. */
const ROW = 30;

function writeCounters(c: DialerCounters, rows: number[]): void {
  rows.push(c.placed, c.ended, c.live, c.connected, c.machinesAtAgent, c.dropped, c.machines);
  rows.push(c.ringSecondsAnswered, c.answered, c.talkSeconds, c.talks);
}

function readCounters(c: MutableDialerCounters, rows: Float64Array, at: number): void {
  c.placed = rows[at];
  c.ended = rows[at + 1];
  c.live = rows[at + 2];
  c.connected = rows[at + 3];
  c.machinesAtAgent = rows[at + 4];
  c.dropped = rows[at + 5];
  c.machines = rows[at + 6];
  c.ringSecondsAnswered = rows[at + 7];
  c.answered = rows[at + 8];
  c.talkSeconds = rows[at + 9];
  c.talks = rows[at + 10];
}

/**
 * The counts of every view the guard is asked about in one replication, ROW numbers a view
 * (the pacer reads counts only).
 */
function recordViews(): Float64Array {
  const rows: number[] = [];
  const decide = GuardedPacer.prototype.decide;
  GuardedPacer.prototype.decide = function (this: GuardedPacer, view: DialerView) {
    const { agents: a, calls: c } = view;
    rows.push(
      a.loggedIn,
      a.ready,
      a.talking,
      a.wrapUp,
      a.reserved,
      c.ringing,
      c.detecting,
      c.waiting,
    );
    writeCounters(view.totals, rows);
    writeCounters(view.today, rows);
    return decide.call(this, view);
  };
  try {
    simulateCampaign(scenario, { seed: 1 });
  } finally {
    GuardedPacer.prototype.decide = decide;
  }
  return Float64Array.from(rows);
}

/**
 * One view object, as in a replication, loaded with each recorded view's counts in turn (views
 * kept as separate objects would make the replay a walk through memory).
 */
class ReplayView implements DialerView {
  readonly now = 0;
  readonly secondsToWindowEnd = 0;
  readonly talkElapsed: number[] = [];
  readonly agents: Mutable<AgentCounts> = {
    loggedIn: 0,
    ready: 0,
    talking: 0,
    wrapUp: 0,
    reserved: 0,
  };
  readonly calls: Mutable<CallCounts> = {
    ringing: 0,
    detecting: 0,
    waiting: 0,
    cancelling: 0,
    unconfirmed: 0,
  };
  readonly totals = new MutableDialerCounters();
  readonly today = new MutableDialerCounters();

  constructor(private readonly rows: Float64Array) {}

  /** Loads the counts of view `i`. */
  load(i: number): this {
    const rows = this.rows;
    const at = i * ROW;
    const a = this.agents;
    a.loggedIn = rows[at];
    a.ready = rows[at + 1];
    a.talking = rows[at + 2];
    a.wrapUp = rows[at + 3];
    a.reserved = rows[at + 4];
    const c = this.calls;
    c.ringing = rows[at + 5];
    c.detecting = rows[at + 6];
    c.waiting = rows[at + 7];
    readCounters(this.totals, rows, at + 8);
    readCounters(this.today, rows, at + 19);
    return this;
  }
}

/** The largest accepted x in [0, maxExtra], scanning full evaluations upward. */
function scanOverdial(n: number, p: number, k: number, target: number, maxExtra: number) {
  let x = 0;
  while (x < maxExtra && expectedOverflowRatio(n + x + 1, p, k) <= target) x++;
  return x;
}

/** The guarded binomial decision as the pacers document it, with {@link scanOverdial}. */
function referenceDecide(view: DialerView): number {
  const { agents, calls, totals } = view;
  const progressive = Math.max(0, agents.ready - calls.ringing - calls.detecting - calls.waiting);
  let proposed = progressive;
  if (totals.placed >= binomial.warmupCalls && totals.ended > 0) {
    const p = Math.min(1, totals.live / totals.ended);
    let freeing = 0;
    if (totals.talks > 0 && totals.answered > 0 && totals.talkSeconds > 0) {
      const w = totals.ringSecondsAnswered / totals.answered;
      const meanTalk = totals.talkSeconds / totals.talks;
      freeing = Math.floor(agents.talking * -Math.expm1(-w / meanTalk));
    }
    const k = agents.ready + freeing - calls.waiting;
    const n = calls.ringing + calls.detecting;
    const maxExtra = Math.floor(binomial.maxLinesPerAgent * agents.loggedIn + 1e-9) - n;
    const target = binomial.targetPercent / 100;
    proposed = Math.max(progressive, scanOverdial(n, p, k, target, maxExtra));
  }
  const atRisk = Math.max(0, calls.ringing + calls.detecting + calls.waiting - agents.ready);
  const ceiling = pacing.ceilingPer100 / 100;
  const budget = atRiskAllowance(pacing.denominator, ceiling, view) - atRisk;
  const limit = budget > 0 ? progressive + budget : progressive;
  return Math.max(Math.min(proposed, limit), progressive);
}

/** Decisions timed together: short enough that most blocks of a round run undisturbed. */
const BLOCK = 1000;

/**
 * ns per decision (loading the view included): each block of decisions timed in every round,
 * the least time of each block summed (on a shared machine a whole round is rarely
 * undisturbed); and the answers.
 */
function time(rows: Float64Array, newDecide: () => (view: DialerView) => number) {
  const count = rows.length / ROW;
  const view = new ReplayView(rows);
  const least = new Float64Array(Math.ceil(count / BLOCK)).fill(Number.POSITIVE_INFINITY);
  const answers = new Int32Array(count);
  for (let r = 0; r < ROUNDS; r++) {
    const decide = newDecide();
    for (let b = 0; b < least.length; b++) {
      const end = Math.min(count, (b + 1) * BLOCK);
      const t0 = process.hrtime.bigint();
      for (let i = b * BLOCK; i < end; i++) answers[i] = decide(view.load(i));
      const ns = Number(process.hrtime.bigint() - t0);
      if (ns < least[b]) least[b] = ns;
    }
  }
  return { ns: least.reduce((sum, ns) => sum + ns, 0) / count, answers };
}

if (isMainThread) {
  const rows = await new Promise<Float64Array>((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: "record" });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const pacer = time(rows, () => {
    const p = createPacer(pacing);
    return (view) => p.decide(view);
  });
  const reference = time(rows, () => referenceDecide);
  let differ = 0;
  for (let i = 0; i < pacer.answers.length; i++) {
    if (pacer.answers[i] !== reference.answers[i]) differ++;
  }

  console.log(
    `${pacer.answers.length} decisions of one replication, least of ${ROUNDS} rounds per block of ${BLOCK}`,
  );
  console.log(`guarded binomial pacer:        ${pacer.ns.toFixed(0)} ns/decision`);
  console.log(`baseline (scan of full evals): ${reference.ns.toFixed(0)} ns/decision`);
  console.log(`pacer / baseline:              ${(pacer.ns / reference.ns).toFixed(3)}`);
  console.log(`decisions that differ:         ${differ}`);
} else if (workerData === "record") {
  parentPort?.postMessage(recordViews());
}
