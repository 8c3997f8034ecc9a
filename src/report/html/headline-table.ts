import type { ResultDocument } from "../../result/result-document.js";
import type { MeanInterval } from "../../stats/confidence.js";
import { campaignEnding } from "../campaign-ending.js";
import { count, fixed, percent } from "../format-number.js";
import { gateRefusalList } from "../summary-text.js";
import { html, type SafeHtml } from "./escape.js";

interface Row {
  readonly label: string;
  readonly value: string;
  /** Across replications, when the figure is summarised there. */
  readonly across?: MeanInterval | null;
  /** Formats the mean and interval bounds like the value. */
  readonly format?: (x: number) => string;
}

/** The headline figures of a result, as table rows: first replication, then across all. */
export function headlineRows(doc: ResultDocument): Row[] {
  const c = doc.campaign;
  const m = doc.acrossReplications?.metrics;
  const two = (x: number) => fixed(x);
  const one = (x: number) => fixed(x, 1);
  const causes = c.silentByCause;
  return [
    { label: "Calls placed", value: count(c.attempts) },
    { label: "Persons who answered", value: count(c.humanAnswered) },
    { label: "Answering machines that answered", value: count(c.machineAnswered) },
    { label: "Persons put through to an agent (connected)", value: count(c.connected) },
    {
      label: "Silent calls",
      value: `${count(c.silent)} (no agent free ${count(causes.noAgent)}, hung up while held ${count(causes.calleeHungUp)}, answering-machine detection wrong ${count(causes.amdFalsePositive)}, detection too slow ${count(causes.amdTooSlow)}${causes.answerAfterCancel === undefined ? "" : `, answered after the dialer's cancel ${count(causes.answerAfterCancel)}`})`,
    },
    {
      label: "Silent calls per 100 connected",
      value: fixed(c.silentPer100Connected),
      across: m?.silentPer100Connected,
      format: two,
    },
    {
      label: "Silent calls per 100 answered",
      value: fixed(c.silentPer100Answered),
      across: m?.silentPer100Answered,
      format: two,
    },
    {
      label: "Agent occupancy (talk and wrap-up)",
      value: percent(c.agentOccupancy),
      across: m?.agentOccupancy,
      format: percent,
    },
    {
      label: "Talk occupancy",
      value: percent(c.talkOccupancy),
      across: m?.talkOccupancy,
      format: percent,
    },
    {
      label: "Talk minutes per agent hour",
      value: one(c.talkMinutesPerAgentHour),
      across: m?.talkMinutesPerAgentHour,
      format: one,
    },
    {
      label: "Connected calls per agent hour",
      value: one(c.connectedPerAgentHour),
      across: m?.connectedPerAgentHour,
      format: one,
    },
    { label: "Staffed agent hours", value: one(c.staffedAgentHours) },
    {
      label: "Longest silent hold (seconds)",
      value: two(c.maxSilentHoldSeconds),
      across: m?.maxSilentHoldSeconds,
      format: two,
    },
    { label: "Mean wait from answer to agent (seconds)", value: two(c.meanConnectWaitSeconds) },
    { label: "Numbers locked after a silent call", value: count(c.locksApplied) },
    { label: "Recontacts placed with an agent reserved", value: count(c.guaranteedCalls) },
    { label: "Recontacts breaking the lock-out", value: count(c.recontactViolations) },
    {
      label: "Recontacts refused inside the lock-out (held to its end)",
      value: count(c.recontactsRefused),
    },
    {
      label: "Calls refused by the consent and opt-out gate",
      value: `${count(c.leads.refused)}${c.leads.refused > 0 ? ` (${gateRefusalList(c.gateRefusals, count)})` : ""}`,
    },
    {
      label: "Leads",
      value: `${count(c.leads.total)}: ${count(c.leads.reached)} reached, ${count(c.leads.exhausted)} out of attempts, ${count(c.leads.refused)} refused by the gate, ${count(c.leads.unfinished)} unfinished`,
    },
    {
      label: "Campaign",
      value: campaignEnding(doc),
    },
  ];
}

/** The headline figures as an HTML table; with replications, a mean and interval column. */
export function headlineTable(doc: ResultDocument): SafeHtml {
  const several = doc.replications > 1;
  const first = several ? `Replication 1 (seed ${doc.seed})` : `Seed ${doc.seed}`;
  const rows = headlineRows(doc).map((r) => {
    const f = r.format;
    const across =
      r.across && f
        ? html`<td>${f(r.across.mean)}</td><td>${f(r.across.ci95[0])} to ${f(r.across.ci95[1])}</td>`
        : html`<td></td><td></td>`;
    return html`<tr><th scope="row">${r.label}</th><td>${r.value}</td>${several ? across : ""}</tr>`;
  });
  const head = several
    ? html`<th scope="col">${first}</th><th scope="col">Mean of ${doc.replications}</th><th scope="col">95% confidence interval</th>`
    : html`<th scope="col">${first}</th>`;
  return html`<table class="figures"><thead><tr><th scope="col">Figure</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
