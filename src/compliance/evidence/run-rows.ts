import { canonicalJson } from "./canonical-json.js";
import { type EvidenceRow, rowHash } from "./chain.js";
import type { EvidenceReport } from "./evidence-report.js";
import type { CampaignPayload, WindowPayload } from "./payloads.js";

/** Where the next row goes: the id and hash of the last row appended (0 and genesis if none). */
export interface ChainTip {
  readonly id: number;
  readonly hash: string;
}

/**
 * The rows of one run, chained after `tip`: the campaign row, then one row per window naming the
 * campaign row's id as its run. Every row shares the run's recording and retention times.
 */
export function runRows(
  report: EvidenceReport,
  tip: ChainTip,
  recordedAt: string,
  retainUntil: string,
): EvidenceRow[] {
  const runId = tip.id + 1;
  const campaignPayload: CampaignPayload = {
    ...report.identity,
    ...report.totals,
    windowCount: report.windows.length,
  };
  const payloads: { kind: "campaign" | "window"; payload: string }[] = [
    { kind: "campaign", payload: canonicalJson(campaignPayload) },
    ...report.windows.map((w, i) => {
      const payload: WindowPayload = { ...report.identity, ...w, run: runId, window: i };
      return { kind: "window" as const, payload: canonicalJson(payload) };
    }),
  ];
  const rows: EvidenceRow[] = [];
  let prevHash = tip.hash;
  payloads.forEach(({ kind, payload }, i) => {
    const unhashed = {
      id: runId + i,
      campaign: report.campaign,
      kind,
      recordedAt,
      retainUntil,
      payload,
      prevHash,
    };
    const row = { ...unhashed, hash: rowHash(unhashed) };
    rows.push(row);
    prevHash = row.hash;
  });
  return rows;
}
