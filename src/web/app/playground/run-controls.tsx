import type { ComponentChildren } from "preact";

interface StartStopProps {
  readonly startLabel: string;
  readonly stopLabel: string;
  /** A run goes on: start is disabled and stop enabled. */
  readonly running: boolean;
  /** Anything else that keeps the run from starting (an invalid field). */
  readonly blocked?: boolean;
  readonly start: () => void;
  readonly stop: () => void;
}

/** A panel's start and stop buttons: start while nothing runs, stop while its run goes on. */
export function StartStop(props: StartStopProps) {
  return (
    <>
      <button
        type="button"
        disabled={props.running || props.blocked === true}
        onClick={() => props.start()}
      >
        {props.startLabel}
      </button>
      <button type="button" disabled={!props.running} onClick={() => props.stop()}>
        {props.stopLabel}
      </button>
    </>
  );
}

interface RunProgressProps {
  /** The progress bar's element id, which its label names. */
  readonly id: string;
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** What the bar's figures say in words, after it. */
  readonly children: ComponentChildren;
}

/** A labelled progress bar for a run under way. */
export function RunProgress(props: RunProgressProps) {
  return (
    <p>
      <label for={props.id}>{props.label}</label>{" "}
      <progress id={props.id} max={props.total} value={props.done} /> {props.children}
    </p>
  );
}

/** Why a run failed or stopped, announced to screen readers. */
export function RunFailure({ message }: { readonly message: string }) {
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
