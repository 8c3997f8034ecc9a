import { type EvidenceRow, GENESIS_HASH, rowHash } from "./chain.js";
import type { CampaignPayload, PurgePayload, WindowPayload } from "./payloads.js";

/**
 * What is wrong with a row or with the chain:
 * - `edited`: the row's content no longer matches its hash;
 * - `moved`: the row holds, intact, the content of row `originalId` (rows swapped or reordered);
 * - `missing`: rows `id`..`toId` are gone from the middle (deleted);
 * - `link`: the row is intact but does not follow the row before it (that row was re-hashed
 *   after an edit, or rows were inserted);
 * - `start`: the chain does not start at the genesis hash or at a purge checkpoint's;
 * - `head`: the last row is not the head recorded at the last append (rows cut off the end);
 * - `incomplete-run`: a run's campaign row and its window rows do not match up;
 * - `schema`: an append-only trigger is missing (someone dropped it).
 */
export type VerifyIssueKind =
  | "edited"
  | "moved"
  | "missing"
  | "link"
  | "start"
  | "head"
  | "incomplete-run"
  | "schema";

/** One problem found by {@link verifyChain}. */
export interface VerifyIssue {
  readonly kind: VerifyIssueKind;
  /** The row concerned (for `missing`, the first missing id); null for `schema`. */
  readonly id: number | null;
  /** For `missing`: the last missing id. */
  readonly toId?: number;
  /** For `moved`: the id whose content the row holds. */
  readonly originalId?: number;
  readonly detail: string;
}

/** The last appended row, as recorded in `meta` in the same transaction as the append. */
export interface ChainHead {
  readonly id: number;
  readonly hash: string;
}

/** The outcome of walking the chain. */
export interface VerifyResult {
  /** No issue found. */
  readonly ok: boolean;
  readonly rows: number;
  readonly firstId: number | null;
  readonly lastId: number | null;
  /** Hash of the last row: anchor it elsewhere to detect a wholesale rewrite. */
  readonly headHash: string | null;
  /** The purge checkpoint the chain starts from, when older rows were purged. */
  readonly startsAfterPurge: {
    readonly checkpointId: number;
    readonly purgedThroughId: number;
  } | null;
  readonly issues: readonly VerifyIssue[];
}

function parse<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/**
 * The previous hash the first remaining row must carry: the genesis hash when it is row 1,
 * otherwise the last purged hash of a checkpoint that purged exactly the rows before it.
 */
function expectedStart(rows: readonly EvidenceRow[]): {
  hash: string | null;
  checkpoint: VerifyResult["startsAfterPurge"];
} {
  const first = rows[0];
  if (first.id === 1) return { hash: GENESIS_HASH, checkpoint: null };
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row.kind !== "purge") continue;
    const p = parse<PurgePayload>(row.payload);
    if (p !== null && p.purgedThroughId === first.id - 1) {
      return {
        hash: p.lastPurgedHash,
        checkpoint: { checkpointId: row.id, purgedThroughId: p.purgedThroughId },
      };
    }
  }
  return { hash: null, checkpoint: null };
}

/**
 * Where an intact but misplaced row came from: its content hashes correctly under the id right
 * after the row it names as previous, or right before the row that names it as previous. These
 * two guesses cover swaps and moves of single rows without trying every id.
 */
function originalIdOf(
  row: EvidenceRow,
  byHash: ReadonlyMap<string, EvidenceRow>,
  byPrevHash: ReadonlyMap<string, EvidenceRow>,
): number | null {
  const candidates = new Set<number>();
  const before = byHash.get(row.prevHash);
  if (before !== undefined) candidates.add(before.id + 1);
  const after = byPrevHash.get(row.hash);
  if (after !== undefined) candidates.add(after.id - 1);
  for (const id of candidates) {
    if (id !== row.id && rowHash({ ...row, id }) === row.hash) return id;
  }
  return null;
}

/**
 * Walks the chain (rows in id order) and reports every edited, missing, moved or unlinked row.
 * Each row is checked against the stored hash of the row before it, not a recomputed one, so
 * one edited row is reported once instead of breaking every row after it.
 */
