import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { EvidenceStore, rowHash } from "../../../src/compliance/evidence/index.js";
import { fakeClock, makeReport, tempDir } from "./fixture.js";

/** A store of three runs (ids 1-5, 6-10, 11-15), closed, with its path. */
function storeOfThreeRuns(): string {
  const path = join(tempDir(), "evidence.sqlite");
  const clock = fakeClock();
  const store = EvidenceStore.open(path, { create: true, now: clock.now });
  for (const seed of [1, 2, 3]) {
    store.append(makeReport("north", 4, seed), 730);
    clock.advanceDays(1);
  }
  expect(store.verify().ok).toBe(true);
  store.close();
  return path;
}

/** Opens the file as an attacker would, and drops the triggers that stand in the way. */
function attack(path: string, act: (db: Database.Database) => void): void {
  const db = new Database(path);
  for (const t of ["evidence_no_update", "evidence_no_delete"]) db.exec(`DROP TRIGGER ${t}`);
  act(db);
  db.close();
}

function verify(path: string) {
  const store = EvidenceStore.open(path);
  try {
    return store.verify();
  } finally {
    store.close();
  }
}

const rowIssues = (v: ReturnType<typeof verify>) => v.issues.filter((i) => i.kind !== "schema");

describe("verify after tampering", () => {
  it("reports an edited payload as edited, on that row only, and the dropped triggers", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => {
      const row = db.prepare("SELECT payload FROM evidence WHERE id = 8").get() as {
        payload: string;
      };
      const edited = row.payload.replace(/"silent":\d+/, '"silent":99');
      expect(edited).not.toBe(row.payload);
      db.prepare("UPDATE evidence SET payload = ? WHERE id = 8").run(edited);
    });
    const v = verify(path);
    expect(v.ok).toBe(false);
    expect(rowIssues(v)).toEqual([expect.objectContaining({ kind: "edited", id: 8 })]);
    expect(v.issues.filter((i) => i.kind === "schema").map((i) => i.detail)).toEqual([
      expect.stringContaining("evidence_no_update"),
      expect.stringContaining("evidence_no_delete"),
    ]);
  });

  it("reports a row edited and re-hashed as the broken link after it", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => {
      const row = db.prepare("SELECT * FROM evidence WHERE id = 3").get() as Record<string, string>;
      const payload = row.payload.replace(/"attempts":\d+/, '"attempts":1');
      const hash = rowHash({
        id: 3,
        campaign: row.campaign,
        kind: "window",
        recordedAt: row.recorded_at,
        retainUntil: row.retain_until,
        payload,
        prevHash: row.prev_hash,
      });
      db.prepare("UPDATE evidence SET payload = ?, hash = ? WHERE id = 3").run(payload, hash);
    });
    expect(rowIssues(verify(path))).toEqual([expect.objectContaining({ kind: "link", id: 4 })]);
  });

  it("reports a deleted row by its id", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => db.prepare("DELETE FROM evidence WHERE id = 7").run());
    const issues = rowIssues(verify(path));
    expect(issues).toContainEqual(expect.objectContaining({ kind: "missing", id: 7, toId: 7 }));
    // The run it belonged to is now short of a window.
    expect(issues).toContainEqual(expect.objectContaining({ kind: "incomplete-run", id: 6 }));
    expect(issues).toHaveLength(2);
  });

  it("reports a deleted whole run (several rows) as one missing range", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => db.prepare("DELETE FROM evidence WHERE id BETWEEN 6 AND 10").run());
    expect(rowIssues(verify(path))).toEqual([
      expect.objectContaining({ kind: "missing", id: 6, toId: 10 }),
    ]);
  });

  it("reports rows cut off the end and rows cut off the start", () => {
    const tail = storeOfThreeRuns();
    attack(tail, (db) => db.prepare("DELETE FROM evidence WHERE id >= 11").run());
    expect(rowIssues(verify(tail))).toEqual([expect.objectContaining({ kind: "head", id: 15 })]);

    const head = storeOfThreeRuns();
    attack(head, (db) => db.prepare("DELETE FROM evidence WHERE id <= 5").run());
    expect(rowIssues(verify(head))).toEqual([
      expect.objectContaining({ kind: "missing", id: 1, toId: 5 }),
    ]);
  });

  it("reports two rows whose contents were swapped as moved, naming where each came from", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => {
      const get = db.prepare("SELECT * FROM evidence WHERE id = ?");
      const a = get.get(7) as Record<string, unknown>;
      const b = get.get(9) as Record<string, unknown>;
      const put = db.prepare(
        "UPDATE evidence SET campaign = @campaign, kind = @kind, recorded_at = @recorded_at, retain_until = @retain_until, payload = @payload, prev_hash = @prev_hash, hash = @hash WHERE id = @at",
      );
      put.run({ ...a, at: 9 });
      put.run({ ...b, at: 7 });
    });
    expect(rowIssues(verify(path))).toEqual([
      expect.objectContaining({ kind: "moved", id: 7, originalId: 9 }),
      expect.objectContaining({ kind: "moved", id: 9, originalId: 7 }),
    ]);
  });

  it("reports adjacent rows reordered by swapping their ids", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => {
      db.prepare("UPDATE evidence SET id = -1 WHERE id = 12").run();
      db.prepare("UPDATE evidence SET id = 12 WHERE id = 13").run();
      db.prepare("UPDATE evidence SET id = 13 WHERE id = -1").run();
    });
    expect(rowIssues(verify(path))).toEqual([
      expect.objectContaining({ kind: "moved", id: 12, originalId: 13 }),
      expect.objectContaining({ kind: "moved", id: 13, originalId: 12 }),
    ]);
  });

  it("reports a run's rows moved to another campaign as edited", () => {
    const path = storeOfThreeRuns();
    attack(path, (db) => db.prepare("UPDATE evidence SET campaign = 'south' WHERE id = 1").run());
    expect(rowIssues(verify(path))).toEqual([expect.objectContaining({ kind: "edited", id: 1 })]);
  });
});
