import type { BinomialConfig } from "./config.js";
import type { Pacer } from "./pacer.js";
import { progressiveCalls } from "./progressive.js";
import type { DialerView } from "./view.js";

/** Below this log-probability a binomial term is tracked in log space (exp would underflow). */
const LOG_UNDERFLOW = -700;

/**
 * E[min(B, k)] for B ~ Binomial(trials, p), as sum_{j=0}^{k-1} P(B > j), with the pmf built
 * term by term (log space only while it would underflow). O(min(k, trials)), no allocation.
 */
export function expectedMinBinomial(trials: number, p: number, k: number): number {
  if (trials <= 0 || p <= 0 || k <= 0) return 0;
  if (p >= 1) return Math.min(trials, k);
  if (k >= trials) return trials * p;
  const odds = p / (1 - p);
  let logPmf = trials * Math.log1p(-p);
  let linear = logPmf > LOG_UNDERFLOW;
  let pmf = linear ? Math.exp(logPmf) : 0;
  let cdf = 0;
  let sum = 0;
  for (let j = 0; j < k; j++) {
    cdf += pmf; // P(B <= j)
    const tail = 1 - cdf;
    if (tail > 0) sum += tail;
    const step = ((trials - j) / (j + 1)) * odds;
    if (linear) {
      pmf *= step;
    } else {
      logPmf += Math.log(step);
      if (logPmf > LOG_UNDERFLOW) {
        linear = true;
        pmf = Math.exp(logPmf);
      }
    }
  }
  return sum;
}

/**
 * E[max(0, B - k)] / E[B] for B ~ Binomial(trials, p): the expected share of live answers that
 * find no agent when k agents are available. 0 when E[B] = 0. For k <= 0 every answer overflows
 * and the |k| answers already waiting come on top: (E[B] - k) / E[B].
 *
 * Non-decreasing in `trials`: g(n) = E[min(B_n, k)] has increments p x P(B_n < k), which shrink
 * as n grows, so g is concave with g(0) = 0 and g(n)/n cannot grow; the ratio is 1 - g(n)/(n p).
 */
export function expectedOverflowRatio(trials: number, p: number, k: number): number {
  const mean = trials * p;
  if (!(mean > 0)) return 0;
  if (k <= 0) return (mean - k) / mean;
  const overflow = mean - expectedMinBinomial(trials, p, k);
  return overflow > 0 ? overflow / mean : 0;
}

/**
 * The largest x in [0, maxExtra] with expectedOverflowRatio(outstanding + x, p, k) <= target,
 * or 0 when even x = 0 is over the target. The ratio is monotone in x, so this gallops from
 * `hint` (the previous answer: it moves little between decisions) to bracket the answer, then
 * bisects: O(k log d) for an answer d away from the hint.
 */
export function largestOverdial(
  outstanding: number,
  p: number,
  k: number,
  target: number,
  maxExtra: number,
  hint = 0,
): number {
  const max = Math.floor(maxExtra);
  if (max <= 0) return 0;
  const accepts = (x: number) => expectedOverflowRatio(outstanding + x, p, k) <= target;
  // Invariant once bracketed: lo is accepted (or 0), hi is rejected (or max + 1).
  let lo: number;
  let hi: number;
  const start = Math.min(Math.max(0, Math.floor(hint)), max);
  if (accepts(start)) {
    lo = start;
    let step = 1;
    for (;;) {
      if (lo === max) return max;
      const probe = Math.min(lo + step, max);
      if (!accepts(probe)) {
        hi = probe;
        break;
      }
      lo = probe;
      step *= 2;
    }
  } else {
    hi = start;
    let step = 1;
    for (;;) {
      if (hi === 0) return 0;
      const probe = Math.max(hi - step, 0);
      if (accepts(probe)) {
        lo = probe;
        break;
      }
      if (probe === 0) return 0;
      hi = probe;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (accepts(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Binomial overdial. Progressive until `warmupCalls` calls were placed and one has ended. Then:
 * - p = totals.live / totals.ended: the chance that a placed call becomes a live answer needing
 *   an agent. Live answers still talking are in the numerator but not yet in `ended`, which
 *   biases p upward (toward fewer calls) by at most talking / ended; capped at 1.
 * - w = mean ring time of answered calls, mean_talk = mean finished conversation; the agents
 *   available within the ring window are k = ready + floor(talking x (1 - exp(-w / mean_talk)))
 *   - waiting (a memoryless estimate, the same for every talking agent; none freeing before the
 *   first finished conversation), the waiting calls already claiming agents;
 * - n = ringing + detecting, the calls whose answer is still to come.
 * Place the largest x with E[max(0, B - k)] / E[B] <= targetPercent/100, B ~ Binomial(n + x, p),
 * n + x <= maxLinesPerAgent x loggedIn; never fewer than progressive dialing would.
 */
export class BinomialPacer implements Pacer {
  readonly name = "binomial";
  readonly cadenceSeconds: number;
  readonly decidesOnAgentReady = true;
  private readonly target: number;
  private readonly maxLinesPerAgent: number;
  private readonly warmupCalls: number;
  /** The last overdial found: the next search starts there. */
  private lastExtra = 0;

  constructor(config: BinomialConfig) {
    this.cadenceSeconds = config.cadenceSeconds;
    this.target = config.targetPercent / 100;
    this.maxLinesPerAgent = config.maxLinesPerAgent;
    this.warmupCalls = config.warmupCalls;
  }

  decide(view: DialerView): number {
    const progressive = progressiveCalls(view);
    const totals = view.totals;
    if (totals.placed < this.warmupCalls || totals.ended <= 0) return progressive;
    const p = Math.min(1, totals.live / totals.ended);
    const agents = view.agents;
    let freeing = 0;
    if (totals.talks > 0 && totals.answered > 0 && totals.talkSeconds > 0) {
      const w = totals.ringSecondsAnswered / totals.answered;
      const meanTalk = totals.talkSeconds / totals.talks;
      freeing = Math.floor(agents.talking * -Math.expm1(-w / meanTalk));
    }
    const calls = view.calls;
    const k = agents.ready + freeing - calls.waiting;
    const n = calls.ringing + calls.detecting;
    const maxExtra = Math.floor(this.maxLinesPerAgent * agents.loggedIn + 1e-9) - n;
    const x = largestOverdial(n, p, k, this.target, maxExtra, this.lastExtra);
    this.lastExtra = x;
    return Math.max(x, progressive);
  }
}
