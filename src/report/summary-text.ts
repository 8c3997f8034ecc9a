import { formatCampaignTime } from "../calendar/calendar.js";
import { GATE_REFUSAL_REASONS, type GateRefusalReason } from "../consent/gate.js";
import type { PacingConfig } from "../pacing/config.js";
import {
  type ReplicatedMetric,
  type ResultDocument,
  shorterDialerCutoff,
} from "../result/result-document.js";
import { campaignEnding } from "./campaign-ending.js";
import { fixed, count as int, percent as pct, seconds } from "./format-number.js";
import { METRIC_FORMATS } from "./metric-format.js";

const ratio = (n: number | null) => (n === null ? "n/a (nobody connected)" : fixed(n));

/** `guarded(binomial)`-style name of a pacing configuration. */
export function pacingLabel(p: PacingConfig): string {
  return p.algorithm === "guarded" ? `guarded(${pacingLabel(p.inner)})` : p.algorithm;
}

/** A result's pacing as its user named it: the spec written for `compare`, else its label. */
export function resultPacingName(doc: Pick<ResultDocument, "pacing" | "pacingSpec">): string {
  return doc.pacingSpec ?? pacingLabel(doc.pacing);
}

/** Readable names of the gate's refusal reasons. */
export const GATE_REFUSAL_LABELS: Readonly<Record<GateRefusalReason, string>> = {
  publicWebOnly: "number only from public web pages",
  optedOut: "on the opt-out register, no later consent",
  noConsent: "no marketing consent for the channel",
  outsideCallingHours: "outside calling hours",
};

/** "reason n, ..." for the reasons with refusals, counts written by `format`; "" when none. */
export function gateRefusalList(
  refusals: Readonly<Record<GateRefusalReason, number>>,
  format: (n: number) => string,
): string {
  return GATE_REFUSAL_REASONS.filter((r) => refusals[r] > 0)
    .map((r) => `${GATE_REFUSAL_LABELS[r]} ${format(refusals[r])}`)
    .join(", ");
}

function dialerCutoffNote(doc: ResultDocument): string {
  const dialer = shorterDialerCutoff(doc);
  return dialer === null ? "" : ` (the dialer's ${dialer} s)`;
}

/** A readable summary of a result for the terminal. */
export function summaryText(doc: ResultDocument, calendarStart: string): string {
  const c = doc.campaign;
  const r = doc.rules;
  const lines: string[] = [];
  lines.push(
    `pacelab ${doc.tool.version}: scenario "${doc.scenario.name}" (${doc.scenario.file}), seed ${doc.seed}, pacing ${resultPacingName(doc)}`,
    `rules ${r.id}: at most ${r.ceilingPer100} silent calls per 100 ${r.denominator}, cut-off ${r.cutoffLimitSeconds} s${dialerCutoffNote(doc)}, lock-out ${r.lockoutDays} days`,
    "",
    `campaign (replication 1 of ${doc.replications}): ${campaignEnding(doc)}; last call ended ${formatCampaignTime(calendarStart, c.endedAtSeconds).slice(0, 16).replace("T", " ")}`,
    `  attempts                     ${int(c.attempts)}`,
    `  human answers                ${int(c.humanAnswered)}`,
    `  connected to an agent        ${int(c.connected)}`,
    `  silent calls                 ${int(c.silent)}  (no agent ${c.silentByCause.noAgent}, callee hung up ${c.silentByCause.calleeHungUp}, AMD false positive ${c.silentByCause.amdFalsePositive}, AMD too slow ${c.silentByCause.amdTooSlow}${c.silentByCause.answerAfterCancel === undefined ? "" : `, answer after cancel ${c.silentByCause.answerAfterCancel}`})`,
    `  silent per 100 connected     ${ratio(c.silentPer100Connected)}`,
    `  silent per 100 answered      ${ratio(c.silentPer100Answered)}`,
    `  ceiling (${c.ceiling.per100} per 100 ${c.ceiling.denominator})    ${c.ceiling.within ? "within" : "EXCEEDED"}`,
    `  agent occupancy              ${pct(c.agentOccupancy)} (talk ${pct(c.talkOccupancy)})`,
    `  talk minutes per agent hour  ${fixed(c.talkMinutesPerAgentHour, 1)}`,
    `  longest silent hold          ${seconds(c.maxSilentHoldSeconds)}`,
    `  numbers locked               ${int(c.locksApplied)}; recontacts with agent reserved ${int(c.guaranteedCalls)}; recontact violations ${c.recontactViolations}`,
    `  recontacts refused           ${int(c.recontactsRefused)} (asked for inside the lock-out, held to its end)`,
    // Leads refused for good; the list also counts refusals outside calling hours (held back).
    `  refused by the consent gate  ${int(c.leads.refused)}${GATE_REFUSAL_REASONS.some((r) => c.gateRefusals[r] > 0) ? `  (${gateRefusalList(c.gateRefusals, int)})` : ""}`,
    `  leads                        ${int(c.leads.total)}: reached ${int(c.leads.reached)}, exhausted ${int(c.leads.exhausted)}, refused ${int(c.leads.refused)}, unfinished ${int(c.leads.unfinished)}`,
  );
  const across = doc.acrossReplications;
  if (across) {
    lines.push("", `across ${doc.replications} replications (mean and 95% confidence interval):`);
    for (const [name, m] of Object.entries(across.metrics)) {
      if (m === null) continue;
      const { label, format } = METRIC_FORMATS[name as ReplicatedMetric];
      lines.push(
        `  ${label.padEnd(28)} ${format(m.mean)}  [${format(m.ci95[0])}, ${format(m.ci95[1])}]`,
      );
    }
    lines.push(
      `  over the ceiling             ${across.overCeiling} of ${doc.replications} (${pct(across.overCeilingFraction)})`,
    );
  }
  return `${lines.join("\n")}\n`;
}
