import { useEffect, useRef } from "preact/hooks";
import { View } from "vega";
import { Handler } from "vega-tooltip";
import type { ReportChart } from "../../report/charts/report-charts.js";
import { prepareInWorker } from "../chart/prepare-in-worker.js";

/** Resolves when the page has a moment to spare (at the latest after half a second). */
function idle(): Promise<void> {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 500 }));
}

let drawing: Promise<unknown> = Promise.resolve();

/**
 * Runs `draw` after every step asked before it, in an idle moment of its own: one step of one
 * chart per task, so that drawing a result's charts never holds the main thread for long.
 */
function inTurn<T>(draw: () => Promise<T>): Promise<T> {
  const turn = drawing.then(idle).then(draw);
  drawing = turn.catch(() => undefined);
  return turn;
}

/**
 * One of the report's Vega-Lite charts, drawn by Vega from the same spec as the HTML report,
 * with tooltips on every mark (vega-tooltip). The spec is compiled to Vega and parsed into its
 * dataflow in the chart worker; the page then builds the view and runs it in two idle tasks,
 * chart after chart (vega-embed would do it all in one task, which took up to 230 ms).
 */
export function ChartView({ chart }: { readonly chart: ReportChart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current;
    if (target === null) return;
    // Tooltips on every mark; the figure's caption is the chart's text alternative, so vega's
    // ARIA attributes on each mark are left out.
    const config = { ...chart.spec.config, mark: { tooltip: true }, aria: false };
    const prepared = prepareInWorker({ ...chart.spec, config });
    let view: View | null = null;
    let gone = false;
    const built = inTurn(async () => {
      const runtime = await prepared;
      if (gone) return;
      const tooltip = new Handler().call;
      view = new View(runtime as never, {
        renderer: "svg",
        container: target,
        hover: true,
        tooltip,
      });
    });
    const drawn = inTurn(async () => {
      await built;
      if (view === null) return;
      await view.runAsync();
      // The SVG's groups are no help to a screen reader: the caption (the box's label) says it.
      target.querySelector("svg")?.setAttribute("aria-hidden", "true");
    });
    drawn.catch((e: Error) => {
      target.textContent = `The chart could not be drawn: ${e.message}`;
    });
    return () => {
      gone = true;
      view?.finalize();
      view = null;
    };
  }, [chart]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={chart.caption} />
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}
