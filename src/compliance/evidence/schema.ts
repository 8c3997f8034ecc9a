/**
 * Version of the store's layout, kept in `meta` under `schema_version`. Version 2 added the
 * index that finds a run already recorded (see {@link RUNS_INDEX_SQL}); rows did not change, so
 * a version 1 store is read as it is and brought to version 2 by its first write
 * (`schema-version.ts`).
 */
export const SCHEMA_VERSION = "2";

/** The versions this pacelab reads. */
export const READABLE_SCHEMA_VERSIONS: readonly string[] = ["1", SCHEMA_VERSION];

/** The triggers that make the `evidence` table append-only; `verify` reports any that is missing. */
export const APPEND_ONLY_TRIGGERS = [
  "evidence_no_update",
  "evidence_no_delete",
  "evidence_append_at_head",
  "evidence_move_head",
  "meta_keep_rows",
  "meta_keep_version",
  "purge_guard_no_update",
] as const;

/** Refuses any change of the schema version, except by a migration that drops it first. */
export const KEEP_VERSION_TRIGGER_SQL = `
CREATE TRIGGER meta_keep_version BEFORE UPDATE ON meta WHEN OLD.key = 'schema_version'
BEGIN
  SELECT RAISE(ABORT, 'the schema version cannot be changed');
END;
`;

/**
 * Finds a campaign's runs by scenario hash and seed: a campaign is its name and its scenario's
 * hash, and a simulated run already recorded (same scenario, seed and version) is not appended
 * again. Only campaign rows, whose payload holds the run's identity.
 */
export const RUNS_INDEX_SQL = `
CREATE INDEX IF NOT EXISTS evidence_runs ON evidence (
  campaign, json_extract(payload, '$.scenario.sha256'), json_extract(payload, '$.seed')
) WHERE kind = 'campaign';
`;

/**
 * The store's tables and triggers.
 *
 * `meta` holds the schema version and the chain's head (id and hash of the last row appended),
 * which a trigger moves on every insert, in the same transaction: `verify` compares it with the
 * last row to notice rows cut off the end, and appends continue from it, so a gap left by
 * deleted rows stays visible.
 *
 * Append-only at the SQL level: UPDATE on `evidence` always aborts; an INSERT must carry the id
 * and previous hash right after the head; DELETE aborts unless `purge_guard` holds a row that
 * covers it. SQLite does not let a trigger on a main-database table read a TEMP table, so the
 * guard is an ordinary table whose single row the purge inserts and deletes inside its own
 * transaction: no other connection ever sees it, a crash rolls it back with the purge, and even
 * while it exists the trigger only lets through rows at or below the purge's last id whose
 * retain-until is not after the purge's time. Anyone who can write the file can still drop the
 * triggers; the hash chain is what shows that (and `verify` reports the missing triggers).
 */
export const SCHEMA_SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value NOT NULL
);
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  campaign TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('campaign', 'window', 'purge')),
  recorded_at TEXT NOT NULL,
  retain_until TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX evidence_by_campaign ON evidence (campaign, id);
CREATE TABLE purge_guard (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  through_id INTEGER NOT NULL,
  not_after TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES
  ('schema_version', '${SCHEMA_VERSION}'), ('head_id', 0), ('head_hash', '${"0".repeat(64)}');

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only: rows cannot be changed');
END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
WHEN NOT EXISTS (
  SELECT 1 FROM purge_guard WHERE OLD.id <= through_id AND OLD.retain_until <= not_after
)
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only: only purge removes rows, after their retention');
END;
CREATE TRIGGER evidence_append_at_head BEFORE INSERT ON evidence
WHEN NEW.id IS NOT (SELECT value + 1 FROM meta WHERE key = 'head_id')
  OR NEW.prev_hash IS NOT (SELECT value FROM meta WHERE key = 'head_hash')
BEGIN
  SELECT RAISE(ABORT, 'evidence is append-only: a row must follow the head of the chain');
END;
CREATE TRIGGER evidence_move_head AFTER INSERT ON evidence
BEGIN
  UPDATE meta SET value = NEW.id WHERE key = 'head_id';
  UPDATE meta SET value = NEW.hash WHERE key = 'head_hash';
END;
CREATE TRIGGER meta_keep_rows BEFORE DELETE ON meta
BEGIN
  SELECT RAISE(ABORT, 'meta rows cannot be deleted');
END;
${KEEP_VERSION_TRIGGER_SQL}
CREATE TRIGGER purge_guard_no_update BEFORE UPDATE ON purge_guard
BEGIN
  SELECT RAISE(ABORT, 'the purge guard cannot be changed');
END;
${RUNS_INDEX_SQL}
`;
