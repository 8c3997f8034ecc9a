import { performance } from "node:perf_hooks";

/**
 * Milliseconds since the epoch with sub-millisecond resolution, monotonic within a run: the one
 * clock of the endpoint's records, its trace-stat rows and its verdict.
 */
export function endpointClock(): number {
  return performance.timeOrigin + performance.now();
}
