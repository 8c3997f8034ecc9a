import { ScenarioError } from "../io/read/scenario-error.js";

/** One swept scenario key and the values it takes. */
export interface Axis {
  /** Dotted key path as in the scenario file, e.g. `pacing.level` or `agents.groups[0].count`. */
  readonly key: string;
  readonly values: readonly (number | string)[];
}

/** A grid point: a value for every axis, in axis order. */
export type GridPoint = readonly (number | string)[];

// Ranges are cut at a whole number of steps; rounding keeps 1.0:3.0:0.1 from giving 2.9000000001.
function range(from: number, to: number, step: number): number[] {
  const count = Math.floor((to - from) / step + 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((from + i * step).toPrecision(12)));
}

/**
 * Parses `key=from:to:step` (an inclusive numeric range) or `key=a,b,c` (a list; numbers where
 * they read as numbers). Errors name the option and say what was expected.
 */
export function parseAxis(spec: string, option = "--set"): Axis {
  const eq = spec.indexOf("=");
  const fail = (expected: string, got: string): never => {
    throw new ScenarioError({ file: option, keyPath: spec, expected, got });
  };
  if (eq <= 0) fail("key=from:to:step or key=a,b,c", `"${spec}"`);
  const key = spec.slice(0, eq);
  const text = spec.slice(eq + 1);
  const parts = text.split(":");
  if (parts.length === 3) {
    const [from, to, step] = parts.map(Number);
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) {
      fail("from:to:step with numbers, step > 0 and to >= from", `"${text}"`);
    }
    const values = range(from, to, step);
    if (values.length > 10_000) fail("at most 10,000 values per key", `${values.length}`);
    return { key, values };
  }
  const values = text
    .split(",")
    .map((v) => (v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v.trim()));
  if (values.some((v) => v === "")) fail("a non-empty value between commas", `"${text}"`);
  return { key, values };
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function gridPoints(axes: readonly Axis[]): GridPoint[] {
  let points: GridPoint[] = [[]];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => [...p, v]));
  return points;
}

/** `agents.groups[0].count` as the path ["agents", "groups", 0, "count"]. */
export function keyPath(key: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of key.split(".")) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match)
      throw new ScenarioError({
        file: "--set",
        keyPath: key,
        expected: "a dotted key path such as pacing.level",
        got: `"${key}"`,
      });
    path.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}
