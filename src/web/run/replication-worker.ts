/**
 * Web worker entry: runs single replications with the CLI's own parser, kernel, model and
 * pacers (bundled for the browser). A replication is a pure function of (scenario, seed), so
 * the answer does not depend on which worker ran it.
 */
import { simulateCampaign } from "../../model/campaign.js";
import { summarizeCampaign } from "../../model/campaign-summary.js";
import { runCallsCsv } from "../../report/calls-csv.js";
import { parseScenario } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/scenario.js";
import type {
  CallsReply,
  ReplicationReply,
  ReplicationRequest,
  ScenarioSource,
} from "./replication-messages.js";

/** The worker's global scope, as far as this file uses it (the DOM typings describe a window). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<ReplicationRequest>) => void;
  postMessage: (reply: ReplicationReply | CallsReply) => void;
};

/** The scenario a source names: the file's, with the compared pacing in place of its own. */
function scenarioOf(source: ScenarioSource): Scenario {
  if ("scenario" in source) return source.scenario;
  const scenario = parseScenario(source.yaml, source.file);
  return source.pacing === undefined ? scenario : { ...scenario, pacing: source.pacing };
}

/** The replication's calls.csv, as `simulate --calls` writes it. */
function callsCsvOf(scenario: Scenario, seed: number): string {
  const run = simulateCampaign(scenario, { seed, recordCalls: true });
  if (run.calls === null) throw new Error("the run kept no call records");
  return [...runCallsCsv(scenario, { ...run, calls: run.calls })].join("");
}

let scenarios: readonly Scenario[] = [];

scope.onmessage = ({ data }) => {
  if (data.kind === "scenarios") {
    scenarios = data.sources.map(scenarioOf);
    return;
  }
  try {
    const scenario = scenarios[data.scenario];
    if (data.kind === "calls") {
      scope.postMessage({ id: data.id, callsCsv: callsCsvOf(scenario, data.seed) });
      return;
    }
    const started = performance.now();
    const run = simulateCampaign(scenario, { seed: data.seed });
    const summary = summarizeCampaign(run, scenario.rules);
    const elapsedMs = performance.now() - started;
    scope.postMessage({ id: data.id, summary, intervals: run.intervals.rows, elapsedMs });
  } catch (e) {
    scope.postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
};
