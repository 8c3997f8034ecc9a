import { useMemo, useState } from "preact/hooks";
import { ScenarioError } from "../../../io/read/scenario-error.js";
import { reportCharts } from "../../../report/charts/report-charts.js";
import { fixed, meanWithInterval, percent } from "../../../report/format-number.js";
import { type ResultDocument, resultDocument } from "../../../result/result-document.js";
import { parsePacingSpec } from "../../../scenario/pacing-spec.js";
import type { Scenario } from "../../../scenario/scenario.js";
import { replicationsOf, replicationTasks } from "../../run/replication-tasks.js";
import { RunStopped, type WorkerPool } from "../../run/worker-pool.js";
import { ChartView } from "../chart-view.js";
import { downloadJson } from "../download.js";
import { RunFailure, RunProgress, StartStop } from "./run-controls.js";

interface CompareProps {
  readonly scenario: Scenario;
  readonly text: string;
  readonly file: string;
  readonly seed: number;
  readonly replications: number;
  readonly pool: () => WorkerPool;
}

type CompareState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly done: number; readonly total: number }
  | { readonly kind: "done"; readonly docs: readonly ResultDocument[] }
  | { readonly kind: "failed"; readonly message: string };

const DEFAULT_PACINGS = "progressive, vicidial-ratio:level=2, guarded:binomial";

function ComparisonTable({ docs }: { readonly docs: readonly ResultDocument[] }) {
  const metric = (doc: ResultDocument) =>
    doc.rules.denominator === "connected" ? "silentPer100Connected" : "silentPer100Answered";
  return (
    <table>
      <caption>Each pacing on the same seeds ({docs[0].replications} replications)</caption>
      <thead>
        <tr>
          <th scope="col">Pacing</th>
          <th scope="col">Silent per 100 {docs[0].rules.denominator}</th>
          <th scope="col">Over the ceiling</th>
          <th scope="col">Agent occupancy</th>
        </tr>
      </thead>
      <tbody>
        {docs.map((doc) => {
          const across = doc.acrossReplications;
          return (
            <tr key={doc.pacingSpec}>
              <td>{doc.pacingSpec}</td>
              <td>
                {across === undefined
                  ? fixed(doc.campaign.ceiling.ratio)
                  : meanWithInterval(across.metrics[metric(doc)], (x) => fixed(x))}
              </td>
              <td>
                {across === undefined
                  ? doc.campaign.ceiling.within
                    ? "no"
                    : "yes"
                  : `${across.overCeiling} of ${doc.replications}`}
              </td>
              <td>
                {across === undefined
                  ? percent(doc.campaign.agentOccupancy)
                  : meanWithInterval(across.metrics.agentOccupancy, (x) => percent(x))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Several pacings side by side, as `pacelab compare` runs them: the scenario under each pacing
 * (written as on its command line) on the same seeds, in the page's web workers.
 */
export function ComparePanel(props: CompareProps) {
  const [pacings, setPacings] = useState(DEFAULT_PACINGS);
  const [state, setState] = useState<CompareState>({ kind: "idle" });
  // Made once per comparison: a new chart object would have its chart drawn again.
  const charts = useMemo(
    () =>
      state.kind === "done"
        ? reportCharts(state.docs).filter((chart) => chart.result === undefined)
        : [],
    [state],
  );

  const compare = async () => {
    const specs = pacings
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    let configs: ReturnType<typeof parsePacingSpec>[];
    try {
      configs = specs.map((spec) => parsePacingSpec(spec, props.scenario.rules));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      setState({ kind: "failed", message: e.message });
      return;
    }
    const { seed, replications } = props;
    setState({ kind: "running", done: 0, total: specs.length * replications });
    try {
      const results = await props.pool().run({
        sources: configs.map((pacing) => ({ yaml: props.text, file: props.file, pacing })),
        tasks: replicationTasks(specs.length, seed, replications),
        onProgress: (done, total) => setState({ kind: "running", done, total }),
      });
      const docs = specs.map((spec, i) =>
        resultDocument(
          { ...props.scenario, pacing: configs[i] },
          props.file,
          replicationsOf(results, i, seed, replications),
          spec,
        ),
      );
      setState({ kind: "done", docs });
    } catch (e) {
      const message =
        e instanceof RunStopped ? e.message : `compare failed: ${(e as Error).message}`;
      setState({ kind: "failed", message });
    }
  };

  return (
    <section class="compare" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare pacings</h2>
      <div class="row">
        <label for="pacings">Pacings, as pacelab compare -p takes them</label>
        <input
          id="pacings"
          size={60}
          value={pacings}
          onInput={(e) => setPacings((e.target as HTMLInputElement).value)}
        />
        <StartStop
          startLabel="Compare"
          stopLabel="Stop comparing"
          running={state.kind === "running"}
          start={() => void compare()}
          stop={() => props.pool().stop()}
        />
      </div>
      {state.kind === "running" && (
        <RunProgress
          id="compare-progress"
          label="Replications done"
          done={state.done}
          total={state.total}
        >
          {state.done} of {state.total}
        </RunProgress>
      )}
      {state.kind === "failed" && <RunFailure message={state.message} />}
      {state.kind === "done" && (
        <>
          <ComparisonTable docs={state.docs} />
          <button type="button" onClick={() => downloadJson("compare.json", state.docs)}>
            Download comparison JSON
          </button>
          {charts.map((chart) => (
            <ChartView key={chart.name} chart={chart} />
          ))}
        </>
      )}
    </section>
  );
}
