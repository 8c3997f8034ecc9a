import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import * as z from "zod";
import { describeValue, ScenarioError } from "../io/read/scenario-error.js";
import { withOutputLock } from "../io/write/output-lock.js";
import {
  type FolderOutput,
  OUTPUT_MANIFEST,
  type OutputEntry,
  replaceOutputs,
} from "../io/write/output-manifest.js";
import { checkOutputFolder, makeFolder } from "../io/write/output-path.js";
import { writeFilesAtomically } from "../io/write/write-files.js";
import { plural } from "../report/format-number.js";
import {
  CHART_SPEC_SUFFIX,
  type ReportFile,
  type ReportSubject,
  reportFiles,
} from "../report/render/report-files.js";
import { withCutoffNames } from "../report/result-cutoff-names.js";
import type { TuneDocument } from "../report/tune-document.js";
import { fromEarlierTuneFormat } from "../report/tune-earlier-format.js";
import type { ResultDocument } from "../result/result-document.js";
import type { SweepResult } from "../tuning/sweep.js";
import { commandModule } from "./command-module.js";
import { checkConfidence, sweepConfidenceOption } from "./confidence-option.js";
import { example } from "./help-example.js";
import { removedNote } from "./written-note.js";

export interface ReportArgs {
  /** result.json files (or compare's JSON arrays of them), or one sweep.json or tune.json. */
  readonly results: readonly string[];
  /** Folder to write the report into. */
  readonly out: string;
  /** For a sweep: the required P(campaign within the ceiling) for a point to meet it. */
  readonly confidence?: number;
}

/** The probability a sweep point must show to be said to meet the ceiling, unless told. */
export const DEFAULT_CONFIDENCE = 0.95;

/** A document read for a report, with the file it came from. */
export type ReadDocument =
  | { readonly kind: "result"; readonly doc: ResultDocument; readonly source: string }
  | { readonly kind: "sweep"; readonly result: SweepResult; readonly source: string }
  | { readonly kind: "tune"; readonly doc: TuneDocument; readonly source: string };

/**
 * `pacelab report`: reads result files (or one sweep or tune document) and writes the report
 * page with its charts into `out`. Bad input (unreadable, not JSON, not a pacelab document, a
 * sweep or tune mixed with others) throws a ScenarioError (exit code 2) naming the file, the
 * key and what was expected, before anything is written.
 */
export async function reportCommand(
  args: ReportArgs,
  print: (text: string) => void,
): Promise<number> {
  checkOutputFolder("--out", args.out);
  const read = resultFiles(args.results).flatMap((file) => readReportFile(file));
  const alone = read.find((d) => d.kind !== "result");
  if (alone !== undefined && read.length > 1) {
    throw bad(
      alone.source,
      "",
      `a ${alone.kind} document on its own (a report covers one sweep, one tune run, or result files)`,
      `${plural(read.length - 1, "other document")} with it`,
    );
  }
  const subject: ReportSubject =
    alone?.kind === "sweep"
      ? {
          kind: "sweep",
          result: alone.result,
          source: alone.source,
          confidence: args.confidence ?? DEFAULT_CONFIDENCE,
        }
      : alone?.kind === "tune"
        ? { kind: "tune", doc: alone.doc, source: alone.source }
        : {
            kind: "results",
            docs: read.flatMap((d) => (d.kind === "result" ? [d.doc] : [])),
            sourceNames: read.map((d) => d.source),
          };
  const report = await whileCatchingInterrupt((signal) =>
    writeReportOf(subject, args.out, [], signal),
  );
  const { written } = report;
  print(
    `wrote ${written[0]} (open it in a browser) and ${plural((written.length - 1) / 3, "chart")} as SVG, PNG and Vega-Lite spec into ${args.out}\n${removedNote(report)}`,
  );
  return 0;
}

/**
 * The files to read, without the chart specs an earlier report wrote next to them (`report
 * DIR/*.json --out DIR` picks those up on its second run) and the folder's output manifest.
 * Says on stderr which it skipped; refuses a list of nothing else.
 */
function resultFiles(given: readonly string[]): string[] {
  const files = given.filter((f) => basename(f) !== OUTPUT_MANIFEST);
  if (files.length === 0) throw bad(given[0], "", ANY_KIND, "only a folder's output manifest");
  const specs = files.filter((f) => f.endsWith(CHART_SPEC_SUFFIX));
  if (specs.length === 0) return [...files];
  if (specs.length === files.length) {
    throw bad(specs[0], "", ANY_KIND, "only chart specs (*.vl.json, written by pacelab report)");
  }
  process.stderr.write(
    `pacelab report: skipped ${specs.length} chart ${specs.length === 1 ? "spec" : "specs"} (*${CHART_SPEC_SUFFIX}, not results): ${specs.join(", ")}\n`,
  );
  return files.filter((f) => !f.endsWith(CHART_SPEC_SUFFIX));
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
  entry: OutputEntry = "report",
): Promise<FolderOutput> {
  return whileCatchingInterrupt((signal) =>
    writeReportOf({ kind: "results", docs, sourceNames }, outDir, [], signal, entry),
  );
}

