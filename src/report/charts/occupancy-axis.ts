/**
 * The x encoding of agent occupancy in percent: whole tens around `values` (with 2 points of
 * margin), never past 100% since occupancy cannot exceed it.
 */
export function occupancyAxis(values: readonly number[]) {
  const left = Math.max(0, Math.floor((Math.min(100, ...values) - 2) / 10) * 10);
  const right = Math.min(100, Math.ceil((Math.max(0, ...values) + 2) / 10) * 10);
  return {
    type: "quantitative" as const,
    scale: { domain: [left, Math.max(right, left + 10)], nice: false },
    axis: { title: "agent occupancy (%)", tickCount: Math.max(4, (right - left) / 10) },
  };
}
