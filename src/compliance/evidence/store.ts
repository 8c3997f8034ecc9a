import { existsSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { makeFolder } from "../../io/write/output-path.js";
import { writeFilesAtomically } from "../../io/write/write-files.js";
import { plural } from "../../report/format-number.js";
import { type CampaignId, resolveCampaign } from "./campaign-id.js";
import { canonicalJson } from "./canonical-json.js";
import { type EvidenceRow, rowHash } from "./chain.js";
import { EvidenceStoreError } from "./evidence-error.js";
import type { EvidenceReport } from "./evidence-report.js";
import { campaignExport, exportFiles } from "./export-files.js";
import type { PurgePayload } from "./payloads.js";
import { type PurgePlan, planPurge } from "./purge-plan.js";
import { type AlreadyRecorded, recordedRunOf } from "./recorded-run.js";
import { runRows } from "./run-rows.js";
import { APPEND_ONLY_TRIGGERS } from "./schema.js";
import { checkSchema, migrateSchema } from "./schema-version.js";
import { type ChainHead, type VerifyIssue, type VerifyResult, verifyChain } from "./verify.js";

/** Where the store lives unless told otherwise. */
export const DEFAULT_EVIDENCE_PATH = "reports/evidence.sqlite";

const DAY_MS = 86_400_000;

/** How to open a store. */
export interface EvidenceStoreOptions {
  /** The wall clock: the only one the store reads (recording and retention times). */
  readonly now?: () => Date;
  /** Create the file and its schema when missing (appending does; reading commands do not). */
  readonly create?: boolean;
}

/** The rows one {@link EvidenceStore.append} wrote. */
export interface AppendedRun {
  readonly alreadyRecorded: false;
  /** Id of the run's campaign row; its window rows follow it. */
  readonly runId: number;
  readonly lastId: number;
  readonly rows: number;
  readonly recordedAt: string;
  readonly retainUntil: string;
  /** Hash of the last row written: the chain's new head. */
  readonly headHash: string;
}

/** What appending one run did: its rows, or the run recorded earlier that it repeats. */
export type AppendOutcome = AppendedRun | AlreadyRecorded;

/** What a purge did. */
export interface PurgeResult extends PurgePlan {
  /** Id of the checkpoint row the purge appended, or null when it removed nothing. */
  readonly checkpointId: number | null;
}

/** One campaign's evidence at a glance. */
export interface CampaignListing extends CampaignId {
  readonly runs: number;
  readonly windows: number;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  /** The earliest time at which some of its rows may be purged. */
  readonly earliestRetainUntil: string;
}

/** A campaign row's or window row's scenario hash (every row of a run carries the run's identity). */
const SCENARIO_HASH = "json_extract(payload, '$.scenario.sha256')";

const ROW_COLUMNS = `id, campaign, kind, recorded_at AS recordedAt, retain_until AS retainUntil,
  payload, prev_hash AS prevHash, hash`;

function isoOf(date: Date, what: string): string {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what}: not a valid time`);
  return date.toISOString();
}

/**
 * The append-only, hash-chained evidence store: one SQLite file (WAL journal, synchronous=FULL)
 * holding every run's statistical report. Each run is appended in one transaction, so after a
 * crash or a kill it is either all there or not there at all. See `schema.ts` for the SQL-level
 * guards and `verify.ts` for what verification detects.
 */
export class EvidenceStore {
  private constructor(
    private readonly db: Database.Database,
    /** The store's file. */
    readonly path: string,
    private readonly now: () => Date,
  ) {}

  /** Opens (or, with `create`, creates) the store at `path`. */
  static open(
    path: string = DEFAULT_EVIDENCE_PATH,
    options: EvidenceStoreOptions = {},
  ): EvidenceStore {
    const create = options.create ?? false;
    if (!create && !existsSync(path)) {
      throw new EvidenceStoreError(`${path}: no evidence store here`);
    }
    if (create) makeFolder(dirname(path));
    let db: Database.Database;
    try {
      db = new Database(path, { fileMustExist: !create });
    } catch (error) {
      throw new EvidenceStoreError(`${path}: cannot open: ${(error as Error).message}`);
    }
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      checkSchema(db, path, create);
    } catch (error) {
      db.close();
      if (error instanceof EvidenceStoreError) throw error;
      throw new EvidenceStoreError(
        `${path}: not a readable evidence store: ${(error as Error).message}`,
      );
    }
    return new EvidenceStore(db, path, options.now ?? (() => new Date()));
  }

  /** Opens the existing store at `path`, hands it to `use`, and closes it whatever happens. */
  static using<T>(path: string, use: (store: EvidenceStore) => T): T {
    const store = EvidenceStore.open(path);
    try {
      return use(store);
    } finally {
      store.close();
    }
  }

  /** Closes the file. */
  close(): void {
    this.db.close();
  }

  /** The last row appended, as recorded in `meta` (id 0 and the genesis hash when empty). */
  head(): ChainHead {
    const rows = this.db
      .prepare("SELECT key, value FROM meta WHERE key IN ('head_id', 'head_hash')")
      .all() as { key: string; value: string | number }[];
    const get = (key: string) => rows.find((r) => r.key === key)?.value;
    return { id: Number(get("head_id")), hash: String(get("head_hash")) };
  }

  /**
   * Appends one run: its campaign row and window rows, in one transaction, each kept until
   * `retentionDays` after now (the rule set's retention in days: see `retentionDaysForYears`).
   * A simulated run the store already holds (see `recordedRunOf`) is not appended again: the
   * outcome names the run recorded earlier. A version 1 store is migrated first.
   */
  append(report: EvidenceReport, retentionDays: number): AppendOutcome {
    return this.appendAll([report], retentionDays)[0];
  }

  /** Appends several runs one after the other, in one transaction (see {@link append}). */
  appendAll(reports: readonly EvidenceReport[], retentionDays: number): AppendOutcome[] {
    if (!Number.isInteger(retentionDays) || retentionDays < 0) {
      throw new RangeError(
        `retentionDays: expected a whole number of days >= 0, got ${retentionDays}`,
      );
    }
    const now = this.now();
    const recordedAt = isoOf(now, "now()");
    const retainUntil = isoOf(new Date(now.getTime() + retentionDays * DAY_MS), "retain-until");
    const insert = this.db.prepare(
      `INSERT INTO evidence (id, campaign, kind, recorded_at, retain_until, payload, prev_hash, hash)
       VALUES (@id, @campaign, @kind, @recordedAt, @retainUntil, @payload, @prevHash, @hash)`,
    );
    // Immediate: take the write lock before reading the head, so concurrent appends serialise.
    return this.db
      .transaction(() => {
        migrateSchema(this.db);
        return reports.map((report): AppendOutcome => {
          const earlier = recordedRunOf(this.db, report);
          if (earlier !== null) return earlier;
          const rows = runRows(report, this.head(), recordedAt, retainUntil);
          for (const row of rows) insert.run(row);
          const last = rows[rows.length - 1];
          return {
            alreadyRecorded: false,
            runId: rows[0].id,
            lastId: last.id,
            rows: rows.length,
            recordedAt,
            retainUntil,
            headHash: last.hash,
          };
        });
      })
      .immediate();
  }

  /**
   * Stored rows in chain order: all (purge checkpoints included), those of every campaign with a
   * name, or those of one campaign (name and scenario hash).
   */
  rows(campaign?: string | CampaignId): EvidenceRow[] {
    if (campaign === undefined) {
      return this.db
        .prepare(`SELECT ${ROW_COLUMNS} FROM evidence ORDER BY id`)
        .all() as EvidenceRow[];
    }
    if (typeof campaign === "string") {
      return this.db
        .prepare(`SELECT ${ROW_COLUMNS} FROM evidence WHERE campaign = ? ORDER BY id`)
        .all(campaign) as EvidenceRow[];
    }
    return this.db
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM evidence
         WHERE campaign = ? AND ${SCENARIO_HASH} IS ? AND kind <> 'purge' ORDER BY id`,
      )
      .all(campaign.campaign, campaign.scenarioSha256) as EvidenceRow[];
  }

  /** Walks the whole chain (see {@link verifyChain}) and checks the append-only triggers. */
  verify(): VerifyResult {
    const read = this.db.transaction(() => ({ rows: this.rows(), head: this.head() }));
    const { rows, head } = read.deferred();
    const chain = verifyChain(rows, head.id === 0 ? null : head);
    const present = new Set(
      (
        this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    const schema: VerifyIssue[] = APPEND_ONLY_TRIGGERS.filter((t) => !present.has(t)).map((t) => ({
      kind: "schema",
      id: null,
      detail: `append-only trigger ${t} is missing: someone dropped it`,
    }));
    if (schema.length === 0) return chain;
    return { ...chain, ok: false, issues: [...schema, ...chain.issues] };
  }

  /**
   * Each campaign (name and scenario hash: unrelated scenarios that share a name are listed
   * apart) with its runs, windows, recording times and earliest retention end, by name and then
   * by first recording.
   */
  list(): CampaignListing[] {
    return this.db
      .prepare(
        `SELECT campaign, ${SCENARIO_HASH} AS scenarioSha256,
           sum(kind = 'campaign') AS runs, sum(kind = 'window') AS windows,
           min(recorded_at) AS firstRecordedAt, max(recorded_at) AS lastRecordedAt,
           min(retain_until) AS earliestRetainUntil
         FROM evidence WHERE kind <> 'purge' GROUP BY campaign, scenarioSha256
         ORDER BY campaign, firstRecordedAt`,
      )
      .all() as CampaignListing[];
  }

  /**
   * Writes `<name>.evidence.json`, `.csv` and `.html` of the campaign `selector` names (see
   * `resolveCampaign`: a name only one campaign has, or `name@hashprefix`) into `outDir`,
   * atomically (all or none), each stating whether the whole chain verifies. Returns the files
   * written.
   */
  exportCampaign(selector: string, outDir: string): string[] {
    const campaign = resolveCampaign(selector, this.list(), this.path);
    const rows = this.rows(campaign);
    return writeFilesAtomically(outDir, exportFiles(campaignExport(campaign, rows, this.verify())));
  }

  /**
   * Removes the oldest rows whose retention has passed (of those recorded before `before`, when
   * given), and appends a `purge` checkpoint carrying the hash of the last row removed, from
   * which `verify` accepts the chain's new start. Rows still under retention, and expired rows
   * after them, are kept (see {@link planPurge}). Refuses to purge a chain that does not
   * verify, so a purge can never erase the traces of tampering.
   */
  purge(options: { readonly before?: Date | null } = {}): PurgeResult {
    const now = isoOf(this.now(), "now()");
    const before = options.before == null ? null : isoOf(options.before, "before");
    return this.db
      .transaction((): PurgeResult => {
        migrateSchema(this.db);
        const check = this.verify();
        if (!check.ok) {
          throw new EvidenceStoreError(
            `${this.path}: the chain does not verify (${plural(check.issues.length, "problem")}); purge refused`,
            1,
          );
        }
        const candidates = this.db
          .prepare(
            "SELECT id, kind, recorded_at AS recordedAt, retain_until AS retainUntil FROM evidence ORDER BY id",
          )
          .all() as Parameters<typeof planPurge>[0][number][];
        const plan = planPurge(candidates, now, before);
        if (plan.throughId === null || plan.firstId === null)
          return { ...plan, checkpointId: null };
        const last = this.db
          .prepare("SELECT hash FROM evidence WHERE id = ?")
          .get(plan.throughId) as {
          hash: string;
        };
        // The guard row exists only inside this transaction; the delete trigger checks it.
        this.db
          .prepare("INSERT INTO purge_guard (only, through_id, not_after) VALUES (1, ?, ?)")
          .run(plan.throughId, now);
        this.db.prepare("DELETE FROM evidence WHERE id <= ?").run(plan.throughId);
        this.db.prepare("DELETE FROM purge_guard").run();
        const payload: PurgePayload = {
          purgedFromId: plan.firstId,
          purgedThroughId: plan.throughId,
          purgedRows: plan.remove,
          lastPurgedHash: last.hash,
          before,
        };
        const head = this.head();
        const unhashed = {
          id: head.id + 1,
          campaign: "",
          kind: "purge" as const,
          recordedAt: now,
          // A checkpoint is superseded by the next purge's, so it needs no retention of its own.
          retainUntil: now,
          payload: canonicalJson(payload),
          prevHash: head.hash,
        };
        this.db
          .prepare(
            `INSERT INTO evidence (id, campaign, kind, recorded_at, retain_until, payload, prev_hash, hash)
             VALUES (@id, @campaign, @kind, @recordedAt, @retainUntil, @payload, @prevHash, @hash)`,
          )
          .run({ ...unhashed, hash: rowHash(unhashed) });
        return { ...plan, checkpointId: unhashed.id };
      })
      .immediate();
  }
}
