import { useMemo, useState } from "preact/hooks";
import { ScenarioError } from "../../../io/read/scenario-error.js";
import { tuneCharts } from "../../../report/charts/tune-frontier.js";
import { fixed, meanWithInterval, percent } from "../../../report/format-number.js";
import { tuneVerdict } from "../../../report/html/tune-page.js";
import { type TuneDocument, tuneDocument, tuneRequest } from "../../../report/tune-document.js";
import { withinOf } from "../../../report/tune-undecided.js";
import { pacingAlgorithmSpec } from "../../../scenario/pacing-spec.js";
import type { Scenario } from "../../../scenario/scenario.js";
import { SWEPT_METRICS } from "../../../tuning/sweep-point.js";
import { mostProbes, tune } from "../../../tuning/tune.js";
import { planTune, type TuneAsk } from "../../../tuning/tune-plan.js";
import { tuneRunner } from "../../run/tune-runner.js";
import { RunStopped, type WorkerPool } from "../../run/worker-pool.js";
import { ChartView } from "../chart-view.js";
import { downloadJson } from "../download.js";
import { RunFailure, RunProgress, StartStop } from "./run-controls.js";

interface TuneProps {
  readonly scenario: Scenario;
  readonly file: string;
  readonly seed: number;
  readonly pool: () => WorkerPool;
}

type TuneState =
  | { readonly kind: "idle" }
  | {
      readonly kind: "running";
      readonly probed: number;
      readonly most: number;
      readonly replications: number;
    }
  | { readonly kind: "done"; readonly doc: TuneDocument }
  | { readonly kind: "failed"; readonly message: string };

/** The fields as `pacelab tune` takes them; blank key and range: the pacing's defaults. */
interface TuneFields {
  readonly pacing: string;
  readonly key: string;
  readonly range: string;
  readonly confidence: string;
  readonly objective: string;
  readonly batch: string;
  readonly maxReplications: string;
}

/** The fields at first: the scenario's own algorithm, tuned as `pacelab tune` does by default. */
const DEFAULT_FIELDS: Omit<TuneFields, "pacing"> = {
  key: "",
  range: "",
  confidence: "0.95",
  objective: "agentOccupancy",
  batch: "20",
  maxReplications: "200",
};

/** The request the fields make, or the CLI's message for the first bad one. */
function askOf(fields: TuneFields, seed: number): TuneAsk | string {
  const confidence = Number(fields.confidence);
  if (!(confidence > 0 && confidence < 1)) {
    return `--confidence: expected a probability between 0 and 1, got ${fields.confidence}`;
  }
  for (const [option, text] of [
    ["--batch", fields.batch],
    ["--max-replications", fields.maxReplications],
  ]) {
    if (!/^[1-9]\d*$/.test(text)) return `${option}: expected a positive integer, got ${text}`;
  }
  return {
    pacing: fields.pacing.trim(),
    key: fields.key.trim() === "" ? undefined : fields.key.trim(),
    range: fields.range.trim() === "" ? undefined : fields.range.trim(),
    confidence,
    objective: fields.objective,
    seed,
    batch: Number(fields.batch),
    maxReplications: Number(fields.maxReplications),
  };
}

