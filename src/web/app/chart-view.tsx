import { useEffect, useRef } from "preact/hooks";
import embed from "vega-embed";
import type { ReportChart } from "../../report/charts/report-charts.js";

/**
 * One of the report's Vega-Lite charts, drawn by vega-embed from the same spec as the HTML
 * report, with tooltips on every mark.
 */
export function ChartView({ chart }: { readonly chart: ReportChart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current === null) return;
    const spec = { ...chart.spec, config: { ...chart.spec.config, mark: { tooltip: true } } };
    const drawn = embed(box.current, spec as never, { actions: false, renderer: "svg" });
    return () => {
      drawn.then((result) => result.finalize());
    };
  }, [chart]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={chart.caption} />
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}
