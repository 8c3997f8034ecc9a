import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  type EvidenceReport,
  EvidenceStore,
  EvidenceStoreError,
  SCHEMA_VERSION,
} from "../../../src/compliance/evidence/index.js";
import { appended, fakeClock, makeReport, tempDir } from "./fixture.js";

const HASH_A = "ab".repeat(32);
const HASH_B = "cd".repeat(32);

/** `report` as if its scenario (same name) had the hash `sha256`, or ran with `identity` changed. */
function variant(
  report: EvidenceReport,
  change: { sha256?: string } & Partial<EvidenceReport["identity"]>,
): EvidenceReport {
  const { sha256, ...identity } = change;
  const scenario = { ...report.identity.scenario, sha256: sha256 ?? HASH_A };
  return { ...report, identity: { ...report.identity, ...identity, scenario } };
}

function newStore() {
  const path = join(tempDir(), "evidence.sqlite");
  const clock = fakeClock();
  return { path, clock, store: EvidenceStore.open(path, { create: true, now: clock.now }) };
}

/** The message and exit code of what `run` throws, which must be an EvidenceStoreError. */
function storeError(run: () => unknown): { message: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EvidenceStoreError);
    return error as EvidenceStoreError;
  }
  return expect.unreachable("no error thrown");
}

describe("a run recorded twice", () => {
  it("is appended once: the same scenario, seed and version again adds no row", () => {
    const { store, clock } = newStore();
    const first = appended(store.append(makeReport("north", 3, 1), 730));
    clock.advanceDays(3);
    const again = store.append(makeReport("north", 3, 1), 730);
    expect(again).toEqual({
      alreadyRecorded: true,
      runId: first.runId,
      recordedAt: first.recordedAt,
      seed: 1,
    });
    expect(store.rows()).toHaveLength(4);
    expect(store.list()).toMatchObject([{ campaign: "north", runs: 1, windows: 3 }]);
    expect(store.verify().ok).toBe(true);
    store.close();
  });

  it("is a new run when the seed, the scenario or the software version differs, or it is live", () => {
    const { store } = newStore();
    const base = makeReport("north", 1, 1);
    appended(store.append(base, 730));
    appended(store.append(makeReport("north", 1, 2), 730));
    appended(store.append(variant(base, { sha256: HASH_B }), 730));
    appended(store.append(variant(base, { softwareVersion: "0.2.0" }), 730));
    // A live run is real calls: two of them are two runs, whatever their identity.
    appended(store.append(variant(base, { mode: "live" }), 730));
    appended(store.append(variant(base, { mode: "live" }), 730));
    expect(store.rows().filter((r) => r.kind === "campaign")).toHaveLength(6);
    expect(store.verify().ok).toBe(true);
    store.close();
  });
});

describe("campaigns named alike", () => {
  function twoNorths() {
    const { store, clock, path } = newStore();
    store.append(makeReport("north", 2, 1), 730); // ids 1-3, scenario A
    clock.advanceDays(1);
    store.append(variant(makeReport("north", 3, 1), { sha256: HASH_B }), 730); // ids 4-7
    store.append(makeReport("north", 1, 2), 730); // ids 8-9, scenario A
    store.append(makeReport("south", 1, 1), 730); // ids 10-11
    return { store, path };
  }

  it("are listed apart, by name and scenario hash", () => {
    const { store } = twoNorths();
    expect(store.list()).toEqual([
      expect.objectContaining({ campaign: "north", scenarioSha256: HASH_A, runs: 2, windows: 3 }),
      expect.objectContaining({ campaign: "north", scenarioSha256: HASH_B, runs: 1, windows: 3 }),
      expect.objectContaining({ campaign: "south", scenarioSha256: HASH_A, runs: 1, windows: 1 }),
    ]);
    store.close();
  });

  it("export takes NAME@HASHPREFIX, and a shared name alone is refused naming the candidates", () => {
    const { store, path } = twoNorths();
    const out = join(tempDir(), "out");
    const ambiguous = storeError(() => store.exportCampaign("north", out));
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.message).toContain(`${path}: "north" names 2 campaigns`);
    expect(ambiguous.message).toContain("north@abababababab");
    expect(ambiguous.message).toContain("north@cdcdcdcdcdcd");

    const [json] = store.exportCampaign("north@CDC", out);
    const exported = JSON.parse(readFileSync(json, "utf8"));
    expect(exported).toMatchObject({ campaign: "north", scenarioSha256: HASH_B });
    expect(exported.rows.map((r: { id: number }) => r.id)).toEqual([4, 5, 6, 7]);
    // South is the only one of its name: the name alone is enough.
    expect(store.exportCampaign("south", join(tempDir(), "south"))).toHaveLength(3);

    expect(storeError(() => store.exportCampaign("north@ef", out)).message).toContain(
      'no evidence for campaign "north@ef"; campaigns: north@abababababab, north@cdcdcdcdcdcd, south@abababababab',
    );
    expect(storeError(() => store.exportCampaign("north@xyz", out)).message).toContain(
      'expected NAME or NAME@HASHPREFIX (hex digits of the scenario hash), got "xyz"',
    );
    store.close();
  });
});

