import { join } from "node:path";
import type { ReplicationEvidence } from "../compliance/evidence/index.js";
import { type FolderOutput, writeOutputFolder } from "../io/write/output-manifest.js";
import { checkOutputFile } from "../io/write/output-path.js";
import type { OutputFile } from "../io/write/write-files.js";
import { summaryText } from "../report/summary-text.js";
import { timeseriesCsv } from "../report/timeseries-csv.js";
import type { ResultDocument } from "../result/result-document.js";
import type { Scenario } from "../scenario/scenario.js";
import { evidenceStorePath, recordRunEvidence } from "./evidence-recording.js";
import { writeReport } from "./report-command.js";
import {
  checkOutputFolders,
  outputFolders,
  reportEntry,
  reportWithData,
  reportWrittenNote,
} from "./report-option.js";
import { writtenNote } from "./written-note.js";

/** Where and how a result goes out, as `simulate` and `live` take it. */
export interface ResultOutputArgs {
  readonly json: boolean;
  readonly out?: string;
  /** Evidence store to append the run to ("" or undefined: the default file); false: none. */
  readonly evidence?: string | false;
  /** Report folder as --report [DIR] gives it ("": `out`; see outputFolders). */
  readonly report?: string;
}

/**
 * Checks, before any work, that every output of the run can be written (the --out and
 * --report folders, the evidence store's file): throws a ScenarioError (exit 2) otherwise.
 */
export function checkResultOutputs(args: ResultOutputArgs): void {
  checkOutputFolders(args);
  const evidencePath = evidenceStorePath(args.evidence);
  if (evidencePath !== null) checkOutputFile("--evidence", evidencePath);
}

/**
 * Writes, records and prints a result document: result.json, timeseries.csv and `extraFiles`
 * into the data folder (atomically) and the report; then, only once they are all written, the
 * evidence (unless turned off: every replication when given, else the document's own run; where
 * it went goes to stderr);
 * then the summary or JSON.
 */
export async function emitResult(
  doc: ResultDocument,
  scenario: Scenario,
  args: ResultOutputArgs,
  print: (text: string) => void,
  extraFiles: readonly OutputFile[] = [],
  replications?: readonly ReplicationEvidence[],
): Promise<void> {
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const folders = outputFolders(args);
  let data: FolderOutput | null = null;
  if (folders.data !== undefined) {
    const files = [
      { name: "result.json", content: json },
      { name: "timeseries.csv", content: timeseriesCsv(doc.timeseries.rows) },
      ...extraFiles,
    ];
    const withReport = reportWithData(folders.report, folders.data);
    data = writeOutputFolder(folders.data, "result", files, withReport);
  }
  const report =
    folders.report !== undefined && folders.data !== undefined
      ? await writeReport(
          [doc],
          [join(folders.data, "result.json")],
          folders.report,
          reportEntry(folders.report, folders.data, "result"),
        )
      : null;
  const evidencePath = evidenceStorePath(args.evidence);
  if (evidencePath !== null) recordRunEvidence(doc, scenario, evidencePath, replications);
  if (args.json) {
    print(json);
    return;
  }
  print(summaryText(doc, scenario.calendar.start));
  if (data !== null) print(`\n${writtenNote(data)}`);
  if (report !== null) print(reportWrittenNote(report));
}
