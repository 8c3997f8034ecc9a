import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { BUNDLED_FILES } from "../../../io/read/package-file.browser.js";
import { formatIssue } from "../../../io/read/scenario-error.js";
import { type ResultDocument, resultDocument } from "../../../result/result-document.js";
import { replicationsOf, replicationTasks } from "../../run/replication-tasks.js";
import { RunStopped, WorkerPool } from "../../run/worker-pool.js";
import { BUNDLED_SCENARIOS } from "../bundled-scenarios.js";
import { hashOf } from "../route.js";
import { ComparePanel } from "./compare-panel.js";
import { KnobPanel } from "./knob-panel.js";
import { OpenFromServer } from "./open-from-server.js";
import { RunFailure, RunProgress, StartStop } from "./run-controls.js";
import { readRunLink, runLinkParams } from "./run-link.js";
import { RunSummary } from "./run-summary.js";
import { checkScenario } from "./scenario-check.js";
import { ScenarioEditor } from "./scenario-editor.js";
import { TunePanel } from "./tune-panel.js";

/** The bundled replication worker (src/web/run/replication-worker.ts). */
const WORKER_URL = "replication-worker.js";

/** Workers for a run: the browser's cores, at most 8. */
const WORKERS = Math.min(Math.max(navigator.hardwareConcurrency || 2, 1), 8);

type RunState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly done: number; readonly total: number }
  | {
      readonly kind: "done";
      readonly doc: ResultDocument;
      readonly seconds: number;
      /** The scenario as it ran (the editor may have changed since). */
      readonly source: { readonly yaml: string; readonly file: string };
    }
  | { readonly kind: "failed"; readonly message: string };

/**
 * The playground: a scenario (bundled, opened or pasted) edited as YAML or with knobs, run for
 * R replications in web workers with the CLI's own core, its result shown, charted and
 * downloadable; the URL names the scenario, seed and replications of the last run.
 */
export function PlaygroundPage({
  params,
  serverFiles,
}: {
  readonly params: URLSearchParams;
  readonly serverFiles: boolean;
}) {
  const link = useMemo(() => readRunLink(params), []);
  const [file, setFile] = useState(link.file);
  const [text, setText] = useState(link.text);
  const [seedText, setSeedText] = useState(link.seed === undefined ? "" : String(link.seed));
  const [replications, setReplications] = useState(link.replications);
  const [run, setRun] = useState<RunState>({ kind: "idle" });
  const pool = useRef<WorkerPool | null>(null);
  const check = useMemo(() => checkScenario(text, file), [text, file]);

  const sharedPool = () => {
    pool.current ??= new WorkerPool(WORKERS, WORKER_URL);
    return pool.current;
  };
  const seedOf = (scenario: { readonly seed: number }) =>
    seedText === "" ? scenario.seed : Number(seedText);
  const start = async () => {
    if (check.scenario === null || run.kind === "running") return;
    const scenario = check.scenario;
    const seed = seedOf(scenario);
    const started = performance.now();
    setRun({ kind: "running", done: 0, total: replications });
    try {
      const results = await sharedPool().run({
        sources: [{ yaml: text, file }],
        tasks: replicationTasks(1, seed, replications),
        onProgress: (done, total) => setRun({ kind: "running", done, total }),
      });
      const doc = resultDocument(scenario, file, replicationsOf(results, 0, seed, replications));
      const seconds = (performance.now() - started) / 1000;
      setRun({ kind: "done", doc, seconds, source: { yaml: text, file } });
      const linkParams = runLinkParams({ file, text, seed, replications, run: true });
      history.replaceState(null, "", hashOf("playground", linkParams));
    } catch (e) {
      const message = e instanceof RunStopped ? e.message : `run failed: ${(e as Error).message}`;
      setRun({ kind: "failed", message });
    }
  };

  useEffect(() => {
    if (link.run) void start();
    return () => pool.current?.stop();
  }, []);

  const open = (name: string, body: string) => {
    setFile(name);
    setText(body);
    setRun({ kind: "idle" });
  };
  const replicationsOk = Number.isInteger(replications) && replications >= 1;
  const seedOk = seedText === "" || /^\d+$/.test(seedText);

  return (
    <main class="playground">
      <h1>Playground</h1>
      <section class="scenario" aria-label="Scenario">
        <div class="row">
          <label for="bundled">Scenario</label>
          <select
            id="bundled"
            value={BUNDLED_SCENARIOS.includes(file) ? file : ""}
            onChange={(e) => {
              const name = (e.target as HTMLSelectElement).value;
              if (name !== "") open(name, BUNDLED_FILES[name]);
            }}
          >
            {!BUNDLED_SCENARIOS.includes(file) && <option value="">{file}</option>}
            {BUNDLED_SCENARIOS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <label for="open-file">Open a YAML file</label>
          <input
            id="open-file"
            type="file"
            accept=".yaml,.yml"
            onChange={async (e) => {
              const picked = (e.target as HTMLInputElement).files?.[0];
              if (picked !== undefined) open(picked.name, await picked.text());
            }}
          />
          {serverFiles && <OpenFromServer onOpen={open} />}
        </div>
        <div class="workbench-grid">
          <ScenarioEditor text={text} issues={check.issues} onChange={setText} />
          <KnobPanel text={text} onChange={setText} />
        </div>
        {check.issues.length > 0 && (
          <ul class="issues" aria-label="Scenario errors">
            {check.issues.map((issue) => (
              <li key={formatIssue(issue)}>{formatIssue(issue)}</li>
            ))}
          </ul>
        )}
      </section>
      <section class="run" aria-label="Run">
        <div class="row">
          <label for="seed">Seed</label>
          <input
            id="seed"
            inputMode="numeric"
            placeholder={check.scenario === null ? "" : `${check.scenario.seed} (the scenario's)`}
            value={seedText}
            onInput={(e) => setSeedText((e.target as HTMLInputElement).value.trim())}
          />
          <label for="replications">Replications</label>
          <input
            id="replications"
            type="number"
            min={1}
            max={10000}
            value={replications}
            onInput={(e) => setReplications(Number((e.target as HTMLInputElement).value))}
          />
          <StartStop
            startLabel="Run"
            stopLabel="Stop"
            running={run.kind === "running"}
            blocked={check.scenario === null || !replicationsOk || !seedOk}
            start={() => void start()}
            stop={() => pool.current?.stop()}
          />
          <span class="note">{WORKERS} workers; replication i uses seed + i, as the CLI does</span>
        </div>
        {run.kind === "running" && (
          <RunProgress id="progress" label="Replications done" done={run.done} total={run.total}>
            {run.done} of {run.total}
          </RunProgress>
        )}
        {run.kind === "failed" && <RunFailure message={run.message} />}
        {run.kind === "done" && (
          <p class="note" role="status">
            {run.doc.replications} replications in {run.seconds.toFixed(2)} s. The address bar now
            links to this run.
          </p>
        )}
      </section>
      {run.kind === "done" && (
        <RunSummary doc={run.doc} source={run.source} workerUrl={WORKER_URL} />
      )}
      {check.scenario !== null && replicationsOk && seedOk && (
        <ComparePanel
          scenario={check.scenario}
          text={text}
          file={file}
          seed={seedOf(check.scenario)}
          replications={replications}
          pool={sharedPool}
        />
      )}
      {check.scenario !== null && seedOk && (
        <TunePanel
          scenario={check.scenario}
          file={file}
          seed={seedOf(check.scenario)}
          pool={sharedPool}
        />
      )}
    </main>
  );
}
