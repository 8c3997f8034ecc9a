/**
 * A small derivative-free minimiser (Nelder–Mead simplex) for the likelihoods that have no
 * closed form: two or three parameters, smooth, one well-defined optimum once parameters are on
 * an unconstrained scale. Non-finite values count as +Infinity, so a step outside the valid
 * region is simply rejected.
 */

export interface MinimizeOptions {
  /** Stop when the simplex's values differ by less than this (absolute plus relative). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Restarts from the best point found, which guards against a collapsed simplex. */
  readonly restarts?: number;
}

export interface Minimum {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
}

const finite = (v: number) => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY);

/**
 * Minimises `f` from `start` by Nelder–Mead with the standard coefficients (reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2), restarting from the best vertex `restarts` times.
 *
 * @throws RangeError if `f` is not finite at `start`.
 */
export function minimize(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: MinimizeOptions = {},
): Minimum {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 2000;
  const restarts = options.restarts ?? 2;
  if (!Number.isFinite(f(start))) {
    throw new RangeError(`minimize: the function is not finite at the start ${start.join(", ")}`);
  }
  let best: Minimum = { x: start, value: f(start), iterations: 0 };
  for (let r = 0; r <= restarts; r++) {
    const run = simplexRun((x) => finite(f(x)), best.x, tolerance, maxIterations);
    best = { x: run.x, value: run.value, iterations: best.iterations + run.iterations };
  }
  return best;
}

function simplexRun(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  tolerance: number,
  maxIterations: number,
): Minimum {
  const n = start.length;
  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    // A step relative to the coordinate, or absolute near zero.
    p[i] += p[i] === 0 ? 0.1 : 0.1 * Math.abs(p[i]) + 0.05;
    points.push(p);
  }
  let values = points.map(f);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sorted = order.map((i) => points[i]);
    values = order.map((i) => values[i]);
    points.splice(0, points.length, ...sorted);
    const spread = values[n] - values[0];
    if (spread <= tolerance * (1 + Math.abs(values[0]))) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (points[n][j] - c));

    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = f(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          points[i] = points[i].map((x, j) => points[0][j] + 0.5 * (x - points[0][j]));
          values[i] = f(points[i]);
        }
      }
    }
  }
  let k = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[k]) k = i;
  return { x: points[k], value: values[k], iterations };
}