/**
 * Writes the report on `subject` into `outDir`, with `extra` files (e.g. the document it was
 * drawn from) in the same all-or-nothing step: nothing is written when drawing fails or
 * `signal` aborts first. Returns the paths written, the page first, then the charts', then
 * the extra files', and those of the folder's earlier report it removed (see `entry`).
 */
export async function writeReportOf(
  subject: ReportSubject,
  outDir: string,
  extra: readonly ReportFile[] = [],
  signal?: AbortSignal,
  entry: OutputEntry = "report",
): Promise<FolderOutput> {
  return writeReportFiles(outDir, [...(await reportFiles(subject, signal)), ...extra], entry);
}

/**
 * Writes a report's files into `dir` in one all-or-nothing step, as the whole of the manifest's
 * `entry` there: returns their paths in order, and removes the files of the earlier report of
 * that entry that this one does not have (a chart fewer). write-files.ts writes text only:
 * PNGs go to temporary names first, the text files are written and renamed by it, then the
 * PNGs are renamed. On failure no temporary file stays.
 */
export function writeReportFiles(
  dir: string,
  files: readonly ReportFile[],
  entry: OutputEntry = "report",
): FolderOutput {
  makeFolder(dir);
  const texts = files.filter(
    (f): f is ReportFile & { content: string } => typeof f.content === "string",
  );
  const bytes = files.filter((f) => typeof f.content !== "string");
  const temps = bytes.map((f) => join(dir, `.${f.name}.${process.pid}.tmp`));
  return withOutputLock(dir, () => {
    let written: string[];
    try {
      for (const [i, f] of bytes.entries()) writeFileSync(temps[i], f.content);
      written = writeFilesAtomically(dir, texts);
      for (const [i, f] of bytes.entries()) renameSync(temps[i], join(dir, f.name));
    } finally {
      // Once renamed they are gone: force ignores them.
      for (const temp of temps) rmSync(temp, { force: true });
    }
    const byName = new Map([
      ...texts.map((f, i): [string, string] => [f.name, written[i]]),
      ...bytes.map((f): [string, string] => [f.name, join(dir, f.name)]),
    ]);
    const names = files.map((f) => f.name);
    const removed = replaceOutputs(dir, { [entry]: names });
    return { written: names.map((name) => byName.get(name) as string), removed };
  });
}

/** Reads one result file: a result document, or a JSON array of them (`compare --json`). */
export function readResultFile(file: string): ResultDocument[] {
  return readReportFile(file).map((d) => {
    if (d.kind !== "result") throw bad(file, "", RESULT_KIND, `a ${d.kind} document`);
    return d.doc;
  });
}

/**
 * Reads one file for a report and tells its kind by its keys: a result document (`campaign`),
 * a JSON array of them (`compare --json`), a sweep (`axes` and `points`) or a tune run
 * (`probes`). Anything else is refused naming the file and what was expected.
 */
export function readReportFile(file: string): ReadDocument[] {
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
    return json.map((doc, i) => ({
      kind: "result" as const,
      doc: checkResult(file, doc, `[${i}]`),
      source: json.length > 1 ? `${file} [${i}]` : file,
    }));
  }
  const tool = (json as { tool?: { name?: unknown } } | null)?.tool;
  if (typeof json === "object" && json !== null && tool?.name === "pacelab") {
    if ("probes" in json) {
      const { doc, converted } = fromEarlierTuneFormat(json);
      if (converted) {
        process.stderr.write(
          `pacelab report: ${file} is a tune.json from before tune's three answers: each probe's verdict (feasible, not feasible, undecided) is read from its interval and the confidence\n`,
        );
      }
      return [
        { kind: "tune", doc: checked(tuneSchema, file, doc, "") as TuneDocument, source: file },
      ];
    }
    if ("axes" in json && "points" in json) {
      return [{ kind: "sweep", result: checkSweep(file, json), source: file }];
    }
  }
  return [{ kind: "result", doc: checkResult(file, json, ""), source: file }];
}

const RESULT_KIND =
  "a pacelab result document (result.json from `pacelab simulate --out`, or `simulate --json`)";
const ANY_KIND =
  "a pacelab result document (result.json from `pacelab simulate --out`, or `simulate --json`), sweep.json from `pacelab sweep --out`, or `pacelab tune --json` output";