export function verifyChain(rows: readonly EvidenceRow[], head: ChainHead | null): VerifyResult {
  const issues: VerifyIssue[] = [];
  if (rows.length === 0) {
    if (head !== null) {
      issues.push({
        kind: "head",
        id: head.id,
        detail: `the store is empty but row ${head.id} was appended: every row was deleted`,
      });
    }
    return {
      ok: issues.length === 0,
      rows: 0,
      firstId: null,
      lastId: null,
      headHash: null,
      startsAfterPurge: null,
      issues,
    };
  }
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  const byPrevHash = new Map(rows.map((r) => [r.prevHash, r]));
  const intact = rows.map((r) => rowHash(r) === r.hash);
  // Where each misplaced row's content belongs, and the hash of the content that belongs at each id.
  const movedFrom = new Map<number, number>();
  const hashOfOriginal = new Map<number, string>();
  rows.forEach((row, i) => {
    if (intact[i]) return;
    const original = originalIdOf(row, byHash, byPrevHash);
    if (original === null) return;
    movedFrom.set(row.id, original);
    hashOfOriginal.set(original, row.hash);
  });

  const start = expectedStart(rows);
  const first = rows[0];
  if (start.hash === null) {
    issues.push({
      kind: "missing",
      id: 1,
      toId: first.id - 1,
      detail: `rows 1-${first.id - 1} are missing and no purge checkpoint accounts for them`,
    });
  }

  rows.forEach((row, i) => {
    const prev = i > 0 ? rows[i - 1] : null;
    const gap = prev !== null && row.id !== prev.id + 1;
    if (gap && prev !== null) {
      const from = prev.id + 1;
      const to = row.id - 1;
      issues.push({
        kind: "missing",
        id: from,
        toId: to,
        detail: from === to ? `row ${from} was deleted` : `rows ${from}-${to} were deleted`,
      });
    }
    const original = movedFrom.get(row.id);
    if (original !== undefined) {
      issues.push({
        kind: "moved",
        id: row.id,
        originalId: original,
        detail: `row ${row.id} holds the content of row ${original}: rows were swapped or reordered`,
      });
      return;
    }
    if (!intact[i]) {
      issues.push({
        kind: "edited",
        id: row.id,
        detail: `row ${row.id} does not match its hash: its content was edited`,
      });
    }
    if (gap) return; // the missing rows explain the broken link
    const expected = prev === null ? start.hash : (hashOfOriginal.get(prev.id) ?? prev.hash);
    if (expected !== null && row.prevHash !== expected) {
      issues.push({
        kind: i === 0 ? "start" : "link",
        id: row.id,
        detail:
          i === 0
            ? `row ${row.id} does not follow the genesis hash or the purge checkpoint`
            : `row ${row.id} does not follow row ${prev?.id}: that row was rewritten and re-hashed, or rows were inserted`,
      });
    }
  });

  const last = rows[rows.length - 1];
  if (head !== null && (head.id !== last.id || head.hash !== last.hash)) {
    issues.push({
      kind: "head",
      id: head.id,
      detail:
        head.id > last.id
          ? `rows ${last.id + 1}-${head.id} were cut off the end of the chain`
          : `the last row (${last.id}) is not the last one appended (${head.id})`,
    });
  }
  for (const issue of runIssues(rows)) issues.push(issue); // a spread could overflow the stack
  return {
    ok: issues.length === 0,
    rows: rows.length,
    firstId: first.id,
    lastId: last.id,
    headHash: last.hash,
    startsAfterPurge: start.checkpoint,
    issues,
  };
}

/** Every run is whole: a campaign row followed by exactly its `windowCount` window rows. */
function runIssues(rows: readonly EvidenceRow[]): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  const expected = new Map<number, number>();
  const seen = new Map<number, number>();
  for (const row of rows) {
    if (row.kind === "campaign") {
      const p = parse<CampaignPayload>(row.payload);
      if (p !== null) expected.set(row.id, p.windowCount);
    } else if (row.kind === "window") {
      const p = parse<WindowPayload>(row.payload);
      if (p !== null) seen.set(p.run, (seen.get(p.run) ?? 0) + 1);
    }
  }
  for (const [run, count] of expected) {
    const got = seen.get(run) ?? 0;
    if (got !== count) {
      issues.push({
        kind: "incomplete-run",
        id: run,
        detail: `run ${run} should have ${count} window rows, has ${got}`,
      });
    }
  }
  for (const [run, count] of seen) {
    if (!expected.has(run)) {
      issues.push({
        kind: "incomplete-run",
        id: run,
        detail: `${count} window rows name run ${run}, which has no campaign row`,
      });
    }
  }
  return issues;
}
