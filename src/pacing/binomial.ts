import type { BinomialConfig } from "./config.js";
import { copyOfPacer, type Pacer } from "./pacer.js";
import type { DialerCounters, DialerView } from "./view.js";

/** Below this log-probability a binomial term is tracked in log space (exp would underflow). */
const LOG_UNDERFLOW = -700;

// What minBinomialHead found besides E[min(B, k)]: the start of largestOverdial's recurrences.
// Module scratch rather than a returned object, so that a decision allocates nothing; the two
// probabilities sit in a typed array because V8 boxes every double stored in a module variable.
const head = new Float64Array(2);
/** head[HEAD_CDF]: P(B <= k - 1). */
const HEAD_CDF = 0;
/** head[HEAD_PMF]: P(B = k - 1); 0 when it underflowed. */
const HEAD_PMF = 1;
/** False when P(B = k - 1) was still in log space: the recurrences cannot start from it. */
let headLinear = true;

/**
 * E[min(B, k)] for B ~ Binomial(trials, p), 0 < p < 1, k >= 1, as sum_{j=0}^{k-1} P(B > j), with
 * the pmf built term by term (log space only while it would underflow); leaves P(B <= k - 1)
 * and P(B = k - 1) in the module scratch. O(k), no allocation.
 */
function minBinomialHead(trials: number, p: number, k: number): number {
  const odds = p / (1 - p);
  let logPmf = trials * Math.log1p(-p);
  let linear = logPmf > LOG_UNDERFLOW;
  let pmf = linear ? Math.exp(logPmf) : 0;
  let cdf = 0;
  let sum = 0;
  let last = 0;
  let lastLinear = linear;
  for (let j = 0; j < k; j++) {
    last = pmf; // P(B = j)
    lastLinear = linear;
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
  head[HEAD_CDF] = cdf;
  head[HEAD_PMF] = last;
  headLinear = lastLinear;
  return sum;
}

/**
 * E[min(B, k)] for B ~ Binomial(trials, p), as sum_{j=0}^{k-1} P(B > j), with the pmf built
 * term by term (log space only while it would underflow). O(min(k, trials)), no allocation.
 */
export function expectedMinBinomial(trials: number, p: number, k: number): number {
  if (trials <= 0 || p <= 0 || k <= 0) return 0;
  if (p >= 1) return Math.min(trials, k);
  if (k >= trials) return trials * p;
  return minBinomialHead(trials, p, k);
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
  return overflowRatio(mean, expectedMinBinomial(trials, p, k));
}

/**
 * Below this distance from the target a ratio found by the recurrences is re-evaluated in full:
 * their rounding (far smaller) must not decide a tie such as n = 3, p = 0.3, k = 2 at 3%.
 */
const TIE_TOLERANCE = 1e-9;

/**
 * Whether N = trials calls meet the target, given E[min(B_N, k)] from the recurrences; within
 * the tie tolerance, as {@link expectedOverflowRatio} says, so that the answer is the same as a
 * scan with full evaluations.
 */
function meetsTarget(trials: number, p: number, k: number, target: number, expectedMin: number) {
  const ratio = overflowRatio(trials * p, expectedMin);
  if (Math.abs(ratio - target) > TIE_TOLERANCE) return ratio < target;
  return expectedOverflowRatio(trials, p, k) <= target;
}

/** (mean - E[min(B, k)]) / mean, or 0 when rounding makes the overflow non-positive. */
function overflowRatio(mean: number, expectedMin: number): number {
  const overflow = mean - expectedMin;
  return overflow > 0 ? overflow / mean : 0;
}

/** 1 / (j + 1) for j < 256: the head's steps multiply rather than divide. */
const RECIPROCALS = Float64Array.from({ length: 256 }, (_, j) => 1 / (j + 1));

/**
 * Where {@link fastBinomialHead} applies: its rounding (relative at most about N ulps from the
 * squaring; absolute at most about k^2 / 2 ulps in the sum, over a mean of at least k p) then
 * stays far below the tie tolerance, so that its answers are those of {@link minBinomialHead}.
 */
const FAST_MIN_P = 0.01;
const FAST_MAX_TRIALS = 4096;
/** Below this (1 - p)^N is left to the log space (subnormals lose bits). */
const LINEAR_START = 1e-290;

/**
 * {@link minBinomialHead} without its transcendental functions, for largestOverdial's start:
 * P(B = 0) = (1 - p)^N by repeated squaring instead of exp(N log1p(-p)), and no division per
 * term. Outside the range where its rounding is known to be harmless, minBinomialHead itself.
 */
function fastBinomialHead(trials: number, p: number, k: number): number {
  const inRange = p >= FAST_MIN_P && trials <= FAST_MAX_TRIALS && k <= RECIPROCALS.length;
  if (!inRange || (trials | 0) !== trials) return minBinomialHead(trials, p, k); // (squaring: integers)
  const q = 1 - p;
  let pmf = 1;
  let square = q;
  for (let e = trials; e > 0; e >>>= 1) {
    if (e & 1) pmf *= square;
    square *= square;
  }
  if (!(pmf > LINEAR_START)) return minBinomialHead(trials, p, k);
  const odds = p / q;
  let cdf = 0;
  let cdfSum = 0;
  let last = 0;
  for (let j = 0; j < k; j++) {
    last = pmf; // P(B = j)
    cdf += pmf; // P(B <= j)
    cdfSum += cdf;
    pmf *= (trials - j) * odds * RECIPROCALS[j];
  }
  head[HEAD_CDF] = cdf;
  head[HEAD_PMF] = last;
  headLinear = true;
  return k - cdfSum; // sum_{j<k} P(B > j), one subtraction instead of k
}

/**
 * The largest x in [0, maxExtra] with expectedOverflowRatio(outstanding + x, p, k) <= target,
 * or 0 when even x = 0 is over the target. The ratio is monotone in x, so this starts from
 * `hint` (the previous answer: it moves little between decisions) and walks to the answer with
 * O(1) recurrences in the number of trials N, for B_N ~ Binomial(N, p):
 *
 *   E[min(B_{N+1}, k)] = E[min(B_N, k)] + p P(B_N <= k - 1)
 *   P(B_{N+1} <= k - 1) = P(B_N <= k - 1) - p P(B_N = k - 1)
 *   P(B_{N+1} = k - 1) = P(B_N = k - 1) (N + 1)(1 - p) / (N + 2 - k)
 *
 * (a (N+1)-th trial raises min(B, k) exactly when it succeeds with B_N < k), run backwards to
 * walk down. One O(k) evaluation at the hint plus O(1) per step: O(k + d) for an answer d away;
 * a step within rounding of the target is settled by a full evaluation, so the answer is the
 * one a scan with {@link expectedOverflowRatio} gives.
 * Where P(B = k - 1) underflows (thousands of calls in flight) it bisects with full
 * evaluations instead.
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
  if (max <= 0 || !(target >= 0)) return 0; // the ratio is never negative
  // Calls up to the agents available cannot overflow: always accepted.
  const fits = Math.min(max, Math.max(0, k - outstanding));
  if (!(p > 0 && p < 1) || k < 1) return bisectOverdial(outstanding, p, k, target, fits, max);
  let x = Math.min(max, Math.max(fits, Math.floor(hint)));
  let trials = outstanding + x;
  if (trials < k) return x; // x = max: every call fits an agent
  let expectedMin = fastBinomialHead(trials, p, k);
  if (!headLinear) return bisectOverdial(outstanding, p, k, target, fits, max);
  if (trials === k) expectedMin = trials * p; // exactly, as expectedMinBinomial has it
  let cdf = head[HEAD_CDF];
  let pmf = head[HEAD_PMF];
  const q = 1 - p;
  if (meetsTarget(trials, p, k, target, expectedMin)) {
    while (x < max) {
      const next = expectedMin + p * cdf;
      if (!meetsTarget(trials + 1, p, k, target, next)) break;
      expectedMin = next;
      cdf -= p * pmf;
      pmf *= ((trials + 1) * q) / (trials + 2 - k);
      trials++;
      x++;
    }
    return x;
  }
  while (x > fits) {
    pmf *= (trials - k + 1) / (trials * q);
    cdf += p * pmf;
    expectedMin -= p * cdf;
    trials--;
    x--;
    if (meetsTarget(trials, p, k, target, expectedMin)) return x;
  }
  return fits;
}

/**
 * {@link largestOverdial} by bisection with a full evaluation per probe, given that x <= fits
 * is accepted: for the degenerate p and k, and where the recurrences' start underflows.
 */
function bisectOverdial(
  outstanding: number,
  p: number,
  k: number,
  target: number,
  fits: number,
  max: number,
): number {
  // Invariant: lo is accepted (or 0), hi is rejected (or max + 1).
  let lo = fits;
  let hi = max + 1;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (expectedOverflowRatio(outstanding + mid, p, k) <= target) lo = mid;
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
  /** The search's starting point (the last answer) changes its speed, never its answer. */
  readonly readsCountsOnly = true;
  private readonly target: number;
  private readonly maxLinesPerAgent: number;
  private readonly warmupCalls: number;
  /** The last overdial found: the next search starts there. */
  private lastExtra = 0;
  // The last search's other inputs: a search from the same inputs (the counts often stand still
  // between one-second ticks) gives the same answer, so it is not run again.
  private searchedOutstanding = -1;
  private searchedP = -1;
  private searchedK = 0;
  private searchedMax = 0;
  private searchedHint = -1;
  // The last agents-freeing estimate's inputs and value, for the same reason.
  private freeingTalking = -1;
  private freeingTalks = -1;
  private freeingTalkSeconds = -1;
  private freeingAnswered = -1;
  private freeingRingSeconds = -1;
  private freeing = 0;

  constructor(config: BinomialConfig) {
    this.cadenceSeconds = config.cadenceSeconds;
    this.target = config.targetPercent / 100;
    this.maxLinesPerAgent = config.maxLinesPerAgent;
    this.warmupCalls = config.warmupCalls;
  }

  copy(): Pacer {
    return copyOfPacer(this);
  }

  decide(view: DialerView): number {
    const agents = view.agents;
    const calls = view.calls;
    const ready = agents.ready;
    const n = calls.ringing + calls.detecting;
    const waiting = calls.waiting;
    const progressive = Math.max(ready - (n + waiting), 0); // progressiveCalls, counts read once
    const totals = view.totals;
    const ended = totals.ended;
    if (totals.placed < this.warmupCalls || ended <= 0) return progressive;
    const p = Math.min(1, totals.live / ended);
    const k = ready + this.freeingAgents(totals, agents.talking) - waiting;
    const maxExtra = Math.floor(this.maxLinesPerAgent * agents.loggedIn + 1e-9) - n;
    return Math.max(this.overdial(n, p, k, maxExtra), progressive);
  }

  /** largestOverdial from the last answer, or that answer again when the search would repeat. */
  private overdial(n: number, p: number, k: number, maxExtra: number): number {
    const hint = this.lastExtra;
    const repeated =
      n === this.searchedOutstanding &&
      p === this.searchedP &&
      k === this.searchedK &&
      maxExtra === this.searchedMax &&
      hint === this.searchedHint;
    if (repeated) return hint; // the search from the hint it returned returns it
    this.searchedOutstanding = n;
    this.searchedP = p;
    this.searchedK = k;
    this.searchedMax = maxExtra;
    this.searchedHint = hint;
    this.lastExtra = largestOverdial(n, p, k, this.target, maxExtra, hint);
    return this.lastExtra;
  }

  /** {@link freeingAgents}, or its last value when its inputs are those of the last call. */
  private freeingAgents(totals: DialerCounters, talking: number): number {
    if (
      talking !== this.freeingTalking ||
      totals.talks !== this.freeingTalks ||
      totals.talkSeconds !== this.freeingTalkSeconds ||
      totals.answered !== this.freeingAnswered ||
      totals.ringSecondsAnswered !== this.freeingRingSeconds
    ) {
      this.freeingTalking = talking;
      this.freeingTalks = totals.talks;
      this.freeingTalkSeconds = totals.talkSeconds;
      this.freeingAnswered = totals.answered;
      this.freeingRingSeconds = totals.ringSecondsAnswered;
      this.freeing = freeingAgents(totals, talking);
    }
    return this.freeing;
  }
}

/** floor(talking x (1 - exp(-w / mean_talk))): talking agents expected free within a ring. */
function freeingAgents(totals: DialerCounters, talking: number): number {
  if (!(totals.talks > 0 && totals.answered > 0 && totals.talkSeconds > 0)) return 0;
  const w = totals.ringSecondsAnswered / totals.answered;
  const meanTalk = totals.talkSeconds / totals.talks;
  return Math.floor(talking * -Math.expm1(-w / meanTalk));
}
