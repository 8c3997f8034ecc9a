import type { LiveRunLabel, LiveRunState } from "../../../serve/live-events.js";
import { LiveCounts } from "./live-counts.js";
import { LiveForm } from "./live-form.js";
import { LiveResult } from "./live-result.js";
import { useLiveStream } from "./live-stream.js";
import { SilentRatioChart } from "./silent-ratio-chart.js";

function RunLabel({ run }: { readonly run: LiveRunLabel }) {
  const scaled =
    run.timeScale === 1 ? "real time" : `time-scaled x${run.timeScale}: not a compliance run`;
  return (
    <p>
      Running <strong>{run.scenario}</strong> against <strong>{run.target}</strong> ({scaled}),
      since {new Date(run.startedAt).toLocaleTimeString()}.
    </p>
  );
}

/** What the page may do: start runs, or only watch the one the command line started. */
function Controls({ state }: { readonly state: LiveRunState }) {
  if (state.canStart) return <LiveForm running={state.running !== null} />;
  return (
    <p class="note">
      {state.endsWithRun
        ? "Watching the run of pacelab live --monitor; Ctrl-C where it runs stops it."
        : "Live runs from this page are off (pacelab serve --live-targets none)."}
    </p>
  );
}

/**
 * The Live page: a live run's counts every second, its silent ratio against the ceiling, its
 * result when it ends; under `pacelab serve`, a form that starts and stops a run.
 */
export function LivePage() {
  const view = useLiveStream();
  const latest = view.counts.at(-1);
  return (
    <main>
      <h1>Live</h1>
      {view.state === null ? (
        <p>Connecting…</p>
      ) : (
        <>
          <Controls state={view.state} />
          {view.state.running !== null && <RunLabel run={view.state.running} />}
        </>
      )}
      {view.failed !== null && (
        <p role="alert" class="error">
          The run failed: {view.failed}
        </p>
      )}
      {view.lost && <p class="note">The server has stopped; these are the last counts.</p>}
      {latest !== undefined && (
        <div class="live-grid">
          <LiveCounts counts={latest} />
          <SilentRatioChart counts={view.counts} />
        </div>
      )}
      {view.result !== null && <LiveResult doc={view.result} />}
      {view.state !== null && latest === undefined && view.result === null && (
        <p class="note">No run yet.</p>
      )}
    </main>
  );
}
