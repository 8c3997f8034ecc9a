import { join } from "node:path";
import {
  DEFAULT_EVIDENCE_PATH,
  evidenceOfReplications,
  recordEvidence,
  retentionDaysForYears,
} from "../compliance/evidence/index.js";
import { runReplications } from "../model/replications.js";
import { callsCsv } from "../report/calls-csv.js";
import { resultDocument } from "../report/result-document.js";
import { summaryText } from "../report/summary-text.js";
import { timeseries } from "../report/timeseries.js";
import { timeseriesCsv } from "../report/timeseries-csv.js";
import { type OutputFile, writeFilesAtomically } from "../report/write-files.js";
import { loadScenario } from "../scenario/load.js";
import { writeReport } from "./report-command.js";

export interface SimulateArgs {
  readonly scenario: string;
  readonly seed?: number;
  readonly replications: number;
  readonly json: boolean;
  readonly out?: string;
  readonly calls: boolean;
  /** Evidence store to append every replication to ("" or undefined: the default file); false: none. */
  readonly evidence?: string | false;
  /** Also write report.html and the charts into `out`. */
  readonly report?: boolean;
}

/** `pacelab simulate`: load, run, print, and write the output folder if asked. */
export async function simulateCommand(
  args: SimulateArgs,
  print: (text: string) => void,
): Promise<number> {
  const scenario = loadScenario(args.scenario);
  const seed = args.seed ?? scenario.seed;
  const reps = runReplications(scenario, seed, args.replications, args.calls);
  const doc = resultDocument(scenario, args.scenario, reps);
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const start = scenario.calendar.start;
  const evidencePath = args.evidence === false ? null : args.evidence || DEFAULT_EVIDENCE_PATH;
  const evidence =
    evidencePath === null
      ? null
      : recordEvidence(
          evidenceOfReplications(
            doc,
            reps.summaries.map((summary, i) => ({
              summary,
              // The result's time series is the first replication's.
              windows: i === 0 ? doc.timeseries.rows : timeseries([reps.intervals[i]], start),
            })),
          ),
          evidencePath,
          retentionDaysForYears(scenario.rules.retentionYears),
        );
  let written: string[] = [];
  if (args.out !== undefined) {
    const files: OutputFile[] = [
      { name: "result.json", content: json },
      { name: "timeseries.csv", content: timeseriesCsv(doc.timeseries.rows) },
    ];
    if (reps.first.calls !== null) {
      const numbers = scenario.leads.kind === "file" ? scenario.leads.numbers : null;
      files.push({
        name: "calls.csv",
        content: callsCsv(scenario.name, reps.first.calls, numbers, start),
      });
    }
    written = writeFilesAtomically(args.out, files);
  }
  const report =
    args.report && args.out !== undefined
      ? await writeReport([doc], [join(args.out, "result.json")], args.out)
      : [];
  if (args.json) {
    print(json);
    return 0;
  }
  print(summaryText(doc, start));
  if (written.length > 0) print(`\nwrote ${written.join(", ")}\n`);
  if (report.length > 0) {
    print(
      `wrote the report ${report[0]} with ${(report.length - 1) / 3} charts (SVG, PNG, Vega-Lite)\n`,
    );
  }
  if (evidence !== null) {
    const last = evidence[evidence.length - 1];
    const runs = evidence.length === 1 ? "" : ` (${evidence.length} replications)`;
    print(
      `recorded evidence rows ${evidence[0].runId}..${last.lastId}${runs} in ${evidencePath}, kept until ${last.retainUntil.slice(0, 10)}\n`,
    );
  }
  return 0;
}
