/** Standard errors of a maximum-likelihood θ from the observed information (a numeric Hessian). */
import type { Family } from "../../src/fit/families.js";
import { logLikelihood, type Observations } from "../../src/fit/fit-distribution.js";

/** √diag((−H)⁻¹) with H the Hessian of the log-likelihood at θ (central differences). */
export function standardErrors(f: Family, theta: readonly number[], obs: Observations): number[] {
  const ll = (t: readonly number[]) => logLikelihood(f, t, obs);
  const k = theta.length;
  const h = 1e-4;
  const at = (di: number, dj: number, i: number, j: number) => {
    const t = [...theta];
    t[i] += di;
    t[j] += dj;
    return ll(t);
  };
  const H: number[][] = [];
  for (let i = 0; i < k; i++) {
    H.push([]);
    for (let j = 0; j < k; j++) {
      H[i].push(
        (at(h, h, i, j) - at(h, -h, i, j) - at(-h, h, i, j) + at(-h, -h, i, j)) / (4 * h * h),
      );
    }
  }
  if (k === 1) return [Math.sqrt(-1 / H[0][0])];
  if (k !== 2) throw new Error("standardErrors: 1 or 2 parameters only");
  const det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  return [Math.sqrt(-H[1][1] / det), Math.sqrt(-H[0][0] / det)];
}
