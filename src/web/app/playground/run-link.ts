import { BUNDLED_FILES } from "../../../io/read/package-file.browser.js";

/** What a playground link holds: the scenario (bundled path, or its text) and the run. */
export interface RunLink {
  readonly file: string;
  readonly text: string;
  /** Undefined: the scenario's own `seed`. */
  readonly seed: number | undefined;
  readonly replications: number;
  /** Run as soon as the page opens (a link to a run's numbers). */
  readonly run: boolean;
}

export const DEFAULT_FILE = "scenarios/default.yaml";
export const DEFAULT_REPLICATIONS = 10;

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** Whether a link names a scenario (a run link) rather than just the page. */
export function isRunLink(params: URLSearchParams): boolean {
  return params.has("scenario") || params.has("text");
}

/** The run a link's parameters name; missing or bad ones take the defaults. */
export function readRunLink(params: URLSearchParams): RunLink {
  const named = params.get("scenario") ?? DEFAULT_FILE;
  const text = params.get("text");
  const file = text === null && BUNDLED_FILES[named] === undefined ? DEFAULT_FILE : named;
  return {
    file,
    text: text ?? BUNDLED_FILES[file],
    seed: positiveInteger(params.get("seed")),
    replications: positiveInteger(params.get("replications")) ?? DEFAULT_REPLICATIONS,
    run: params.get("run") === "1",
  };
}

/**
 * The link's parameters: a bundled scenario left as it ships goes by its path, anything else
 * carries its text, so that the link reopens the same numbers.
 */
export function runLinkParams(link: RunLink): URLSearchParams {
  const params = new URLSearchParams({ scenario: link.file });
  if (BUNDLED_FILES[link.file] !== link.text) params.set("text", link.text);
  if (link.seed !== undefined) params.set("seed", String(link.seed));
  params.set("replications", String(link.replications));
  if (link.run) params.set("run", "1");
  return params;
}
