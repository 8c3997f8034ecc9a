import type { PrepareReply, PrepareRequest } from "./chart-messages.js";

/** The bundled chart worker (chart-worker.ts), started with the first chart and kept. */
const WORKER_URL = "chart-worker.js";

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<
  number,
  { resolve: (runtime: unknown) => void; reject: (e: Error) => void }
>();

function chartWorker(): Worker {
  if (worker !== null) return worker;
  const started = new Worker(WORKER_URL);
  started.onmessage = ({ data }: MessageEvent<PrepareReply>) => {
    const asked = waiting.get(data.id);
    waiting.delete(data.id);
    if ("error" in data) asked?.reject(new Error(data.error));
    else asked?.resolve(data.runtime);
  };
  // A worker that fails to load or crashes fails every chart waiting on it (the next chart
  // starts a new one), rather than leaving the charts after them waiting for ever.
  started.onerror = (event) => {
    event.preventDefault();
    for (const asked of waiting.values()) {
      asked.reject(new Error(`the chart worker failed: ${event.message || "it did not load"}`));
    }
    waiting.clear();
    worker = null;
  };
  worker = started;
  return started;
}

/** The Vega runtime of a Vega-Lite spec (compiled and parsed), made in the chart worker. */
export function prepareInWorker(spec: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const request: PrepareRequest = { id, spec };
    chartWorker().postMessage(request);
  });
}
