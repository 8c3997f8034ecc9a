import { useEffect, useRef } from "preact/hooks";
import embed, { type Result, vega } from "vega-embed";
import type { LiveSnapshot } from "../../../live/live-snapshot.js";

/** One point of the chart: wall-clock seconds into the run and the silent ratio then. */
interface RatioPoint {
  readonly t: number;
  readonly ratio: number;
}

function ratioPoints(counts: readonly LiveSnapshot[]): RatioPoint[] {
  return counts.flatMap((c) =>
    c.silentPer100 === null ? [] : [{ t: c.elapsedSeconds, ratio: c.silentPer100 }],
  );
}

/** The Vega-Lite spec: the ratio as a line (the points so far), the ceiling as a dashed rule. */
function chartSpec(ceiling: number, denominator: string, points: readonly RatioPoint[]) {
  return {
    width: 520,
    height: 180,
    config: { mark: { tooltip: true }, aria: false },
    layer: [
      {
        data: { name: "points", values: points },
        mark: { type: "line", point: true, color: "#1f3b57" },
        encoding: {
          x: { field: "t", type: "quantitative", title: "seconds since the run started" },
          y: { field: "ratio", type: "quantitative", title: `silent per 100 ${denominator}` },
        },
      },
      {
        data: { values: [{ ceiling }] },
        mark: { type: "rule", color: "#b2182b", strokeDash: [6, 4] },
        encoding: { y: { field: "ceiling", type: "quantitative" } },
      },
    ],
  };
}

/**
 * The silent ratio over the run against the rule set's ceiling: embedded once by vega-embed,
 * its data set replaced as counts arrive (the chart is not built again every second).
 */
export function SilentRatioChart({ counts }: { readonly counts: readonly LiveSnapshot[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Promise<Result> | null>(null);
  const first = counts[0];
  const ceiling = first?.ceilingPer100 ?? 3;
  const denominator = first?.denominator ?? "connected";
  useEffect(() => {
    if (box.current === null) return;
    const target = box.current;
    const drawn = embed(target, chartSpec(ceiling, denominator, ratioPoints(counts)) as never, {
      actions: false,
      renderer: "svg",
    });
    void drawn.then(() => target.querySelector("svg")?.setAttribute("aria-hidden", "true"));
    chart.current = drawn;
    return () => {
      void drawn.then((result) => result.finalize());
    };
    // Embedded again only for another ceiling; new counts go in through the data set below.
  }, [ceiling, denominator]);
  useEffect(() => {
    const points = ratioPoints(counts);
    void chart.current?.then((result) =>
      result.view
        .change(
          "points",
          vega
            .changeset()
            .remove(() => true)
            .insert(points),
        )
        .runAsync(),
    );
  }, [counts]);
  const latest = counts.at(-1);
  const caption = `Silent calls per 100 ${denominator} over the run (line) against the ceiling of ${ceiling} (dashed)${
    latest?.silentPer100 == null ? "" : `; now ${latest.silentPer100.toFixed(2)}`
  }.`;
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={caption} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
