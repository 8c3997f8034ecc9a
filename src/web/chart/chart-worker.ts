/**
 * Web worker entry: compiles the report's Vega-Lite specs to Vega and parses them into Vega's
 * dataflow, off the page's main thread. These are the costliest steps of drawing a chart, and
 * the page must never stall over 100 ms while a run's result is drawn.
 */
import { parse } from "vega";
import { compile } from "vega-lite";
import type { PrepareReply, PrepareRequest } from "./chart-messages.js";

const scope = self as unknown as {
  onmessage: (event: MessageEvent<PrepareRequest>) => void;
  postMessage: (reply: PrepareReply) => void;
};

scope.onmessage = ({ data }) => {
  try {
    const runtime = parse(compile(data.spec as never).spec);
    scope.postMessage({ id: data.id, runtime });
  } catch (e) {
    scope.postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
};
