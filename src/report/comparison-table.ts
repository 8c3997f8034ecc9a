import type { ResultDocument } from "../result/result-document.js";
import { fixed } from "./format-number.js";
import { resultPacingName } from "./summary-text.js";

type Row = readonly string[];

function ratio(doc: ResultDocument, key: "silentPer100Connected" | "agentOccupancy"): string {
  const scale = key === "agentOccupancy" ? 100 : 1;
  const m = doc.acrossReplications?.metrics[key];
  if (m) {
    return `${fixed(m.mean * scale)} [${fixed(m.ci95[0] * scale)}, ${fixed(m.ci95[1] * scale)}]`;
  }
  const v = doc.campaign[key];
  return v === null ? "n/a" : fixed(v * scale);
}

/** Results side by side, one row per pacing: the comparison `compare` prints. */
export function comparisonTable(docs: readonly ResultDocument[]): string {
  const reps = docs[0]?.replications ?? 0;
  const header: Row = [
    "pacing",
    reps > 1 ? "silent/100 connected (95% CI)" : "silent/100 connected",
    reps > 1 ? "occupancy % (95% CI)" : "occupancy %",
    "talk min/agent h",
    "over ceiling",
  ];
  const rows: Row[] = docs.map((d) => [
    resultPacingName(d),
    ratio(d, "silentPer100Connected"),
    ratio(d, "agentOccupancy"),
    fixed(
      d.acrossReplications?.metrics.talkMinutesPerAgentHour?.mean ??
        d.campaign.talkMinutesPerAgentHour,
      1,
    ),
    `${d.acrossReplications?.overCeiling ?? (d.campaign.ceiling.within ? 0 : 1)} of ${d.replications}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: Row) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return `${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}\n`;
}
