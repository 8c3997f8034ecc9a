/**
 * Web worker entry: runs single replications with the CLI's own parser, kernel, model and
 * pacers (bundled for the browser). A replication is a pure function of (scenario, seed), so
 * the answer does not depend on which worker ran it.
 */
import { simulateCampaign } from "../../model/campaign.js";
import { summarizeCampaign } from "../../model/campaign-summary.js";
import { parseScenario } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/scenario.js";
import type { ReplicationReply, ReplicationRequest } from "./replication-messages.js";

/** The worker's global scope, as far as this file uses it (the DOM typings describe a window). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<ReplicationRequest>) => void;
  postMessage: (reply: ReplicationReply) => void;
};

/** The last scenario parsed: a run sends the same text for every replication. */
let parsed: { readonly yaml: string; readonly file: string; readonly scenario: Scenario } | null =
  null;

function scenarioOf(yaml: string, file: string): Scenario {
  if (parsed?.yaml !== yaml || parsed.file !== file) {
    parsed = { yaml, file, scenario: parseScenario(yaml, file) };
  }
  return parsed.scenario;
}

scope.onmessage = ({ data }) => {
  try {
    const scenario = scenarioOf(data.yaml, data.file);
    const started = performance.now();
    const run = simulateCampaign(scenario, { seed: data.seed });
    const summary = summarizeCampaign(run, scenario.rules);
    const elapsedMs = performance.now() - started;
    scope.postMessage({ id: data.id, summary, intervals: run.intervals.rows, elapsedMs });
  } catch (e) {
    scope.postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
};
