import { runReplications } from "../model/replications.js";
import { resultDocument } from "../result/result-document.js";
import { timeseries } from "../result/timeseries.js";
import { loadScenario } from "../scenario/load.js";
import { callsOutput } from "./calls-output.js";
import { checkResultOutputs, emitResult } from "./result-output.js";

export interface SimulateArgs {
  readonly scenario: string;
  readonly seed?: number;
  readonly replications: number;
  readonly json: boolean;
  readonly out?: string;
  readonly calls: boolean;
  /** --check-invariants: check the campaign's laws (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** Evidence store to append every replication to ("" or undefined: the default store); false: none. */
  readonly evidence?: string | false;
  /** --report [DIR]: the report folder, "" for `out` (data goes there too without `out`). */
  readonly report?: string;
}

/**
 * `pacelab simulate`: check the outputs can be written, load, run, write the output folder if
 * asked, record the evidence and print.
 */
export async function simulateCommand(
  args: SimulateArgs,
  print: (text: string) => void,
): Promise<number> {
  checkResultOutputs(args);
  const scenario = loadScenario(args.scenario);
  const seed = args.seed ?? scenario.seed;
  const reps = runReplications(scenario, seed, args.replications, {
    recordCalls: args.calls,
    checkInvariants: args.checkInvariants,
  });
  const doc = resultDocument(scenario, args.scenario, reps);
  const calls = callsOutput(scenario, reps.first);
  const replications = reps.summaries.map((summary, i) => ({
    summary,
    // The result's time series is the first replication's.
    windows:
      i === 0 ? doc.timeseries.rows : timeseries([reps.intervals[i]], scenario.calendar.start),
  }));
  await emitResult(doc, scenario, args, print, calls, replications);
  return 0;
}
