/** One problem found in a scenario file or a leads file. */
export interface ScenarioIssue {
  /** The file as it was named to the loader. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Dotted key path, e.g. `agents.groups[1].shift`; empty for the file as a whole. */
  readonly keyPath: string;
  /** What was expected, in plain words, e.g. `a number >= 1`. */
  readonly expected: string;
  /** What was there instead, e.g. `"abc"`. */
  readonly got: string;
}

/** Formats one issue as `<file>:<line>: <key.path>: expected <what>, got <what was there>`. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const key = issue.keyPath === "" ? "" : ` ${issue.keyPath}:`;
  return `${where}:${key} expected ${issue.expected}, got ${issue.got}`;
}

/**
 * Bad input in a scenario or leads file. The message holds one line per issue; the fields
 * describe the first one. The CLI exits with {@link ScenarioError.exitCode}.
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Exit code for bad input. */
  readonly exitCode = 2;
  readonly file: string;
  readonly line?: number;
  readonly keyPath: string;
  readonly expected: string;
  readonly got: string;
  /** Every issue found, the first one first (at least one). */
  readonly issues: readonly ScenarioIssue[];

  constructor(
    issues: ScenarioIssue | readonly ScenarioIssue[],
    extraLines: readonly string[] = [],
  ) {
    const list: readonly ScenarioIssue[] = Array.isArray(issues)
      ? (issues as readonly ScenarioIssue[])
      : [issues as ScenarioIssue];
    if (list.length === 0) throw new RangeError("ScenarioError needs at least one issue");
    super([...list.map(formatIssue), ...extraLines].join("\n"));
    const first = list[0];
    this.file = first.file;
    if (first.line !== undefined) this.line = first.line;
    this.keyPath = first.keyPath;
    this.expected = first.expected;
    this.got = first.got;
    this.issues = list;
  }
}

/** Renders a value found in a file for the `got` part of a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "an invalid date" : `the date ${value.toISOString()}`;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty mapping" : `a mapping with keys ${keys.join(", ")}`;
  }
  return typeof value;
}
