/**
 * The Live page's event stream as it goes over the wire (`text/event-stream` frames of
 * `event:` and `data:` lines), from a LiveMonitor through the workbench's routes, and the
 * refusals of the start and stop routes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { LiveSnapshot } from "../../src/live/live-snapshot.js";
import type { ResultDocument } from "../../src/result/result-document.js";
import { LiveMonitor } from "../../src/serve/live-monitor.js";
import { liveRoutes } from "../../src/serve/live-routes.js";
import { PageLiveRuns } from "../../src/serve/page-live-run.js";

/** A run's counts after `attempts` attempts. */
function snapshot(attempts: number): LiveSnapshot {
  return {
    elapsedSeconds: attempts / 10,
    scenarioSeconds: 32_400 + attempts,
    attempts,
    answered: 4,
    humanAnswered: 3,
    connected: 2,
    silent: 1,
    silentPer100: 50,
    ceilingPer100: 3,
    denominator: "connected",
    inProgress: 5,
    agents: { ready: 1, reserved: 0, talking: 2, wrapUp: 1, away: 1 },
    meanConnectWaitSeconds: 0.25,
    maxSilentHoldSeconds: 3.01,
  };
}

const LABEL = {
  scenario: "scenarios/small-team.yaml",
  target: "127.0.0.1:5070",
  timeScale: 60,
  startedAt: "2026-12-07T08:00:00.000Z",
};

/** Reads an event stream's frames until `until` says enough (or the stream ends). */
async function frames(
  body: ReadableStream<Uint8Array>,
  until: (frames: string[]) => boolean,
): Promise<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const seen = text.split("\n\n").slice(0, -1);
    if (until(seen)) {
      await reader.cancel();
      return seen;
    }
    const { done, value } = await reader.read();
    if (done) return seen;
    text += decoder.decode(value, { stream: true });
  }
}

/** A frame's event name and its data, parsed. */
function parsed(frame: string): { event: string; data: unknown } {
  const match = /^event: (\w+)\ndata: (.*)$/.exec(frame);
  if (match === null) throw new Error(`not an event frame: ${JSON.stringify(frame)}`);
  return { event: match[1], data: JSON.parse(match[2]) };
}

function monitored(canStart: boolean) {
  const monitor = new LiveMonitor({ canStart, endsWithRun: !canStart, intervalMs: 10 });
  const runs = new PageLiveRuns(monitor, mkdtempSync(join(tmpdir(), "pacelab-live-")), "private");
  const app = new Hono();
  liveRoutes(app, monitor, canStart ? runs : undefined);
  return { monitor, app };
}

describe("the Live page's event stream", () => {
  it("sends the state, the counts while the run goes, then its final counts and result", async () => {
    const { monitor, app } = monitored(false);
    const reply = await app.request("/api/live/events");
    expect(reply.headers.get("content-type")).toBe("text/event-stream");
    let attempts = 0;
    const reading = frames(reply.body as ReadableStream<Uint8Array>, (f) => f.length >= 4);
    monitor.begin(LABEL, () => snapshot(++attempts));
    const first = await reading;
    expect(first[0]).toBe('event: run\ndata: {"running":null,"canStart":false,"endsWithRun":true}');
    expect(parsed(first[1])).toEqual({
      event: "run",
      data: { running: LABEL, canStart: false, endsWithRun: true },
    });
    expect(first.slice(2).map(parsed)).toEqual([
      { event: "counts", data: snapshot(1) },
      { event: "counts", data: snapshot(2) },
    ]);

    // A page that comes after the end gets the run's counts so far and its result.
    const result = { mode: "live", campaign: { attempts: 99 } } as unknown as ResultDocument;
    monitor.finish(result);
    const late = await app.request("/api/live/events");
    const replay = (
      await frames(
        late.body as ReadableStream<Uint8Array>,
        (f) => f.at(-1)?.startsWith("event: result") ?? false,
      )
    ).map(parsed);
    expect(replay[0]).toEqual({
      event: "run",
      data: { running: null, canStart: false, endsWithRun: true },
    });
    const counts = replay.filter((f) => f.event === "counts");
    expect(counts.length).toBe(attempts);
    expect(counts.at(-1)).toEqual({ event: "counts", data: snapshot(attempts) });
    expect(replay.at(-1)).toEqual({ event: "result", data: result });
  });

  it("ends every stream when the monitor closes", async () => {
    const { monitor, app } = monitored(false);
    const reply = await app.request("/api/live/events");
    const reading = frames(reply.body as ReadableStream<Uint8Array>, () => false);
    const closing = monitor.close();
    expect((await reading).map((f) => parsed(f).event)).toEqual(["run"]);
    await closing;
    // A page that comes once the monitor is closed is let go at once.
    const late = await app.request("/api/live/events");
    expect(await late.text()).toBe(
      'event: run\ndata: {"running":null,"canStart":false,"endsWithRun":true}\n\n',
    );
  });

  it("starts and stops runs only for the page itself, and says what was wrong", async () => {
    const { app } = monitored(true);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Host: "127.0.0.1:8080", ...headers },
        body: JSON.stringify(body),
      });
    const start = { scenario: "scenarios/small-team.yaml", target: "8.8.8.8:5060", timeScale: 60 };
    const answers = [
      await post("/api/live/start", start, { "Content-Type": "text/plain" }),
      await post("/api/live/start", start, { Origin: "http://elsewhere.example" }),
      await post("/api/live/start", start),
      await post("/api/live/start", { ...start, scenario: "../../etc/passwd" }),
      await post("/api/live/start", { ...start, target: "127.0.0.1:5070", timeScale: 0 }),
      await post("/api/live/stop", {}),
    ];
    expect(await Promise.all(answers.map(async (a) => [a.status, (await a.json()).error]))).toEqual(
      [
        [403, "live runs are started and stopped from the workbench's page only"],
        [403, "live runs are started and stopped from the workbench's page only"],
        [403, expect.stringMatching(/^target 8\.8\.8\.8:5060: a public address/)],
        [400, "scenario: expected a bundled scenario such as scenarios/small-team.yaml"],
        [400, "timeScale: expected a positive number, got 0"],
        [409, "no live run is going"],
      ],
    );
  });
});
