/**
 * Worker thread entry: runs single replications of the scenarios it was last given. A
 * replication is a pure function of (scenario, seed), so results do not depend on which worker
 * ran them.
 */
import { parentPort } from "node:worker_threads";
import { simulateCampaign } from "../model/campaign.js";
import { summarizeCampaign } from "../model/campaign-summary.js";
import { InvariantBreach } from "../model/invariants/invariant-breach.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ReplicationDone, WorkerMessage } from "./replication-pool.js";

let scenarios: readonly Scenario[] = [];
let checkInvariants = false;

parentPort?.on("message", (message: WorkerMessage) => {
  if (message.kind === "scenarios") {
    scenarios = message.scenarios;
    checkInvariants = message.checkInvariants;
    return;
  }
  const scenario = scenarios[message.scenario];
  let done: ReplicationDone;
  try {
    const run = simulateCampaign(scenario, { seed: message.seed, checkInvariants });
    done = { id: message.id, summary: summarizeCampaign(run, scenario.rules) };
  } catch (error) {
    // An invariant's breach (exit 70) keeps its message and code across the thread.
    if (!(error instanceof InvariantBreach)) throw error;
    done = { id: message.id, breach: error.message };
  }
  parentPort?.postMessage(done);
});