function checkResult(file: string, json: unknown, at: string): ResultDocument {
  const tool = (json as { tool?: { name?: unknown } } | null)?.tool;
  if (
    typeof json !== "object" ||
    json === null ||
    Array.isArray(json) ||
    tool?.name !== "pacelab"
  ) {
    throw bad(file, at, at === "" ? ANY_KIND : RESULT_KIND, describeValue(json));
  }
  if (!("campaign" in json) || !("timeseries" in json)) {
    throw bad(
      file,
      at,
      at === ""
        ? `${ANY_KIND}; a result has campaign and timeseries`
        : `${RESULT_KIND}, with campaign and timeseries`,
      describeValue(json),
    );
  }
  return checked(resultSchema, file, withCutoffNames(json), at) as ResultDocument;
}

function checkSweep(file: string, json: object): SweepResult {
  const sweep = checked(sweepSchema, file, json, "") as SweepResult;
  sweep.points.forEach((p, i) => {
    for (const { key } of sweep.axes) {
      if (!(key in p.settings)) {
        throw bad(file, `points[${i}].settings`, `a value for the swept key ${key}`, "nothing");
      }
    }
  });
  return sweep;
}

// Checks `json` against `schema`; the first problem is reported at its key path.
function checked(schema: z.ZodType, file: string, json: unknown, at: string): unknown {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("");
    const key = `${at}${path}`.replace(/^\./, "");
    throw bad(file, key, expectedOf(issue), describeValue(valueAt(json, issue.path)));
  }
  return json;
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
    cutoffLimitSeconds: num,
    lockoutDays: num,
  }),
  dialer: z.looseObject({ cutoffSeconds: num }),
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

const setting = z.union([num, z.string()]);
const tool = z.looseObject({ name: z.literal("pacelab"), version: z.string() });
const scenario = z.looseObject({ name: z.string(), file: z.string(), sha256: z.string() });
const denominator = z.enum(["connected", "answered"]);
const point = z.looseObject({
  settings: z.record(z.string(), setting),
  replications: z.int().min(0),
  metrics: z.looseObject({ silentPer100Connected: interval, agentOccupancy: interval }),
  overCeiling: z.int().min(0),
});
const sweepSchema = z.looseObject({
  tool,
  scenario,
  rules: z.looseObject({ id: z.string(), ceilingPer100: num, denominator }),
  seed: num,
  replications: z.int().min(1),
  axes: z.array(z.looseObject({ key: z.string(), values: z.array(setting).min(1) })).min(1),
  partial: z.boolean(),
  points: z.array(point).min(1),
});
const tuneVerdict = z.enum(["feasible", "not feasible", "undecided"]);
const probe = z.looseObject({
  value: num,
  point,
  withinInterval: z.tuple([num, num]),
  verdict: tuneVerdict,
});
const tuneSchema = z.looseObject({
  tool,
  scenario,
  rules: z.looseObject({ id: z.string(), version: z.string(), ceilingPer100: num, denominator }),
  pacing: z.string(),
  pacingConfig: z.looseObject({ algorithm: z.string() }),
  key: z.string(),
  range: z.looseObject({ from: num, to: num, step: num, aggressiveUp: z.boolean() }),
  confidence: num,
  objective: z.string(),
  seed: num,
  batch: num,
  maxReplications: num,
  answer: tuneVerdict,
  best: probe.nullable(),
  probes: z.array(probe),
});

/**
 * Runs `work` with Ctrl-C turned into an abort of its signal instead of killing the process
 * mid-write: a report stopped while drawing writes nothing (exit 130), and its synchronous
 * writes always finish.
 */
export async function whileCatchingInterrupt<T>(
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once("SIGINT", onInterrupt);
  try {
    return await work(abort.signal);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}

/** `pacelab report`: its options, help and run. */
export const reportCommandModule = commandModule(
  "report <results..>",
  "Write a report page (HTML, charts inline, works offline) and its charts from result, sweep or tune files",
  (y) =>
    y
      .positional("results", {
        type: "string",
        array: true,
        demandOption: true,
        describe:
          "result.json files (simulate --out; compare --out or --json), shown side by side; or one sweep.json (sweep --out) or tune.json (tune --out, or --json). Chart specs (*.vl.json) a report wrote, and a folder's .pacelab-outputs.json, are skipped",
      })
      .option("out", {
        type: "string",
        demandOption: true,
        describe:
          "Folder to write report.html and each chart as <name>.svg, .png and .vl.json into",
      })
      .option("confidence", sweepConfidenceOption)
      .check((argv) => {
        checkConfidence(argv.confidence);
        return true;
      })
      .example(...example("$0 report reports/run1/result.json --out reports/run1", "one run"))
      .example(...example("$0 report reports/cmp/*.json --out reports/cmp", "pacings side by side"))
      .example(...example("$0 report reports/sweep/sweep.json --out reports/sweep", "a sweep")),
  (argv, print) =>
    reportCommand(
      { results: argv.results as string[], out: argv.out, confidence: argv.confidence },
      print,
    ),
);
