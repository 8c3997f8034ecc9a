/**
 * YAML text to validated values, with every problem reported as `file:line: key.path: expected
 * ..., got ...` ({@link ScenarioError}). Shared by the scenario loader and the rule-set loader:
 * the YAML is parsed once, keeping node positions, and a zod schema's issues are mapped back to
 * the lines of the keys they blame.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type * as z from "zod";
import { describeValue, ScenarioError, type ScenarioIssue } from "./scenario-error.js";
import { fallbackExpected } from "./schema-kit.js";

export type Path = readonly PropertyKey[];

/** A parsed YAML file: its plain value and the line of any key path in it. */
export interface YamlSource {
  /** The file as it was named to the loader. */
  readonly file: string;
  readonly raw: unknown;
  /** Line of the deepest node on `path`; a missing key cites the mapping that lacks it. */
  readonly lineOf: (path: Path) => number | undefined;
}

/** Parses YAML text (duplicate keys are errors). Throws {@link ScenarioError} on invalid YAML. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({
        file,
        ...(e.linePos === undefined ? {} : { line: e.linePos[0].line }),
        keyPath: "",
        expected: "valid YAML",
        got: yamlErrorText(e.message),
      })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    throw new ScenarioError({ file, keyPath: "", expected: "valid YAML", got: errorText(e) });
  }
  return { file, raw, lineOf: (path: Path) => nodeLine(doc, lineCounter, path) };
}

/** Validates a parsed file against `schema`; throws every issue, sorted by line. */
export function validateYaml<S extends z.ZodType>(schema: S, source: YamlSource): z.output<S> {
  const result = schema.safeParse(source.raw, {
    reportInput: true,
    error: (iss) => fallbackExpected(iss),
  });
  if (!result.success) {
    throw new ScenarioError(
      sortByLine(toIssues(result.error.issues, source.raw, source.file, source.lineOf)),
    );
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// From zod issues to messages citing lines.

/** Zod issues as scenario issues, each citing its key path and, where `lineOf` knows, its line. */
export function toIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  file: string,
  lineOf: (path: Path) => number | undefined,
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const push = (path: Path, expected: string, got: string) => {
    const line = lineOf(path);
    out.push({
      file,
      ...(line === undefined ? {} : { line }),
      keyPath: formatPath(path),
      expected,
      got,
    });
  };
  for (const iss of issues) {
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys) push([...iss.path, key], iss.message, `unknown key "${key}"`);
      continue;
    }
    const path = truncateAtScalar(raw, iss.path);
    const params = (iss as { params?: { got?: unknown } }).params;
    const value = valueAt(raw, path);
    const got =
      typeof params?.got === "string"
        ? params.got
        : path.length === 0 && (value === null || value === undefined)
          ? "an empty file"
          : describeValue(value);
    push(path, iss.message, got);
  }
  return out;
}

function sortByLine(issues: ScenarioIssue[]): ScenarioIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => {
      const la = a.issue.line ?? Number.POSITIVE_INFINITY;
      const lb = b.issue.line ?? Number.POSITIVE_INFINITY;
      return la === lb ? a.i - b.i : la - lb;
    })
    .map((x) => x.issue);
}

/** `agents.groups[1].shift` */
export function formatPath(path: Path): string {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else s += s === "" ? String(seg) : `.${String(seg)}`;
  }
  return s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !(v instanceof Date);
}

/**
 * Cuts a path where the YAML holds a scalar: a schema that expands shorthand (a number for a
 * fixed distribution, a preset name for rules) reports inside the expansion, which the file
 * does not have.
 */
function truncateAtScalar(raw: unknown, path: Path): Path {
  let v = raw;
  for (let i = 0; i < path.length; i++) {
    if (!isRecord(v)) return path.slice(0, i);
    v = (v as Record<PropertyKey, unknown>)[path[i]];
  }
  return path;
}

function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const seg of path) {
    if (!isRecord(v)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/**
 * Line of the deepest node on `path`: a mapping entry's key, a list's item. A missing key cites
 * the mapping that lacks it.
 */
function nodeLine(doc: Document, counter: LineCounter, path: Path): number | undefined {
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range === undefined ? undefined : counter.linePos(range[0]).line;
  };
  let node: unknown = doc.contents;
  let line = lineAt(node);
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg),
      );
      if (pair === undefined) break;
      line = lineAt(pair.key) ?? lineAt(pair.value) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg];
      line = lineAt(node) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function yamlErrorText(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

/** An I/O error as `CODE (message)`, for the `got` part of a message. */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${e.message})` : e.message;
  }
  return String(e);
}
