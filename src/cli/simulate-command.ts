import { runReplications } from "../model/replications.js";
import { callsCsv } from "../report/calls-csv.js";
import { resultDocument } from "../report/result-document.js";
import { summaryText } from "../report/summary-text.js";
import { timeseriesCsv } from "../report/timeseries-csv.js";
import { type OutputFile, writeFilesAtomically } from "../report/write-files.js";
import { loadScenario } from "../scenario/load.js";

export interface SimulateArgs {
  readonly scenario: string;
  readonly seed?: number;
  readonly replications: number;
  readonly json: boolean;
  readonly out?: string;
  readonly calls: boolean;
}

/** `pacelab simulate`: load, run, print, and write the output folder if asked. */
export function simulateCommand(args: SimulateArgs, print: (text: string) => void): void {
  const scenario = loadScenario(args.scenario);
  const seed = args.seed ?? scenario.seed;
  const reps = runReplications(scenario, seed, args.replications, args.calls);
  const doc = resultDocument(scenario, args.scenario, reps);
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const start = scenario.calendar.start;
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
  if (args.json) {
    print(json);
    return;
  }
  print(summaryText(doc, start));
  if (written.length > 0) print(`\nwrote ${written.join(", ")}\n`);
}
