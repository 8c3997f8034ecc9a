import { join } from "node:path";
import {
  DEFAULT_EVIDENCE_PATH,
  evidenceFromResult,
  evidenceOfReplications,
  type ReplicationEvidence,
  recordEvidence,
  retentionDaysForYears,
} from "../compliance/evidence/index.js";
import { checkOutputFile } from "../io/output-path.js";
import type { ResultDocument } from "../report/result-document.js";
import { summaryText } from "../report/summary-text.js";
import { timeseriesCsv } from "../report/timeseries-csv.js";
import { type OutputFile, writeFilesAtomically } from "../report/write-files.js";
import type { Scenario } from "../scenario/scenario.js";
import { writeReport } from "./report-command.js";
import { checkOutputFolders, outputFolders, reportWrittenNote } from "./report-option.js";

/** Where and how a result goes out, as `simulate` and `live` take it. */
export interface ResultOutputArgs {
  readonly json: boolean;
  readonly out?: string;
  /** Evidence store to append the run to ("" or undefined: the default file); false: none. */
  readonly evidence?: string | false;
  /** Report folder as --report [DIR] gives it ("": `out`; see outputFolders). */
  readonly report?: string;
}

/** The evidence store a run goes to, or null when turned off. */
function evidencePathOf(args: ResultOutputArgs): string | null {
  return args.evidence === false ? null : args.evidence || DEFAULT_EVIDENCE_PATH;
}

/**
 * Checks, before any work, that every output of the run can be written (the --out and
 * --report folders, the evidence store's file): throws a ScenarioError (exit 2) otherwise.
 */
export function checkResultOutputs(args: ResultOutputArgs): void {
  checkOutputFolders(args);
  const evidencePath = evidencePathOf(args);
  if (evidencePath !== null) checkOutputFile("--evidence", evidencePath);
}

/**
 * Writes, records and prints a result document: result.json, timeseries.csv and `extraFiles`
 * into the data folder (atomically) and the report; then, only once they are all written, the
 * evidence (unless turned off: every replication when given, else the document's own run);
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
  let written: string[] = [];
  if (folders.data !== undefined) {
    written = writeFilesAtomically(folders.data, [
      { name: "result.json", content: json },
      { name: "timeseries.csv", content: timeseriesCsv(doc.timeseries.rows) },
      ...extraFiles,
    ]);
  }
  const report =
    folders.report !== undefined && folders.data !== undefined
      ? await writeReport([doc], [join(folders.data, "result.json")], folders.report)
      : [];
  const evidencePath = evidencePathOf(args);
  const evidence =
    evidencePath === null
      ? null
      : recordEvidence(
          replications === undefined
            ? [evidenceFromResult(doc)]
            : evidenceOfReplications(doc, replications),
          evidencePath,
          retentionDaysForYears(scenario.rules.retentionYears),
        );
  if (args.json) {
    print(json);
    return;
  }
  print(summaryText(doc, scenario.calendar.start));
  if (written.length > 0) print(`\nwrote ${written.join(", ")}\n`);
  if (report.length > 0) print(reportWrittenNote(report));
  if (evidence !== null) {
    const last = evidence[evidence.length - 1];
    const runs = evidence.length === 1 ? "" : ` (${evidence.length} replications)`;
    print(
      `recorded evidence rows ${evidence[0].runId}..${last.lastId}${runs} in ${evidencePath}, kept until ${last.retainUntil.slice(0, 10)}\n`,
    );
  }
}
