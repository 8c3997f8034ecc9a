import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  EvidenceStore,
  EvidenceStoreError,
  GENESIS_HASH,
  rowHash,
  SCHEMA_VERSION,
} from "../../../src/compliance/evidence/index.js";
import { appended, fakeClock, makeReport, tempDir } from "./fixture.js";

function openStore(clock = fakeClock()) {
  const path = join(tempDir(), "evidence.sqlite");
  return { path, clock, store: EvidenceStore.open(path, { create: true, now: clock.now }) };
}

describe("EvidenceStore.append", () => {
  it("appends whole runs as one unbroken chain that verifies", () => {
    const { store, clock, path } = openStore();
    const a = appended(store.append(makeReport("north", 4, 1), 730));
    clock.advanceDays(1);
    const b = appended(store.append(makeReport("south", 2, 2), 730));
    expect(a).toMatchObject({ runId: 1, lastId: 5, rows: 5 });
    expect(b).toMatchObject({ runId: 6, lastId: 8, rows: 3 });
    expect(a.recordedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(a.retainUntil).toBe("2028-01-01T00:00:00.000Z"); // 730 days, 2027 is not a leap year
    expect(b.recordedAt).toBe("2026-01-02T00:00:00.000Z");

    const rows = store.rows();
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    for (const row of rows) expect(row.hash).toBe(rowHash(row));
    expect(store.rows("south").map((r) => r.kind)).toEqual(["campaign", "window", "window"]);
    expect(store.head()).toEqual({ id: 8, hash: b.headHash });

    const v = store.verify();
    expect(v).toMatchObject({ ok: true, rows: 8, firstId: 1, lastId: 8, headHash: b.headHash });
    expect(v.issues).toEqual([]);
    store.close();

    // Reopened by another connection: same chain, WAL journal.
    const again = EvidenceStore.open(path);
    expect(again.verify().ok).toBe(true);
    expect(again.list()).toEqual([
      expect.objectContaining({ campaign: "north", runs: 1, windows: 4 }),
      expect.objectContaining({ campaign: "south", runs: 1, windows: 2 }),
    ]);
    again.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("stores canonical payloads: keys sorted, figures as given", () => {
    const { store } = openStore();
    const report = makeReport("north", 1, 5);
    store.append(report, 1);
    const [campaign, window] = store.rows();
    const payload = JSON.parse(campaign.payload);
    expect(Object.keys(payload)).toEqual([...Object.keys(payload)].sort());
    expect(payload).toMatchObject({ ...report.totals, ...report.identity, windowCount: 1 });
    expect(JSON.parse(window.payload)).toMatchObject({ ...report.windows[0], run: 1, window: 0 });
    store.close();
  });

  it("refuses a negative or fractional retention", () => {
    const { store } = openStore();
    expect(() => store.append(makeReport("x"), -1)).toThrow(RangeError);
    expect(() => store.append(makeReport("x"), 1.5)).toThrow(RangeError);
    expect(store.rows()).toEqual([]);
    store.close();
  });
});

describe("the evidence table at the SQL level", () => {
  function rawAfterOneRun() {
    const { store, path } = openStore();
    store.append(makeReport("north", 3), 0); // retention 0: already purgeable, still not deletable
    store.close();
    return { path, db: new Database(path) };
  }

  it("aborts any UPDATE or plain DELETE", () => {
    const { db } = rawAfterOneRun();
    expect(() => db.prepare("UPDATE evidence SET payload = '{}' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("DELETE FROM evidence WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM evidence").run()).toThrow(/append-only/);
    expect(db.prepare("SELECT count(*) AS n FROM evidence").get()).toEqual({ n: 4 });
    db.close();
  });

  it("aborts an INSERT that does not follow the head of the chain", () => {
    const { db } = rawAfterOneRun();
    const insert = db.prepare(
      "INSERT INTO evidence (id, campaign, kind, recorded_at, retain_until, payload, prev_hash, hash) VALUES (?, 'x', 'window', 'a', 'b', '{}', ?, 'h')",
    );
    const head = db.prepare("SELECT hash FROM evidence WHERE id = 4").get() as { hash: string };
    expect(() => insert.run(9, head.hash)).toThrow(/head of the chain/); // skips ids
    expect(() => insert.run(5, GENESIS_HASH)).toThrow(/head of the chain/); // wrong prev hash
    insert.run(5, head.hash); // in place: allowed (its hash is wrong, which verify reports)
    expect(db.prepare("SELECT value FROM meta WHERE key = 'head_id'").get()).toEqual({ value: 5 });
    db.close();
  });

  it("lets a delete through the purge guard only for rows it covers whose retention has passed", () => {
    const { store, path } = openStore();
    store.append(makeReport("north", 1, 1), 0); // ids 1-2, expired at once
    store.append(makeReport("north", 1, 2), 30); // ids 3-4, kept 30 days
    store.close();
    const db = new Database(path);
    const now = "2026-01-01T00:00:00.000Z";
    db.prepare("INSERT INTO purge_guard (only, through_id, not_after) VALUES (1, 2, ?)").run(now);
    expect(() => db.prepare("DELETE FROM evidence WHERE id = 3").run()).toThrow(/append-only/);
    db.prepare("DELETE FROM purge_guard").run();
    db.prepare("INSERT INTO purge_guard (only, through_id, not_after) VALUES (1, 4, ?)").run(now);
    expect(() => db.prepare("DELETE FROM evidence WHERE id = 3").run()).toThrow(/append-only/);
    db.prepare("DELETE FROM evidence WHERE id <= 2").run();
    expect(() => db.prepare("UPDATE purge_guard SET not_after = 'z'").run()).toThrow(/guard/);
    expect(db.prepare("SELECT id FROM evidence").all()).toEqual([{ id: 3 }, { id: 4 }]);
    db.close();
  });
});

describe("EvidenceStore.open", () => {
  it("says exit code 2 for a missing file, a file that is not SQLite or not an evidence store", () => {
    const dir = tempDir();
    const expectStoreError = (path: string, message: RegExp) => {
      try {
        EvidenceStore.open(path);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(EvidenceStoreError);
        expect((error as EvidenceStoreError).exitCode).toBe(2);
        expect((error as Error).message).toMatch(message);
      }
    };
    expectStoreError(join(dir, "missing.sqlite"), /no evidence store/);
    writeFileSync(join(dir, "text.sqlite"), "this is not a database, just text ".repeat(100));
    expectStoreError(join(dir, "text.sqlite"), /not a readable evidence store/);
    const other = new Database(join(dir, "other.sqlite"));
    other.exec("CREATE TABLE t (x)");
    other.close();
    expectStoreError(join(dir, "other.sqlite"), /not an evidence store/);
  });

  it("creates the folder and schema on first append, and reads the version back", () => {
    const path = join(tempDir(), "a", "b", "evidence.sqlite");
    const store = EvidenceStore.open(path, { create: true });
    store.close();
    const db = new Database(path);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
      value: SCHEMA_VERSION,
    });
    expect(() =>
      db.prepare("UPDATE meta SET value = '3' WHERE key = 'schema_version'").run(),
    ).toThrow(/schema version/);
    db.close();
  });
});
