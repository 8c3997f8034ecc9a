import type { ChartSpec } from "../charts/vega-lite-types.js";

/** A chart drawn as SVG, with whatever Vega-Lite and Vega warned about while drawing it. */
export interface RenderedSvg {
  readonly svg: string;
  readonly warnings: readonly string[];
}

// Vega numbers clip paths and gradients with a process-wide counter: renders run one at a
// time, each from a reset counter, so that the same spec always gives the same bytes.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Compiles a Vega-Lite spec to Vega and draws it as SVG without a browser (Vega's headless
 * "none" renderer; text is measured by estimate, so the layout does not depend on the fonts
 * installed). Errors in the spec reject; warnings are collected, not printed.
 */
export function renderSvg(spec: ChartSpec): Promise<RenderedSvg> {
  const next = queue.then(() => draw(spec));
  queue = next.catch(() => undefined);
  return next;
}

async function draw(spec: ChartSpec): Promise<RenderedSvg> {
  // Loaded on first use: Vega takes a third of a second to load, and most commands draw nothing.
  const [{ logger, parse, resetSVGDefIds, View, Warn }, { compile }] = await Promise.all([
    import("vega"),
    import("vega-lite"),
  ]);
  const warnings: string[] = [];
  const log = logger(Warn, undefined, (method, _level, input) => {
    const text = Array.from(input as ArrayLike<unknown>, String).join(" ");
    if (method === "error") throw new Error(`chart: ${text}`);
    warnings.push(text);
  });
  const compiled = compile(spec, { logger: log }).spec;
  resetSVGDefIds();
  const view = new View(parse(compiled), { renderer: "none", logger: log });
  try {
    const svg = await view.toSVG();
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}
