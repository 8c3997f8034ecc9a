import type { AgentCounts, CallCounts, DialerCounters, DialerView } from "../../src/pacing/view.js";

/** What a test sets on a view; everything left out is zero (loggedIn: the sum of the states). */
export interface ViewInit {
  readonly now?: number;
  readonly secondsToWindowEnd?: number;
  readonly agents?: Partial<AgentCounts>;
  readonly calls?: Partial<CallCounts>;
  /** Elapsed talk times; sets agents.talking to its length unless that is given. */
  readonly talkElapsed?: ArrayLike<number>;
  readonly totals?: Partial<DialerCounters>;
  readonly today?: Partial<DialerCounters>;
}

export function makeCounters(partial: Partial<DialerCounters> = {}): DialerCounters {
  return {
    placed: 0,
    ended: 0,
    live: 0,
    connected: 0,
    machinesAtAgent: 0,
    dropped: 0,
    machines: 0,
    ringSecondsAnswered: 0,
    answered: 0,
    talkSeconds: 0,
    talks: 0,
    ...partial,
  };
}

/**
 * A view with zero defaults, except secondsToWindowEnd (8 h: the window is open); talkElapsed
 * defaults to zeros, one per talking agent.
 */
export function makeView(init: ViewInit = {}): DialerView {
  const a = init.agents ?? {};
  const ready = a.ready ?? 0;
  const talking = a.talking ?? init.talkElapsed?.length ?? 0;
  const wrapUp = a.wrapUp ?? 0;
  const reserved = a.reserved ?? 0;
  const talkElapsed = init.talkElapsed ?? new Array<number>(talking).fill(0);
  if (talkElapsed.length !== talking) {
    throw new Error(`talkElapsed has ${talkElapsed.length} entries for ${talking} talking agents`);
  }
  return {
    now: init.now ?? 0,
    secondsToWindowEnd: init.secondsToWindowEnd ?? 8 * 3600,
    agents: {
      loggedIn: a.loggedIn ?? ready + talking + wrapUp + reserved,
      ready,
      talking,
      wrapUp,
      reserved,
    },
    calls: { ringing: 0, detecting: 0, waiting: 0, cancelling: 0, unconfirmed: 0, ...init.calls },
    talkElapsed,
    totals: makeCounters(init.totals),
    today: makeCounters(init.today),
  };
}

/** A small seeded generator (mulberry32) for randomized tests. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi]. */
export function randomInt(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
