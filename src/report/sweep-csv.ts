import { toCsv } from "../io/write/csv.js";
import type { SweepResult } from "../tuning/sweep.js";
import { SWEPT_METRICS } from "../tuning/sweep-point.js";

const snake = (name: string) => name.replace(/[A-Z]|[0-9]+/g, (m) => `_${m.toLowerCase()}`);

/** One row per grid point: the swept keys, each metric's mean and 95% interval, P(over ceiling). */
export function sweepCsv(result: SweepResult): string {
  const keys = result.axes.map((a) => a.key);
  const header = [
    ...keys,
    "replications",
    ...SWEPT_METRICS.flatMap((m) => [
      `${snake(m)}_mean`,
      `${snake(m)}_ci95_low`,
      `${snake(m)}_ci95_high`,
    ]),
    "over_ceiling_probability",
  ];
  return toCsv(
    header,
    result.points.map((p) => [
      ...keys.map((k) => p.settings[k]),
      p.replications,
      ...SWEPT_METRICS.flatMap((m) => {
        const v = p.metrics[m];
        return v === null ? [null, null, null] : [v.mean, v.ci95[0], v.ci95[1]];
      }),
      p.overCeilingProbability,
    ]),
  );
}
