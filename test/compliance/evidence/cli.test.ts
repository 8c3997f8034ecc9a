import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, it } from "vitest";
import { EvidenceStore } from "../../../src/compliance/evidence/index.js";
import { runCli } from "../../support/cli-process.js";
import { fakeClock, makeReport, tempDir } from "./fixture.js";

const pacelab = (...args: string[]) => runCli(args);

/** A store with an old run (recorded in 2020, kept 1 day) and a fresh one (kept 2 years). */
function store(): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, "evidence.sqlite");
  const clock = fakeClock("2020-01-01T00:00:00.000Z");
  const s = EvidenceStore.open(path, { create: true, now: clock.now });
  s.append(makeReport("north", 2, 1), 1); // ids 1-3
  clock.set(new Date().toISOString());
  s.append(makeReport("north", 2, 2), 730); // ids 4-6
  s.append(makeReport("south", 1, 3), 730); // ids 7-8
  s.close();
  return { dir, path };
}

// The tests run at once (each CLI run is its own process), each on a store of its own.
describe.concurrent("pacelab evidence", () => {
  it("verify exits 0 on an intact store and 1, naming the row, after tampering", async ({
    expect,
  }) => {
    const { path } = store();
    const ok = await pacelab("evidence", "verify", "--store", path);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("intact, 8 rows (ids 1-8)");

    const db = new Database(path);
    db.exec("DROP TRIGGER evidence_no_delete");
    db.prepare("DELETE FROM evidence WHERE id = 5").run();
    db.close();
    const bad = await pacelab("evidence", "verify", "--store", path);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("TAMPERED");
    expect(bad.stdout).toContain("missing row 5: row 5 was deleted");
    const json = await pacelab("evidence", "verify", "--store", path, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).issues).toContainEqual(
      expect.objectContaining({ kind: "missing", id: 5 }),
    );
  });

  it("exits 2 on a missing or unreadable store and on bad arguments", async ({ expect }) => {
    const dir = tempDir();
    const missing = await pacelab("evidence", "verify", "--store", join(dir, "none.sqlite"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no evidence store");
    expect(existsSync(join(dir, "none.sqlite"))).toBe(false); // reading never creates a store
    writeFileSync(join(dir, "junk.sqlite"), "junk ".repeat(200));
    const { path } = store();
    const refused = await Promise.all([
      pacelab("evidence", "verify", "--store", join(dir, "junk.sqlite")),
      pacelab("evidence", "verify", "--bogus"),
      pacelab("evidence"),
      pacelab("evidence", "export", "north", "--store", path), // no --out
      pacelab("evidence", "purge", "--store", path, "--before", "someday"),
    ]);
    expect(refused.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
  });

  it("list shows each campaign's runs and windows", async ({ expect }) => {
    const { path } = store();
    const r = await pacelab("evidence", "list", "--store", path, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ campaign: "north", runs: 2, windows: 4 }),
      expect.objectContaining({ campaign: "south", runs: 1, windows: 1 }),
    ]);
    expect((await pacelab("evidence", "list", "--store", path)).stdout).toMatch(
      /^campaign\s+scenario\s+runs\s.*\nnorth\s+abababababab\s+2\s+4\s/m,
    );
  });

  it("export writes the three files; an unknown campaign exits 2", async ({ expect }) => {
    const { dir, path } = store();
    const out = join(dir, "out");
    const r = await pacelab("evidence", "export", "south", "--store", path, "--out", out);
    expect(r.code).toBe(0);
    for (const ext of ["json", "csv", "html"]) {
      expect(existsSync(join(out, `south.evidence.${ext}`))).toBe(true);
    }
    const unknown = await pacelab("evidence", "export", "west", "--store", path, "--out", out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no evidence for campaign "west"');
  });

  it("purge removes the expired run, keeps the rest and says so; the chain still verifies", async ({
    expect,
  }) => {
    const { path } = store();
    const r = await pacelab("evidence", "purge", "--store", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("purged 3 rows (ids 1-3), checkpoint row 9");
    expect(r.stdout).toContain("kept 5 rows still under retention");
    const v = await pacelab("evidence", "verify", "--store", path);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain("rows 1-3 purged (checkpoint row 9)");
    const again = await pacelab("evidence", "purge", "--store", path);
    expect(again.stdout).toMatch(/^purged nothing; kept 5 rows/);
  });
});
