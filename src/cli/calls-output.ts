import type { OutputFile } from "../io/write/write-files.js";
import type { CampaignRun } from "../model/campaign.js";
import { callsCsv } from "../report/calls-csv.js";
import type { Scenario } from "../scenario/scenario.js";

/** `calls.csv` of a run that recorded its calls (`--calls`), or nothing. */
export function callsOutput(scenario: Scenario, run: CampaignRun): OutputFile[] {
  if (run.calls === null) return [];
  const numbers = scenario.leads.kind === "file" ? scenario.leads.numbers : null;
  return [
    {
      name: "calls.csv",
      content: callsCsv(scenario.name, run.calls, numbers, scenario.calendar.start, run.timeZoneOf),
    },
  ];
}
