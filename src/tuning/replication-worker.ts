/**
 * Worker thread entry: runs single replications of the scenarios it was given. A replication is
 * a pure function of (scenario, seed), so results do not depend on which worker ran them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { summarizeCampaign } from "../model/campaign-summary.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ReplicationDone, ReplicationTask } from "./replication-pool.js";

const scenarios = (workerData as { scenarios: Scenario[] }).scenarios;

parentPort?.on("message", (task: ReplicationTask) => {
  const scenario = scenarios[task.scenario];
  const summary = summarizeCampaign(
    simulateCampaign(scenario, { seed: task.seed }),
    scenario.rules,
  );
  const done: ReplicationDone = { id: task.id, summary };
  parentPort?.postMessage(done);
});
