import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { ScenarioError } from "../io/read/scenario-error.js";
import { eventFrame } from "./live-events.js";
import type { LiveMonitor } from "./live-monitor.js";
import { LiveRequestError } from "./live-request-error.js";
import type { PageLiveRuns } from "./page-live-run.js";

/**
 * Refuses a request to start or stop a run unless it comes from the page itself: a JSON body
 * (another site's form cannot send one without the browser asking first, and nothing here says
 * yes) and, when the browser names its origin, this server's own. A browser on this machine
 * visiting another site cannot make the workbench place calls.
 */
function checkSameOrigin(c: Context): void {
  const origin = c.req.header("Origin");
  const host = c.req.header("Host");
  const json = c.req.header("Content-Type")?.startsWith("application/json") ?? false;
  if (!json || (origin !== undefined && origin !== `http://${host}`)) {
    throw new LiveRequestError(
      403,
      "live runs are started and stopped from the workbench's page only",
    );
  }
}

/**
 * Runs `handle`, answering an error with its message: a LiveRequestError with its status, bad
 * input 400, anything else (the network refused the line) 500.
 */
async function answer(c: Context, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const status =
      error instanceof LiveRequestError ? error.status : error instanceof ScenarioError ? 400 : 500;
    return c.json({ error: error.message }, status);
  }
}

/**
 * The Live page's routes: `GET /api/live/events`, the monitor's server-sent events (see
 * `LiveEvent`); with `runs` (`pacelab serve`), `POST /api/live/start` (a `PageRunRequest`)
 * and `POST /api/live/stop`.
 */
export function liveRoutes(app: Hono, monitor: LiveMonitor, runs?: PageLiveRuns): void {
  app.get("/api/live/events", (c) => {
    const response = streamSSE(c, async (stream) => {
      // Frames written in order, one after another; the stream ends when the monitor closes
      // or the page goes away.
      let written = Promise.resolve();
      await new Promise<void>((done) => {
        const unsubscribe = monitor.subscribe({
          event: (event) => {
            written = written.then(() => stream.writeSSE(eventFrame(event)));
          },
          closed: () => written.then(done),
        });
        stream.onAbort(() => {
          unsubscribe();
          done();
        });
      });
    });
    // The connection ends with the stream: a closing server is not held by an idle socket.
    response.headers.set("Connection", "close");
    return response;
  });
  if (runs === undefined) return;
  app.post("/api/live/start", (c) =>
    answer(c, async () => {
      checkSameOrigin(c);
      const body = await c.req.json().catch(() => {
        throw new LiveRequestError(400, "expected a JSON body");
      });
      await runs.start(typeof body === "object" && body !== null ? body : {});
      return c.json({ started: true }, 202);
    }),
  );
  app.post("/api/live/stop", (c) =>
    answer(c, async () => {
      checkSameOrigin(c);
      if (!runs.stop()) throw new LiveRequestError(409, "no live run is going");
      return c.json({ stopping: true }, 202);
    }),
  );
}
