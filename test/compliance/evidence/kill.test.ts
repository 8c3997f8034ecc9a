import { spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { EvidenceStore } from "../../../src/compliance/evidence/index.js";
import { tempDir } from "./fixture.js";

const CHILD = "test/compliance/evidence/append-loop.child.mjs";
const WINDOWS = 2000; // a few hundred ms per run, so a kill usually lands inside a transaction

interface Trial {
  /** Runs the child reported committed. */
  readonly done: number;
  /** Runs the child started. */
  readonly started: number;
}

/**
 * Starts the child appending to `path`, waits until it starts its second run (the first one
 * warms up the JIT), then SIGKILLs it `delayMs` later.
 */
function killMidWrite(path: string, delayMs: number): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(WINDOWS)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let armed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child never reached its second run: ${out} ${err}`));
    }, 30_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes("start 2\n")) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") {
        reject(new Error(`child ended by itself (code ${code}): ${err}`));
        return;
      }
      const lines = out.trim().split("\n");
      resolve({
        done: lines.filter((l) => l.startsWith("done ")).length,
        started: lines.filter((l) => l.startsWith("start ")).length,
      });
    });
  });
}

/** Runs as stored: each campaign row with its declared and actual window counts. */
function storedRuns(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT c.id, json_extract(c.payload, '$.windowCount') AS declared,
           (SELECT count(*) FROM evidence w
             WHERE w.kind = 'window' AND json_extract(w.payload, '$.run') = c.id) AS windows
         FROM evidence c WHERE c.kind = 'campaign' ORDER BY c.id`,
      )
      .all() as { id: number; declared: number; windows: number }[];
  } finally {
    db.close();
  }
}

describe("the evidence store under SIGKILL", () => {
  it("keeps every run whole and the chain intact when its writer is killed mid-write", async () => {
    const path = join(tempDir(), "evidence.sqlite");
    let committed = 0;
    let midWrite = 0;
    // Several kills at different points of a transaction, each appending to the same store.
    for (const delayMs of [20, 120, 250]) {
      const trial = await killMidWrite(path, delayMs);
      if (trial.started > trial.done) midWrite++;
      const runs = storedRuns(path);
      // Every committed run survived; the interrupted one is either all there or not at all.
      expect(runs.length).toBeGreaterThanOrEqual(committed + trial.done);
      expect(runs.length).toBeLessThanOrEqual(committed + trial.started);
      for (const run of runs)
        expect(run).toEqual({ id: run.id, declared: WINDOWS, windows: WINDOWS });
      committed = runs.length;

      const store = EvidenceStore.open(path);
      const v = store.verify();
      store.close();
      expect(v.issues).toEqual([]);
      expect(v).toMatchObject({ ok: true, rows: committed * (WINDOWS + 1), firstId: 1 });
    }
    // The point of the test: at least one kill interrupted an append that had begun.
    expect(midWrite).toBeGreaterThan(0);
  });
});
