/**
 * The output lock: held, with the writer's process id, while a run writes into a folder, so
 * that two runs never interleave their files and manifest there.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../read/scenario-error.js";

/** The lock's name inside an output folder. */
export const OUTPUT_LOCK = ".pacelab-outputs.lock";

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
