import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { type ReportFile, reportFiles } from "../report/render/report-files.js";
import type { ResultDocument } from "../report/result-document.js";
import { writeFilesAtomically } from "../report/write-files.js";
import { describeValue, ScenarioError } from "../scenario/scenario-error.js";

export interface ReportArgs {
  /** result.json files (or compare's JSON arrays of them). */
  readonly results: readonly string[];
  /** Folder to write the report into. */
  readonly out: string;
}

/**
 * `pacelab report`: reads result files and writes the report page with its charts into `out`.
 * Bad input (unreadable, not JSON, not a pacelab result) throws a ScenarioError (exit code 2)
 * naming the file, the key and what was expected, before anything is written.
 */
export async function reportCommand(
  args: ReportArgs,
  print: (text: string) => void,
): Promise<number> {
  const docs: ResultDocument[] = [];
  const sources: string[] = [];
  for (const file of args.results) {
    const read = readResultFile(file);
    docs.push(...read);
    sources.push(...read.map((_, i) => (read.length > 1 ? `${file} [${i}]` : file)));
  }
  const written = await writeReport(docs, sources, args.out);
  print(
    `wrote ${written[0]} (open it in a browser) and ${(written.length - 1) / 3} charts as SVG, PNG and Vega-Lite spec into ${args.out}\n`,
  );
  return 0;
}

/**
 * Writes the report on `docs` into `outDir`: `report.html` and each chart as SVG, PNG and
 * Vega-Lite JSON. No file is ever seen half-written. Returns the paths written, the page first.
 * `sourceNames` say where each result came from, for the page.
 */
export async function writeReport(
  docs: readonly ResultDocument[],
  sourceNames: readonly string[],
  outDir: string,
): Promise<string[]> {
  return writeAll(outDir, await reportFiles(docs, sourceNames));
}

// write-files.ts writes text only: PNGs go to temporary names first, the text files are
// written and renamed by it, then the PNGs are renamed. On failure no temporary file stays.
function writeAll(dir: string, files: readonly ReportFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const texts = files.filter(
    (f): f is ReportFile & { content: string } => typeof f.content === "string",
  );
  const bytes = files.filter((f) => typeof f.content !== "string");
  const temps = bytes.map((f) => join(dir, `.${f.name}.${process.pid}.tmp`));
  let written: string[];
  try {
    for (const [i, f] of bytes.entries()) writeFileSync(temps[i], f.content);
    written = writeFilesAtomically(dir, texts);
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
  for (const [i, f] of bytes.entries()) renameSync(temps[i], join(dir, f.name));
  const byName = new Map([
    ...texts.map((f, i): [string, string] => [f.name, written[i]]),
    ...bytes.map((f): [string, string] => [f.name, join(dir, f.name)]),
  ]);
  return files.map((f) => byName.get(f.name) as string);
}

/** Reads one result file: a result document, or a JSON array of them (`compare --json`). */
export function readResultFile(file: string): ResultDocument[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw bad(file, "", "a readable result file", (e as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(file, "", "valid JSON (a result.json written by pacelab)", jsonErrorText(text, e));
  }
  if (Array.isArray(json)) {
    if (json.length === 0) throw bad(file, "", "at least one result document", "an empty list");
    return json.map((doc, i) => checkResult(file, doc, `[${i}]`));
  }
  return [checkResult(file, json, "")];
}

const RESULT_KIND =
  "a pacelab result document (result.json from `pacelab simulate --out`, or `simulate --json`)";

function checkResult(file: string, json: unknown, at: string): ResultDocument {
  const tool = (json as { tool?: { name?: unknown } } | null)?.tool;
  if (
    typeof json !== "object" ||
    json === null ||
    Array.isArray(json) ||
    tool?.name !== "pacelab"
  ) {
    throw bad(file, at, RESULT_KIND, describeValue(json));
  }
  if (!("campaign" in json) || !("timeseries" in json)) {
    throw bad(file, at, `${RESULT_KIND}, with campaign and timeseries`, describeValue(json));
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("");
    const key = `${at}${path}`.replace(/^\./, "");
    throw bad(file, key, expectedOf(issue), describeValue(valueAt(json, issue.path)));
  }
  return json as ResultDocument;
}

function bad(file: string, keyPath: string, expected: string, got: string): ScenarioError {
  return new ScenarioError({ file, keyPath, expected, got });
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "array" || issue.expected === "object"
        ? `an ${issue.expected}`
        : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `a value >= ${String(issue.minimum)}`;
    default:
      return "a valid value";
  }
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

// JSON.parse names a character position; people look for a line.
function jsonErrorText(text: string, e: unknown): string {
  const message = (e as Error).message;
  const position = /position (\d+)/.exec(message);
  if (position === null) return message;
  const line = text.slice(0, Number(position[1])).split("\n").length;
  return `${message} (line ${line})`;
}

// The parts of a result document the report reads; other keys are allowed and ignored.
const num = z.number();
const ratio = z.number().nullable();
const interval = z
  .looseObject({ n: num, mean: num, sd: num, ci95: z.tuple([num, num]) })
  .nullable();
const resultSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal("pacelab"), version: z.string() }),
  mode: z.string(),
  scenario: z.looseObject({ name: z.string(), file: z.string(), sha256: z.string() }),
  rules: z.looseObject({
    id: z.string(),
    version: z.string(),
    ceilingPer100: num,
    denominator: z.enum(["connected", "answered"]),
    cutoffSeconds: num,
    lockoutDays: num,
  }),
  pacing: z.looseObject({ algorithm: z.string() }),
  seed: num,
  replications: z.int().min(1),
  campaign: z.looseObject({
    attempts: num,
    humanAnswered: num,
    machineAnswered: num,
    connected: num,
    silent: num,
    silentByCause: z.looseObject({
      noAgent: num,
      calleeHungUp: num,
      amdFalsePositive: num,
      amdTooSlow: num,
    }),
    silentPer100Connected: ratio,
    silentPer100Answered: ratio,
    ceiling: z.looseObject({
      per100: num,
      denominator: z.enum(["connected", "answered"]),
      ratio,
      within: z.boolean(),
    }),
    agentOccupancy: num,
    talkOccupancy: num,
    talkMinutesPerAgentHour: num,
    connectedPerAgentHour: num,
    staffedAgentHours: num,
    maxSilentHoldSeconds: num,
    silentHoldHistogram: z.looseObject({ binSeconds: z.number().positive(), counts: z.array(num) }),
    meanConnectWaitSeconds: num,
    recontactViolations: num,
    locksApplied: num,
    guaranteedCalls: num,
    leads: z.looseObject({ total: num, reached: num, exhausted: num, unfinished: num }),
    completed: z.boolean(),
  }),
  acrossReplications: z
    .looseObject({
      seeds: z.tuple([num, num]),
      metrics: z.record(z.string(), interval),
      overCeiling: num,
    })
    .optional(),
  timeseries: z.looseObject({
    intervalMinutes: z.number().positive(),
    rows: z.array(
      z.looseObject({
        start: z.string(),
        end: z.string(),
        silentPer100Connected: ratio,
        cumulativeSilentPer100Connected: ratio,
        agentsTalking: num,
        agentsWrapUp: num,
        agentsIdle: num,
        callsInFlight: num,
        acrossReplications: z.looseObject({ cumulativeSilentPer100Connected: interval }).optional(),
      }),
    ),
  }),
});
