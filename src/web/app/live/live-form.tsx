import { useState } from "preact/hooks";
import { BUNDLED_SCENARIOS } from "../bundled-scenarios.js";

/** Posts JSON to the server; resolves with its error message, or null when it took it. */
async function postLive(path: string, body: unknown): Promise<string | null> {
  const reply = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (reply.ok) return null;
  const answer = (await reply.json().catch(() => ({}))) as { error?: string };
  return answer.error ?? `the server answered ${reply.status}`;
}

/**
 * Starts a live run from the page: a bundled scenario against the SIP endpoint the user types,
 * time-scaled, optionally for a limited time. The server checks the target (loopback and
 * private addresses unless `pacelab serve --live-targets any`) and says what was wrong.
 */
export function LiveForm({ running }: { readonly running: boolean }) {
  const [scenario, setScenario] = useState("scenarios/small-team.yaml");
  const [target, setTarget] = useState("");
  const [timeScale, setTimeScale] = useState("60");
  const [duration, setDuration] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async (path: string, body: unknown) => {
    setSending(true);
    setError(await postLive(path, body).catch((e: Error) => e.message));
    setSending(false);
  };
  const start = (event: Event) => {
    event.preventDefault();
    void send("api/live/start", {
      scenario,
      target,
      timeScale: Number(timeScale),
      durationSeconds: duration.trim() === "" ? null : Number(duration),
    });
  };
  return (
    <form class="live-form" onSubmit={start} aria-label="Start a live run">
      <div class="row">
        <label for="live-scenario">Scenario</label>
        <select
          id="live-scenario"
          value={scenario}
          onChange={(e) => setScenario(e.currentTarget.value)}
        >
          {BUNDLED_SCENARIOS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label for="live-target">SIP target (host:port)</label>
        <input
          id="live-target"
          value={target}
          placeholder="127.0.0.1:5070"
          onInput={(e) => setTarget(e.currentTarget.value)}
        />
        <label for="live-time-scale">Time scale</label>
        <input
          id="live-time-scale"
          type="number"
          min="0"
          step="any"
          value={timeScale}
          onInput={(e) => setTimeScale(e.currentTarget.value)}
        />
        <label for="live-duration">Stop after (s, optional)</label>
        <input
          id="live-duration"
          type="number"
          min="0"
          step="any"
          value={duration}
          onInput={(e) => setDuration(e.currentTarget.value)}
        />
        <button type="submit" disabled={running || sending}>
          Start
        </button>
        <button
          type="button"
          disabled={!running || sending}
          onClick={() => void send("api/live/stop", {})}
        >
          Stop
        </button>
      </div>
      {error !== null && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}
