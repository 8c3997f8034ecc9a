import type Database from "better-sqlite3";
import { EvidenceStoreError } from "./evidence-error.js";
import {
  KEEP_VERSION_TRIGGER_SQL,
  READABLE_SCHEMA_VERSIONS,
  RUNS_INDEX_SQL,
  SCHEMA_SQL,
  SCHEMA_VERSION,
} from "./schema.js";

function hasMeta(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !==
    undefined
  );
}

/** The `schema_version` the store records, or null when it records none. */
export function schemaVersion(db: Database.Database): string | null {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string | number }
    | undefined;
  return row === undefined ? null : String(row.value);
}

/**
 * Checks that `db` is an evidence store this pacelab reads (any of
 * {@link READABLE_SCHEMA_VERSIONS}), or, with `create` and an empty file, lays out the current
 * schema. Throws {@link EvidenceStoreError} naming `path` otherwise.
 */
export function checkSchema(db: Database.Database, path: string, create: boolean): void {
  if (!hasMeta(db)) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
    if (!create || tables.n > 0) throw new EvidenceStoreError(`${path}: not an evidence store`);
    // Immediate: two processes creating the same file at once must not both run the DDL.
    db.transaction(() => {
      if (!hasMeta(db)) db.exec(SCHEMA_SQL);
    }).immediate();
  }
  const version = schemaVersion(db);
  if (version === null || !READABLE_SCHEMA_VERSIONS.includes(version)) {
    throw new EvidenceStoreError(
      `${path}: evidence store schema ${version ?? "missing"}, this pacelab reads ${READABLE_SCHEMA_VERSIONS.join(" and ")}`,
    );
  }
}

/**
 * Brings a version 1 store to the current version, inside the caller's write transaction (so a
 * crash leaves it wholly version 1): adds the runs index and moves `schema_version`, which the
 * `meta_keep_version` trigger guards, by dropping and recreating that trigger. No row of
 * `evidence` is touched, so the chain verifies as before.
 */
export function migrateSchema(db: Database.Database): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.exec(RUNS_INDEX_SQL);
  db.exec("DROP TRIGGER meta_keep_version");
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(SCHEMA_VERSION);
  db.exec(KEEP_VERSION_TRIGGER_SQL);
}
