import { useMemo, useState } from "preact/hooks";
import { reportCharts } from "../../../report/charts/report-charts.js";
import { fixed, meanWithInterval, percent } from "../../../report/format-number.js";
import { timeseriesCsv } from "../../../report/timeseries-csv.js";
import type { ResultDocument } from "../../../result/result-document.js";
import { callsCsvInWorker } from "../../run/calls-csv-in-worker.js";
import { ChartView } from "../chart-view.js";
import { downloadJson, downloadText } from "../download.js";

/** The result's file names: the CLI's `result.json` and `timeseries.csv`, with the scenario's name. */
function fileStem(doc: ResultDocument): string {
  return `${doc.scenario.name}-seed${doc.seed}-r${doc.replications}`;
}

interface RunSummaryProps {
  readonly doc: ResultDocument;
  /** The scenario as it ran, for its calls.csv. */
  readonly source: { readonly yaml: string; readonly file: string };
  /** The replication worker, which writes the calls.csv. */
  readonly workerUrl: string;
}

/**
 * The first replication's calls.csv to download, as `simulate --calls` writes it: written in a
 * worker when asked (a run does not keep every call).
 */
function CallsDownload({ doc, source, workerUrl }: RunSummaryProps) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const csv = await callsCsvInWorker(workerUrl, source, doc.seed);
      downloadText(`${fileStem(doc)}-calls.csv`, csv, "text/csv");
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: `calls.csv failed: ${(e as Error).message}` });
    }
  };
  return (
    <>
      <button type="button" disabled={state.busy} onClick={() => void download()}>
        Download calls CSV
      </button>
      {state.busy && <span role="status"> writing the calls of seed {doc.seed}...</span>}
      {state.error !== null && (
        <span class="error" role="alert">
          {" "}
          {state.error}
        </span>
      )}
    </>
  );
}

/**
 * A run's headline: the silent ratio against the ceiling (with its 95% interval over
 * replications), occupancy, how many replications ended over the ceiling; the report's charts;
 * the result JSON, time series CSV and the first replication's calls.csv to download, byte for
 * byte what the CLI writes.
 */
export function RunSummary(props: RunSummaryProps) {
  const { doc } = props;
  // Made once per result: a new chart object would have its chart drawn again.
  const charts = useMemo(() => reportCharts([doc]), [doc]);
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
        <button type="button" onClick={() => downloadJson(`${stem}.json`, doc)}>
          Download result JSON
        </button>{" "}
        <button
          type="button"
          onClick={() =>
            downloadText(`${stem}-timeseries.csv`, timeseriesCsv(doc.timeseries.rows), "text/csv")
          }
        >
          Download time series CSV
        </button>{" "}
        <CallsDownload {...props} />
      </p>
      {charts.map((chart) => (
        <ChartView key={chart.name} chart={chart} />
      ))}
    </section>
  );
}
