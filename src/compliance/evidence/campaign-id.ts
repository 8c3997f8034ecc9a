import { EvidenceStoreError } from "./evidence-error.js";

/**
 * What identifies a campaign in the store: its name and the hash of the scenario it ran, so that
 * two unrelated scenarios that share a name stay two campaigns. The hash is null only for rows
 * whose payload has none (none written by pacelab).
 */
export interface CampaignId {
  /** The campaign's name, as the scenario gives it. */
  readonly campaign: string;
  readonly scenarioSha256: string | null;
}

/** How many hex digits of the scenario hash `list` shows and `name@prefix` usually names. */
export const HASH_PREFIX_LENGTH = 12;

/** `name@hashprefix`: what `evidence export` accepts and what `list` and errors show. */
export function campaignLabel(id: CampaignId): string {
  return `${id.campaign}@${(id.scenarioSha256 ?? "none").slice(0, HASH_PREFIX_LENGTH)}`;
}

/**
 * The campaign `selector` names among `campaigns`: a name that only one campaign has, or
 * `name@prefix` with a prefix of its scenario hash (an exact name wins, since a name may itself
 * hold an `@`). Throws {@link EvidenceStoreError} (exit 2) naming the candidates when the
 * selector matches none or several.
 */
export function resolveCampaign<T extends CampaignId>(
  selector: string,
  campaigns: readonly T[],
  store: string,
): T {
  const byName = campaigns.filter((c) => c.campaign === selector);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw ambiguous(selector, byName, store);
  const at = selector.lastIndexOf("@");
  const name = at < 0 ? selector : selector.slice(0, at);
  const prefix = at < 0 ? "" : selector.slice(at + 1).toLowerCase();
  if (at >= 0 && !/^[0-9a-f]+$/.test(prefix)) {
    throw new EvidenceStoreError(
      `campaign "${selector}": expected NAME or NAME@HASHPREFIX (hex digits of the scenario hash), got "${prefix}" after the @`,
    );
  }
  const matches = campaigns.filter(
    (c) => c.campaign === name && at >= 0 && (c.scenarioSha256 ?? "").startsWith(prefix),
  );
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw ambiguous(selector, matches, store);
  throw unknown(selector, campaigns, store);
}

function ambiguous(selector: string, candidates: readonly CampaignId[], store: string) {
  const list = candidates.map((c) => `  ${campaignLabel(c)}`).join("\n");
  return new EvidenceStoreError(
    `${store}: "${selector}" names ${candidates.length} campaigns (same name, different scenarios); name one as NAME@HASHPREFIX:\n${list}`,
  );
}

function unknown(selector: string, campaigns: readonly CampaignId[], store: string) {
  const known = campaigns.map(campaignLabel).join(", ");
  return new EvidenceStoreError(
    `${store}: no evidence for campaign "${selector}"${known === "" ? " (the store is empty)" : `; campaigns: ${known}`}`,
  );
}
