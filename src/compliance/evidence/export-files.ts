import { toCsv } from "../../io/write/csv.js";
import type { OutputFile } from "../../io/write/write-files.js";
import type { CampaignId } from "./campaign-id.js";
import type { EvidenceRow } from "./chain.js";
import { evidenceHtml } from "./export-html.js";
import type { VerifyResult } from "./verify.js";

type Cell = string | number | boolean | null;

/** A stored row with its payload parsed, as exported to JSON. */
export interface ExportedRow {
  readonly id: number;
  readonly campaign: string;
  readonly kind: EvidenceRow["kind"];
  readonly recordedAt: string;
  readonly retainUntil: string;
  readonly payload: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

/** The JSON export of one campaign: its rows and the state of the whole chain they belong to. */
export interface CampaignExport extends CampaignId {
  readonly verification: VerifyResult;
  readonly rows: readonly ExportedRow[];
}

/** Parses the payloads of a campaign's stored rows. */
export function campaignExport(
  campaign: CampaignId,
  rows: readonly EvidenceRow[],
  verification: VerifyResult,
): CampaignExport {
  return {
    campaign: campaign.campaign,
    scenarioSha256: campaign.scenarioSha256,
    verification,
    rows: rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> })),
  };
}

/**
 * Flattens a payload into dotted columns (`silentByCause.noAgent`). Arrays and empty objects
 * stay whole as JSON text, so a column never appears or vanishes with the number of entries.
 */
export function flattenPayload(value: Record<string, unknown>, prefix = ""): [string, Cell][] {
  const cells: [string, Cell][] = [];
  for (const [key, v] of Object.entries(value)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      cells.push(...flattenPayload(v as Record<string, unknown>, name));
    } else if (v !== null && typeof v === "object") {
      cells.push([name, JSON.stringify(v)]);
    } else {
      cells.push([name, v as Cell]);
    }
  }
  return cells;
}

/**
 * One CSV line per stored row: the row's columns, every payload field flattened (columns in
 * order of first appearance, empty where a row has no such field), then the hashes.
 */
export function evidenceCsv(rows: readonly ExportedRow[]): string {
  const flat = rows.map((r) => new Map(flattenPayload(r.payload)));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const cells of flat) {
    for (const key of cells.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  // A field null in some rows and an object in others (silentByCause) keeps only its parts.
  const kept = columns.filter(
    (c) =>
      !columns.some((other) => other.startsWith(`${c}.`)) ||
      flat.some((cells) => (cells.get(c) ?? null) !== null),
  );
  const header = ["id", "campaign", "kind", "recorded_at", "retain_until", ...kept];
  header.push("prev_hash", "hash");
  return toCsv(
    header,
    rows.map((r, i) => [
      r.id,
      r.campaign,
      r.kind,
      r.recordedAt,
      r.retainUntil,
      ...kept.map((c) => flat[i].get(c) ?? null),
      r.prevHash,
      r.hash,
    ]),
  );
}

/** A campaign name made safe as a file name. */
export function exportBaseName(campaign: string): string {
  const safe = campaign.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_");
  return `${safe === "" ? "_" : safe}.evidence`;
}

/** The three export files of a campaign: `<name>.evidence.json`, `.csv` and `.html`. */
export function exportFiles(exported: CampaignExport): OutputFile[] {
  const base = exportBaseName(exported.campaign);
  return [
    { name: `${base}.json`, content: `${JSON.stringify(exported, null, 2)}\n` },
    { name: `${base}.csv`, content: evidenceCsv(exported.rows) },
    { name: `${base}.html`, content: evidenceHtml(exported) },
  ];
}
