import type { Sampler } from "../sim/distributions.js";

/** Draws tried for a duration longer than the time already elapsed before giving up. */
export const CONDITIONAL_TRIES = 64;

/**
 * The time left of something that has lasted `elapsed` seconds, drawn from `draw` conditional
 * on lasting longer (by rejection). After CONDITIONAL_TRIES draws all below `elapsed` (far in
 * the tail) it falls back on a fresh draw, as if the duration were memoryless.
 */
export function remainingAfter(draw: Sampler, elapsed: number): number {
  for (let i = 0; i < CONDITIONAL_TRIES; i++) {
    const d = draw();
    if (d > elapsed) return d - elapsed;
  }
  return draw();
}

/** `draw` with every duration multiplied by `scale`. */
export function scaled(draw: Sampler, scale: number): Sampler {
  return scale === 1 ? draw : () => draw() * scale;
}