describe("a store written by pacelab before campaigns had a scenario hash (schema 1)", () => {
  /**
   * A copy of v1-store.sqlite, written by that pacelab: north (scenario A) seeds 1 and 2, seed 2
   * twice as it then allowed; north of another scenario (B); south (A). 18 rows.
   */
  function oldStore() {
    const path = join(tempDir(), "old.sqlite");
    copyFileSync(join(import.meta.dirname, "v1-store.sqlite"), path);
    return path;
  }
  const versionOf = (path: string) => {
    const db = new Database(path, { readonly: true });
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
    db.close();
    return row;
  };

  it("is read, verified and listed by campaign as it is, without being changed", () => {
    const path = oldStore();
    const store = EvidenceStore.open(path);
    expect(store.verify()).toMatchObject({ ok: true, rows: 18, issues: [] });
    expect(store.list()).toEqual([
      expect.objectContaining({ campaign: "north", scenarioSha256: HASH_A, runs: 3, windows: 9 }),
      expect.objectContaining({ campaign: "north", scenarioSha256: HASH_B, runs: 1, windows: 2 }),
      expect.objectContaining({ campaign: "south", scenarioSha256: HASH_A, runs: 1, windows: 2 }),
    ]);
    store.close();
    expect(versionOf(path)).toEqual({ value: "1" });
  });

  it("is migrated by the first append, keeping every row and hash, and still verifies", () => {
    const path = oldStore();
    const before = EvidenceStore.open(path);
    const rows = before.rows();
    const head = before.head();
    before.close();

    const store = EvidenceStore.open(path, { create: true, now: fakeClock("2026-04-01").now });
    // North seed 2 of scenario A is there (twice, from before): not appended a third time.
    expect(store.append(makeReport("north", 3, 2), 731)).toMatchObject({
      alreadyRecorded: true,
      runId: 5,
    });
    expect(versionOf(path)).toEqual({ value: SCHEMA_VERSION });
    const added = appended(store.append(makeReport("north", 3, 3), 731));
    expect(added).toMatchObject({ runId: 19, lastId: 22 });
    expect(store.rows().slice(0, 18)).toEqual(rows);
    expect(store.rows()[18].prevHash).toBe(head.hash);
    expect(store.verify()).toMatchObject({ ok: true, rows: 22, firstId: 1, issues: [] });
    store.close();

    const db = new Database(path, { readonly: true });
    const index = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'evidence_runs'")
      .get();
    expect(index).toEqual({ name: "evidence_runs" });
    // The guards came back with the migration: the version cannot be changed again.
    db.close();
    const writer = new Database(path);
    expect(() =>
      writer.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run(),
    ).toThrow(/schema version/);
    writer.close();
  });

  it("is migrated by a purge too, whose checkpoint then verifies", () => {
    const path = oldStore();
    const store = EvidenceStore.open(path, { now: fakeClock("2028-06-01").now });
    expect(store.purge()).toMatchObject({ remove: 18, checkpointId: 19 });
    expect(versionOf(path)).toEqual({ value: SCHEMA_VERSION });
    expect(store.verify()).toMatchObject({ ok: true, rows: 1, firstId: 19, issues: [] });
    store.close();
  });
});
