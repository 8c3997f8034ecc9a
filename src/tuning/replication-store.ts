import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
import Database from "better-sqlite3";
import { buildFingerprint } from "../io/digest/build-fingerprint.js";
import { sha256Hex } from "../io/digest/sha256.js";
import { makeFolder } from "../io/write/output-path.js";
import type { CampaignSummary } from "../model/campaign-summary.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ReplicationKeeper } from "./cached-runner.js";

/** The replication store cannot be opened, or was written by another build: bad input (exit 2). */
export class ReplicationStoreError extends Error {
  override readonly name = "ReplicationStoreError";
  readonly exitCode = 2;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS build (fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS replications (key TEXT PRIMARY KEY, summary BLOB NOT NULL);`;

/**
 * Writes a scenario as text with its infinite and NaN numbers told apart from null. A scenario
 * is plain data; a Map or Set in it, which JSON would write as {}, would make two scenarios one.
 */
function scenarioText(scenario: Scenario): string {
  return JSON.stringify(scenario, (key, value) => {
    if (value instanceof Map || value instanceof Set) {
      throw new Error(`replication cache: scenario key ${key} is a ${value.constructor.name}`);
    }
    return typeof value === "number" && !Number.isFinite(value) ? `number:${value}` : value;
  });
}

/**
 * Replications' summaries that outlive a run (SQLite, `--cache`), keyed by the SHA-256 of the
 * scenario as run (pacing included), the seed and whether invariants were checked. A store
 * belongs to one build of pacelab ({@link buildFingerprint}): opened by another it refuses, so
 * that no result of other code is ever mixed in. Each batch is kept in one transaction.
 */
export class ReplicationStore implements ReplicationKeeper {
  private readonly findStatement: Database.Statement<[string], { summary: Buffer }>;
  private readonly keepMany: (rows: readonly [string, Buffer][]) => void;
  /** Scenario objects already hashed (a search runs the same few many times). */
  private readonly hashes = new WeakMap<Scenario, string>();

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly checkInvariants: boolean,
  ) {
    this.findStatement = db.prepare("SELECT summary FROM replications WHERE key = ?");
    const insert = db.prepare("INSERT OR IGNORE INTO replications (key, summary) VALUES (?, ?)");
    this.keepMany = db.transaction((rows: readonly [string, Buffer][]) => {
      for (const [key, summary] of rows) insert.run(key, summary);
    });
  }

  /**
   * Opens (creating if missing) the store at `path` for this build. Throws
   * {@link ReplicationStoreError} naming the file when it cannot be opened, is not such a
   * store, or holds another build's replications.
   */
  static open(path: string, checkInvariants = false): ReplicationStore {
    let db: Database.Database;
    try {
      makeFolder(dirname(path));
      db = new Database(path);
    } catch (error) {
      throw new ReplicationStoreError(
        `${path}: cannot open the replication cache: ${(error as Error).message}`,
      );
    }
    let theirs: string | undefined;
    try {
      db.pragma("journal_mode = WAL");
      db.transaction(() => {
        db.exec(SCHEMA);
        const row = db.prepare("SELECT fingerprint FROM build").get() as
          | { fingerprint: string }
          | undefined;
        theirs = row?.fingerprint;
        if (theirs === undefined)
          db.prepare("INSERT INTO build VALUES (?)").run(buildFingerprint());
      }).immediate();
    } catch (error) {
      db.close();
      throw new ReplicationStoreError(
        `${path}: not a replication cache (expected SQLite with tables build and replications): ${(error as Error).message}`,
      );
    }
    if (theirs !== undefined && theirs !== buildFingerprint()) {
      db.close();
      throw new ReplicationStoreError(
        `${path}: holds replications of another build of pacelab (its code differs from this one's), which could differ from this build's: give a new file, or delete this one`,
      );
    }
    return new ReplicationStore(db, path, checkInvariants);
  }

  /** How many replications the store holds. */
  get size(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM replications").get() as { n: number }).n;
  }

  find(scenario: Scenario, seed: number): CampaignSummary | undefined {
    const row = this.findStatement.get(this.keyOf(scenario, seed));
    return row === undefined ? undefined : (deserialize(row.summary) as CampaignSummary);
  }

  keep(done: readonly { scenario: Scenario; seed: number; summary: CampaignSummary }[]): void {
    this.keepMany(done.map((d) => [this.keyOf(d.scenario, d.seed), serialize(d.summary)]));
  }

  close(): void {
    this.db.close();
  }

  private keyOf(scenario: Scenario, seed: number): string {
    let hash = this.hashes.get(scenario);
    if (hash === undefined) {
      hash = sha256Hex(scenarioText(scenario));
      this.hashes.set(scenario, hash);
    }
    return `${hash}:${seed}:${this.checkInvariants ? "checked" : "unchecked"}`;
  }
}
