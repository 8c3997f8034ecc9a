import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  EvidenceStore,
  EvidenceStoreError,
  type PurgePayload,
  planPurge,
  retentionDaysForYears,
} from "../../../src/compliance/evidence/index.js";
import { fakeClock, makeReport, tempDir } from "./fixture.js";

const ITALY_DAYS = 730;

function newStore() {
  const clock = fakeClock("2026-01-01T00:00:00.000Z");
  const path = join(tempDir(), "evidence.sqlite");
  return { clock, path, store: EvidenceStore.open(path, { create: true, now: clock.now }) };
}

describe("EvidenceStore.purge", () => {
  it("removes nothing while every row is under retention, and says how many it kept", () => {
    const { store, clock } = newStore();
    store.append(makeReport("north", 3), ITALY_DAYS);
    clock.advanceDays(ITALY_DAYS - 1);
    const r = store.purge();
    expect(r).toMatchObject({ remove: 0, checkpointId: null, keptUnderRetention: 4 });
    expect(r.retainedUntil).toBe("2028-01-01T00:00:00.000Z");
    expect(store.rows()).toHaveLength(4);
    store.close();
  });

  it("removes expired runs only, leaving a chain that verifies from the checkpoint", () => {
    const { store, clock } = newStore();
    store.append(makeReport("north", 3, 1), ITALY_DAYS); // ids 1-4
    clock.advanceDays(100);
    store.append(makeReport("north", 2, 2), ITALY_DAYS); // ids 5-7
    clock.advanceDays(ITALY_DAYS - 100); // the first run's retention just ended
    const firstRunLastHash = store.rows()[3].hash;

    const r = store.purge();
    expect(r).toMatchObject({
      remove: 4,
      firstId: 1,
      throughId: 4,
      checkpointId: 8,
      keptUnderRetention: 3,
      keptBehindRetained: 0,
    });
    const rows = store.rows();
    expect(rows.map((x) => [x.id, x.kind])).toEqual([
      [5, "campaign"],
      [6, "window"],
      [7, "window"],
      [8, "purge"],
    ]);
    const checkpoint = JSON.parse(rows[3].payload) as PurgePayload;
    expect(checkpoint).toEqual({
      purgedFromId: 1,
      purgedThroughId: 4,
      purgedRows: 4,
      lastPurgedHash: firstRunLastHash,
      before: null,
    });
    expect(rows[0].prevHash).toBe(firstRunLastHash);
    const v = store.verify();
    expect(v.issues).toEqual([]);
    expect(v).toMatchObject({
      ok: true,
      startsAfterPurge: { checkpointId: 8, purgedThroughId: 4 },
    });

    // Appending after a purge and purging again keeps the chain verifiable.
    store.append(makeReport("south", 1, 3), ITALY_DAYS); // ids 9-10
    clock.advanceDays(200);
    expect(store.purge()).toMatchObject({ remove: 4, firstId: 5, throughId: 8, checkpointId: 11 });
    expect(store.rows().map((x) => x.id)).toEqual([9, 10, 11]);
    expect(store.verify()).toMatchObject({
      ok: true,
      startsAfterPurge: { checkpointId: 11, purgedThroughId: 8 },
    });
    store.close();
  });

  it("keeps expired rows recorded after a row still under retention", () => {
    const { store, clock } = newStore();
    store.append(makeReport("us", 1), 5 * 365); // ids 1-2, a longer retention
    store.append(makeReport("it", 1), ITALY_DAYS); // ids 3-4
    clock.advanceDays(ITALY_DAYS + 1);
    const r = store.purge();
    expect(r).toMatchObject({ remove: 0, keptUnderRetention: 2, keptBehindRetained: 2 });
    expect(store.rows()).toHaveLength(4);
    store.close();
  });

  it("with before, removes only rows recorded before it, and never rows under retention", () => {
    const { store, clock } = newStore();
    store.append(makeReport("north", 1, 1), 10); // ids 1-2 on Jan 1
    clock.advanceDays(5);
    store.append(makeReport("north", 1, 2), 10); // ids 3-4 on Jan 6
    clock.advanceDays(20); // both expired
    const r = store.purge({ before: new Date("2026-01-03T00:00:00Z") });
    expect(r).toMatchObject({ remove: 2, throughId: 2, keptUnderRetention: 0 });
    expect(JSON.parse(store.rows()[2].payload).before).toBe("2026-01-03T00:00:00.000Z");
    // A `before` in the future does not override retention.
    store.append(makeReport("north", 1, 3), ITALY_DAYS); // ids 6-7
    const later = store.purge({ before: new Date("2099-01-01T00:00:00Z") });
    expect(later).toMatchObject({ remove: 3, throughId: 5, keptUnderRetention: 2 });
    expect(store.rows().map((x) => x.id)).toEqual([6, 7, 8]);
    expect(store.verify().ok).toBe(true);
    store.close();
  });

  it("purging everything leaves the checkpoint, and appending goes on from it", () => {
    const { store, clock } = newStore();
    store.append(makeReport("north", 2), 1);
    clock.advanceDays(2);
    expect(store.purge()).toMatchObject({ remove: 3, checkpointId: 4 });
    expect(store.verify()).toMatchObject({ ok: true, rows: 1, firstId: 4 });
    store.append(makeReport("north", 2), 1);
    expect(store.verify()).toMatchObject({ ok: true, rows: 4, firstId: 4, lastId: 7 });
    store.close();
  });

  it("refuses to purge a chain that does not verify, with exit code 1", () => {
    const { store, path, clock } = newStore();
    store.append(makeReport("north", 2), 1);
    clock.advanceDays(2);
    store.close();
    const db = new Database(path);
    db.exec("DROP TRIGGER evidence_no_update");
    db.prepare("UPDATE evidence SET payload = '{}' WHERE id = 2").run();
    db.close();
    const again = EvidenceStore.open(path, { now: clock.now });
    try {
      again.purge();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EvidenceStoreError);
      expect((error as EvidenceStoreError).exitCode).toBe(1);
    }
    expect(again.rows()).toHaveLength(3);
    again.close();
  });
});

describe("planPurge", () => {
  const row = (id: number, kind: "campaign" | "window", until: string) => ({
    id,
    kind,
    recordedAt: "2026-01-01T00:00:00.000Z",
    retainUntil: until,
  });

  it("never stops between a campaign row and its windows", () => {
    // Clock oddity: one window of run 1 expires later than the rest.
    const rows = [
      row(1, "campaign", "2026-02"),
      row(2, "window", "2026-02"),
      row(3, "window", "2027"),
    ];
    const plan = planPurge(rows, "2026-06", null);
    expect(plan).toMatchObject({ remove: 0, keptBehindRetained: 2, keptUnderRetention: 1 });
    const whole = planPurge(rows, "2027-06", null);
    expect(whole).toMatchObject({ remove: 3, firstId: 1, throughId: 3 });
  });
});

describe("retentionDaysForYears", () => {
  it("covers the calendar years whatever leap days fall in them", () => {
    expect(retentionDaysForYears(2)).toBe(731);
    expect(retentionDaysForYears(5)).toBe(1827);
    // Two years from 2027-03-01 run to 2029-03-01, across 29 February 2028: 731 days.
    const start = Date.parse("2027-03-01T00:00:00Z");
    expect(start + retentionDaysForYears(2) * 86_400_000).toBeGreaterThanOrEqual(
      Date.parse("2029-03-01T00:00:00Z"),
    );
    expect(() => retentionDaysForYears(-1)).toThrow(RangeError);
  });
});
