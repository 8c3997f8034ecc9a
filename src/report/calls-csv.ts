import { formatCampaignTime } from "../calendar/calendar.js";
import { csvLines } from "../io/write/csv.js";
import type { Call } from "../model/call.js";
import type { CampaignRun } from "../model/campaign.js";
import { OUTCOMES, type Scenario } from "../scenario/scenario.js";

/**
 * Columns of the per-call CSV: one row per attempt. Times are local ISO timestamps on the call
 * centre's clock; empty when the event did not happen. `time_zone` is the called party's IANA
 * zone, empty when it is the centre's.
 */
export const CALLS_CSV_HEADER = [
  "campaign",
  "call_id",
  "number",
  "attempt",
  "start",
  "answer",
  "agent_connect",
  "end",
  "outcome",
  "amd_verdict",
  "result",
  "agent_reserved",
  "time_zone",
] as const;

const OUTCOME_LABELS: Record<string, string> = { noAnswer: "no-answer" };

/** A synthetic but well-formed number for lead `index` of a count-based list. */
export function syntheticNumber(index: number): string {
  return `+39300${String(index).padStart(7, "0")}`;
}

/**
 * The per-call CSV of a run, line by line (a large campaign has millions of rows: stream them).
 * `numbers` are the leads' numbers, or null for synthetic ones; `timeZoneOf` the leads' time
 * zones (the run's), or null when all are in the centre's.
 */
export function callsCsv(
  campaign: string,
  calls: readonly Call[],
  numbers: readonly string[] | null,
  calendarStart: string,
  timeZoneOf: ((lead: number) => string) | null = null,
): Iterable<string> {
  const time = (t: number) => (t < 0 ? "" : formatCampaignTime(calendarStart, t));
  return csvLines(
    CALLS_CSV_HEADER,
    (function* () {
      for (const c of calls) {
        const outcome = OUTCOMES[c.outcome];
        yield [
          campaign,
          c.id,
          numbers ? numbers[c.lead] : syntheticNumber(c.lead),
          c.attempt,
          time(c.placedAt),
          time(c.answeredAt),
          time(c.connectedAt),
          time(c.endedAt),
          OUTCOME_LABELS[outcome] ?? outcome,
          c.amdVerdict,
          c.result,
          c.reservedAgent >= 0,
          timeZoneOf === null ? "" : timeZoneOf(c.lead),
        ];
      }
    })(),
  );
}

/**
 * The calls.csv of a run of `scenario` that recorded its calls (`recordCalls`), line by line:
 * what `simulate --calls` writes, and the workbench's download.
 */
export function runCallsCsv(
  scenario: Scenario,
  run: CampaignRun & { readonly calls: readonly Call[] },
): Iterable<string> {
  const numbers = scenario.leads.kind === "file" ? scenario.leads.numbers : null;
  return callsCsv(scenario.name, run.calls, numbers, scenario.calendar.start, run.timeZoneOf);
}
