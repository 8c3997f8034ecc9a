import type { OutputFile } from "../io/write/write-files.js";
import type { CampaignRun } from "../model/campaign.js";
import { runCallsCsv } from "../report/calls-csv.js";
import type { Scenario } from "../scenario/scenario.js";

/** `calls.csv` of a run that recorded its calls (`--calls`), or nothing. */
export function callsOutput(scenario: Scenario, run: CampaignRun): OutputFile[] {
  const { calls } = run;
  if (calls === null) return [];
  return [{ name: "calls.csv", content: runCallsCsv(scenario, { ...run, calls }) }];
}
