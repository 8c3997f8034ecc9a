import { reportCharts } from "../../../report/charts/report-charts.js";
import { fixed, meanWithInterval, percent } from "../../../report/format-number.js";
import { timeseriesCsv } from "../../../report/timeseries-csv.js";
import type { ResultDocument } from "../../../result/result-document.js";
import { ChartView } from "../chart-view.js";
import { downloadText } from "../download.js";

/** The result's file names: the CLI's `result.json` and `timeseries.csv`, with the scenario's name. */
function fileStem(doc: ResultDocument): string {
  return `${doc.scenario.name}-seed${doc.seed}-r${doc.replications}`;
}

/**
 * A run's headline: the silent ratio against the ceiling (with its 95% interval over
 * replications), occupancy, how many replications ended over the ceiling; the report's charts;
 * the result JSON and time series CSV to download, byte for byte what the CLI writes.
 */
export function RunSummary({ doc }: { readonly doc: ResultDocument }) {
  const ceiling = doc.rules.ceilingPer100;
  const metric =
    doc.rules.denominator === "connected" ? "silentPer100Connected" : "silentPer100Answered";
  const across = doc.acrossReplications;
  const ratio = across?.metrics[metric] ?? null;
  const first = doc.campaign.ceiling.ratio;
  const within = across === undefined ? doc.campaign.ceiling.within : across.overCeiling === 0;
  const stem = fileStem(doc);
  return (
    <section class="results" aria-labelledby="results-title">
      <h2 id="results-title">Result</h2>
      <dl class="facts">
        <dt>Silent per 100 {doc.rules.denominator}</dt>
        <dd class={within ? "ok" : "fail"}>
          {across === undefined
            ? fixed(first)
            : `${meanWithInterval(ratio, (x) => fixed(x))} over ${doc.replications} replications`}{" "}
          against the ceiling of {ceiling} ({doc.rules.id})
        </dd>
        {across !== undefined && (
          <>
            <dt>Over the ceiling</dt>
            <dd>
              {across.overCeiling} of {doc.replications} replications (
              {percent(across.overCeilingFraction)})
            </dd>
          </>
        )}
        <dt>Agent occupancy</dt>
        <dd>
          {across === undefined
            ? percent(doc.campaign.agentOccupancy)
            : meanWithInterval(across.metrics.agentOccupancy, (x) => percent(x))}
        </dd>
        <dt>First replication</dt>
        <dd>
          seed {doc.seed}: {doc.campaign.attempts} attempts, {doc.campaign.connected} connected,{" "}
          {doc.campaign.silent} silent
        </dd>
      </dl>
      <p class="actions">
        <button
          type="button"
          onClick={() =>
            downloadText(`${stem}.json`, `${JSON.stringify(doc, null, 2)}\n`, "application/json")
          }
        >
          Download result JSON
        </button>{" "}
        <button
          type="button"
          onClick={() =>
            downloadText(`${stem}-timeseries.csv`, timeseriesCsv(doc.timeseries.rows), "text/csv")
          }
        >
          Download time series CSV
        </button>
      </p>
      {reportCharts([doc]).map((chart) => (
        <ChartView key={chart.name} chart={chart} />
      ))}
    </section>
  );
}
