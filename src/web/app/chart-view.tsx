import { useEffect, useRef } from "preact/hooks";
import embed, { type Result } from "vega-embed";
import type { ReportChart } from "../../report/charts/report-charts.js";

/**
 * One of the report's Vega-Lite charts, drawn by vega-embed from the same spec as the HTML
 * report, with tooltips on every mark.
 */
export function ChartView({ chart }: { readonly chart: ReportChart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current === null) return;
    // Tooltips on every mark; the figure's caption is the chart's text alternative, so vega's
    // ARIA attributes on each mark are left out.
    const config = { ...chart.spec.config, mark: { tooltip: true }, aria: false };
    const spec = { ...chart.spec, config };
    const target = box.current;
    // Each chart in a task of its own, after the page has shown the figures: drawing all of
    // them in the commit that shows the result would hold the main thread for too long.
    const drawn = new Promise<Result>((resolve) => {
      setTimeout(() => resolve(embed(target, spec as never, { actions: false, renderer: "svg" })));
    });
    // The SVG's groups are no help to a screen reader: the caption (the box's label) says it.
    void drawn.then(() => target.querySelector("svg")?.setAttribute("aria-hidden", "true"));
    return () => {
      void drawn.then((result) => result.finalize());
    };
  }, [chart]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={chart.caption} />
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}
