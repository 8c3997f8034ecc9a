/**
 * A Vega-Lite spec for the chart worker to prepare, and its answer: the Vega runtime (the spec
 * compiled to Vega and parsed into its dataflow, ready for a View), or why not.
 */
export interface PrepareRequest {
  readonly id: number;
  readonly spec: unknown;
}

export type PrepareReply =
  | { readonly id: number; readonly runtime: unknown }
  | { readonly id: number; readonly error: string };
