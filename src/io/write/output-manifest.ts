/**
 * What each kind of output last wrote into a folder. A run writes its files over those of the
 * run before it, but a file that the earlier run wrote and this one does not (calls.csv from a
 * run with --calls, the third pacing of a comparison, a chart) would stay beside the new ones
 * as if it belonged to them. The manifest names each kind's files so that the next run of that
 * kind removes exactly those; files pacelab did not write there are never touched.
 */
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../read/scenario-error.js";

/** The manifest's name inside an output folder. */
export const OUTPUT_MANIFEST = ".pacelab-outputs.json";
/** Held (with the writer's process id) while a run writes into the folder. */
export const OUTPUT_LOCK = ".pacelab-outputs.lock";

/** The kinds of data a folder holds, each written whole by one kind of run. */
export type OutputKind =
  | "result" // simulate, live
  | "compare"
  | "sweep"
  | "tune"
  | "study"
  | "cluster-job"; // --emit slurm|kubernetes

/**
 * What the manifest lists files for: a kind's data, the report drawn from them into their
 * folder (it goes when they are written again without it), or a report in a folder of its own.
 */
export type OutputEntry = OutputKind | `${OutputKind} report` | "report";

/** File names by entry. */
type Manifest = Record<string, readonly string[]>;

/**
 * Records that `entry` now consists of `names` in `dir` (written there already; another entry
 * that listed one of them no longer does), removes the files the manifest listed for it that
 * are not among them, and returns the paths removed. An unreadable or malformed manifest
 * removes nothing. Call it holding the folder's lock ({@link withOutputLock}).
 */
export function replaceOutputs(
  dir: string,
  entry: OutputEntry,
  names: readonly string[],
): string[] {
  const manifest = readManifest(dir);
  const kept = new Set(names);
  const removed: string[] = [];
  for (const name of manifest[entry] ?? []) {
    const path = join(dir, name);
    if (kept.has(name) || !isFile(path)) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  // A file belongs to the entry that wrote it last.
  const next: Manifest = {};
  for (const [other, listed] of Object.entries(manifest)) {
    const still = listed.filter((name) => !kept.has(name));
    if (other !== entry && still.length > 0) next[other] = still;
  }
  if (names.length > 0) next[entry] = [...names];
  writeManifest(dir, next);
  return removed;
}

function readManifest(dir: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), "utf8"));
  } catch {
    return {}; // none yet, or not ours to trust
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const manifest: Manifest = {};
  for (const [entry, names] of Object.entries(parsed)) {
    // Plain names only: a manifest edited to name ../x or a folder removes nothing outside.
    if (Array.isArray(names) && names.every(isPlainName)) manifest[entry] = names;
  }
  return manifest;
}

function writeManifest(dir: string, manifest: Manifest): void {
  const path = join(dir, OUTPUT_MANIFEST);
  const temp = join(dir, `.${OUTPUT_MANIFEST}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

function isPlainName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && !/[/\\]/.test(name) && name !== "..";
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs `write` holding `dir`'s output lock, so that two runs never interleave their files and
 * manifest there: throws a ScenarioError (exit 2) while another live process holds it, and
 * takes over a lock its dead holder left.
 */
export function withOutputLock<T>(dir: string, write: () => T): T {
  const lock = join(dir, OUTPUT_LOCK);
  takeLock(lock, dir);
  try {
    return write();
  } finally {
    rmSync(lock, { force: true });
  }
}

function takeLock(lock: string, dir: string): void {
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const holder = lockHolder(dir);
      if (holder !== null) {
        throw new ScenarioError({
          file: dir,
          keyPath: "",
          expected: LOCK_EXPECTED,
          got: lockProblem(holder),
        });
      }
      rmSync(lock, { force: true }); // its holder died before letting go
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return;
  }
}

/** What a folder being written into by another run is not. */
export const LOCK_EXPECTED = "a folder no other pacelab run is writing into";

/** The live process writing into `dir` now (holding its lock), or null. */
export function lockHolder(dir: string): number | null {
  let text = "";
  try {
    text = readFileSync(join(dir, OUTPUT_LOCK), "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return isAlive(pid) ? pid : null;
}

/** Why `dir` cannot be written into while process `holder` writes there. */
export function lockProblem(holder: number): string {
  return `process ${holder} is writing there (${OUTPUT_LOCK}); wait for it, or remove the file if no such run is left`;
}

// Whether process `pid` runs (on this machine): signal 0 checks without sending anything.
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