function ProbesTable({ doc }: { readonly doc: TuneDocument }) {
  return (
    <table>
      <caption>Every probed value of {doc.key}</caption>
      <thead>
        <tr>
          <th scope="col">{doc.key}</th>
          <th scope="col">Silent per 100 connected</th>
          <th scope="col">Agent occupancy</th>
          <th scope="col">Within the ceiling</th>
          <th scope="col">At probability {doc.confidence}</th>
        </tr>
      </thead>
      <tbody>
        {doc.probes.map((p) => (
          <tr key={p.value}>
            <td>
              {p.value}
              {doc.best?.value === p.value ? " (chosen)" : ""}
            </td>
            <td>{meanWithInterval(p.point.metrics.silentPer100Connected, (x) => fixed(x))}</td>
            <td>{meanWithInterval(p.point.metrics.agentOccupancy, (x) => percent(x))}</td>
            <td>{withinOf(p)}</td>
            <td class={p.verdict === "feasible" ? "ok" : p.verdict === "undecided" ? "" : "fail"}>
              {p.verdict}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Field(props: {
  readonly id: keyof TuneFields;
  readonly label: string;
  readonly fields: TuneFields;
  readonly set: (fields: TuneFields) => void;
  readonly size?: number;
  readonly placeholder?: string;
}) {
  const id = `tune-${props.id}`;
  return (
    <>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        size={props.size ?? 8}
        placeholder={props.placeholder}
        value={props.fields[props.id]}
        onInput={(e) =>
          props.set({ ...props.fields, [props.id]: (e.target as HTMLInputElement).value })
        }
      />
    </>
  );
}

/**
 * `pacelab tune` from the page: the CLI's own search (src/tuning/tune.ts) with its batches of
 * replications in the page's web workers, its progress and a stop button; the frontier chart
 * of the tune report, the chosen setting with its verdict, and the same tune.json to download.
 */
export function TunePanel(props: TuneProps) {
  const [fields, setFields] = useState<TuneFields>(() => ({
    ...DEFAULT_FIELDS,
    pacing: pacingAlgorithmSpec(props.scenario.pacing),
  }));
  const [state, setState] = useState<TuneState>({ kind: "idle" });
  // Made once per search: a new chart object would have its chart drawn again.
  const charts = useMemo(() => (state.kind === "done" ? tuneCharts(state.doc) : []), [state]);

  const start = async () => {
    const ask = askOf(fields, props.seed);
    if (typeof ask === "string") {
      setState({ kind: "failed", message: ask });
      return;
    }
    let plan: ReturnType<typeof planTune>;
    try {
      plan = planTune(props.scenario, ask);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      setState({ kind: "failed", message: e.message });
      return;
    }
    let progress = { probed: 0, most: mostProbes(plan.options), replications: 0 };
    const tell = (next: Partial<typeof progress>) => {
      progress = { ...progress, ...next };
      setState({ kind: "running", ...progress });
    };
    tell({});
    try {
      const runner = tuneRunner(props.pool(), () =>
        tell({ replications: progress.replications + 1 }),
      );
      const onProbe = (probed: number) => tell({ probed });
      const result = await tune(props.scenario, { ...plan.options, onProbe }, runner);
      setState({
        kind: "done",
        doc: tuneDocument(props.scenario, tuneRequest(props.file, plan), result),
      });
    } catch (e) {
      const message =
        e instanceof RunStopped
          ? `tune stopped after ${progress.replications} replications, ${progress.probed} of at most ${progress.most} values probed`
          : `tune failed: ${(e as Error).message}`;
      setState({ kind: "failed", message });
    }
  };

  return (
    <section class="tune" aria-labelledby="tune-title">
      <h2 id="tune-title">Tune a pacing</h2>
      <p class="note">
        The most aggressive setting that keeps the campaign within the ceiling with the required
        probability, found as <code>pacelab tune</code> finds it, on the seed above.
      </p>
      <div class="row">
        <Field id="pacing" label="Pacing (-p)" fields={fields} set={setFields} size={20} />
        <Field id="key" label="Key" fields={fields} set={setFields} placeholder="the pacing's" />
        <Field
          id="range"
          label="Range from:to:step"
          fields={fields}
          set={setFields}
          size={12}
          placeholder="the key's"
        />
        <Field id="confidence" label="Confidence" fields={fields} set={setFields} size={5} />
        <label for="tune-objective">Objective</label>
        <select
          id="tune-objective"
          value={fields.objective}
          onChange={(e) =>
            setFields({ ...fields, objective: (e.target as HTMLSelectElement).value })
          }
        >
          {SWEPT_METRICS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <Field id="batch" label="Batch" fields={fields} set={setFields} size={4} />
        <Field
          id="maxReplications"
          label="Max replications"
          fields={fields}
          set={setFields}
          size={5}
        />
        <StartStop
          startLabel="Tune"
          stopLabel="Stop tuning"
          running={state.kind === "running"}
          start={() => void start()}
          stop={() => props.pool().stop()}
        />
      </div>
      {state.kind === "running" && (
        <RunProgress
          id="tune-progress"
          label="Values probed"
          done={state.probed}
          total={state.most}
        >
          {state.probed} of at most {state.most}; {state.replications} replications
        </RunProgress>
      )}
      {state.kind === "failed" && <RunFailure message={state.message} />}
      {state.kind === "done" && (
        <>
          <p class={state.doc.answer === "feasible" ? "ok" : "fail"}>{tuneVerdict(state.doc)}</p>
          <ProbesTable doc={state.doc} />
          <button type="button" onClick={() => downloadJson("tune.json", state.doc)}>
            Download tune JSON
          </button>
          {charts.map((chart) => (
            <ChartView key={chart.name} chart={chart} />
          ))}
        </>
      )}
    </section>
  );
}
