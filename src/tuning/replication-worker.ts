/**
 * Worker thread entry: runs single replications of the scenarios it was last given. A
 * replication is a pure function of (scenario, seed), so results do not depend on which worker
 * ran them.
 */
import { parentPort } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { summarizeCampaign } from "../model/campaign-summary.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ReplicationDone, WorkerMessage } from "./replication-pool.js";

let scenarios: readonly Scenario[] = [];

parentPort?.on("message", (message: WorkerMessage) => {
  if (message.kind === "scenarios") {
    scenarios = message.scenarios;
    return;
  }
  const scenario = scenarios[message.scenario];
  const run = simulateCampaign(scenario, { seed: message.seed });
  const done: ReplicationDone = { id: message.id, summary: summarizeCampaign(run, scenario.rules) };
  parentPort?.postMessage(done);
});
