import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type * as z from "zod";
import { readLeadsCsv } from "./leads-csv.js";
import type { Scenario } from "./scenario.js";
import { describeValue, ScenarioError, type ScenarioIssue } from "./scenario-error.js";
import { fallbackExpected, scenarioSchema } from "./schema.js";

type Path = readonly PropertyKey[];

/** Reads, validates and resolves a scenario file. Throws {@link ScenarioError} on bad input. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ScenarioError({
      file: path,
      keyPath: "",
      expected: "a readable scenario file",
      got: errorText(e),
    });
  }
  return parseScenario(text, path);
}

/**
 * Validates and resolves scenario YAML. `file` names the text in messages, and a leads file is
 * read relative to its folder.
 */
export function parseScenario(text: string, file: string): Scenario {
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
  const lineOf = (path: Path) => nodeLine(doc, lineCounter, path);

  const result = scenarioSchema.safeParse(raw, {
    reportInput: true,
    error: (iss) => fallbackExpected(iss),
  });
  if (!result.success) {
    throw new ScenarioError(sortByLine(toIssues(result.error.issues, raw, file, lineOf)));
  }
  const draft = result.data;
  if (draft.leads.kind === "count") return { ...draft, leads: draft.leads };

  const leadsPath = isAbsolute(draft.leads.file)
    ? draft.leads.file
    : join(dirname(file), draft.leads.file);
  let readable = false;
  let why = "";
  try {
    readable = statSync(leadsPath).isFile();
    if (!readable) why = "not a file";
  } catch (e) {
    why = errorText(e);
  }
  if (!readable) {
    const line = lineOf(["leads", "file"]);
    throw new ScenarioError({
      file,
      ...(line === undefined ? {} : { line }),
      keyPath: "leads.file",
      expected: "a readable CSV file (path relative to the scenario file)",
      got: `${describeValue(draft.leads.file)} (${leadsPath}: ${why})`,
    });
  }
  return { ...draft, leads: { kind: "file", path: leadsPath, numbers: readLeadsCsv(leadsPath) } };
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

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${e.message})` : e.message;
  }
  return String(e);
}
