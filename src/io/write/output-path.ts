/**
 * Output paths checked before any work: a run that cannot write its files should say so at
 * once (exit 2, the path and the reason), not after minutes of simulation, and not with a stack
 * trace.
 */
import { closeSync, mkdirSync, openSync, rmdirSync, rmSync, type Stats, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import { ScenarioError } from "../read/scenario-error.js";
import { LOCK_EXPECTED, lockHolder, lockProblem } from "./output-lock.js";

/**
 * Creates `dir` and its missing parents one level at a time; returns the levels it created,
 * outermost first. Node's `mkdirSync(dir, { recursive: true })` retries for ever where a
 * folder exists but refuses new entries with ENOENT (e.g. /proc/x): this fails at once.
 */
export function makeFolder(dir: string): string[] {
  const missing: string[] = [];
  for (let at = resolve(dir); statIfAny(at) === undefined; ) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      // Made meanwhile by another writer: fine, as long as it is a folder.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(level).isDirectory()) throw e;
    }
  }
  return missing;
}

/**
 * Checks that files can be written into the folder `dir` (made if missing) and that no other
 * run is writing there now: throws a ScenarioError (exit 2) naming `option`, the path and the
 * reason otherwise. The check creates the missing folders and a probe file, then removes what
 * it made: a run that fails later leaves nothing behind.
 */
export function checkOutputFolder(option: string, dir: string): void {
  const problem = folderProblem(dir);
  if (problem !== null) throw unusable(option, "a folder pacelab can write into", dir, problem);
  const holder = lockHolder(dir);
  if (holder !== null) throw unusable(option, LOCK_EXPECTED, dir, lockProblem(holder));
}

/**
 * Checks that the file `file` can be written (replacing it if it exists): it must not be a
 * folder, or name one with a trailing slash, and its folder must pass
 * {@link checkOutputFolder}. Throws a ScenarioError (exit 2) naming `option` otherwise.
 */
export function checkOutputFile(option: string, file: string): void {
  const expected = "a file pacelab can write";
  if (/[/\\]$/.test(file) || statIfAny(file)?.isDirectory()) {
    throw unusable(option, expected, file, "a folder, not a file");
  }
  const folder = dirname(file);
  const problem = folderProblem(folder);
  if (problem !== null) {
    throw unusable(option, expected, file, `its folder ${JSON.stringify(folder)}: ${problem}`);
  }
}

// Why nothing can be written into `dir`, or null when a probe file could be.
function folderProblem(dir: string): string | null {
  if (statIfAny(dir)?.isFile()) return "a file, not a folder";
  let failure = probeFailure(dir);
  // The folder vanished before the probe: another run's check removed what it had made.
  for (let retry = 0; retry < 2 && vanished(failure); retry++) failure = probeFailure(dir);
  return failure === null ? null : reason(failure);
}

function vanished(failure: NodeJS.ErrnoException | null): boolean {
  return failure?.code === "ENOENT" && failure.syscall === "open";
}

let probes = 0;

// Makes `dir` and writes a probe file into it, then removes what it made; the error if any.
function probeFailure(dir: string): NodeJS.ErrnoException | null {
  let created: string[] = [];
  try {
    created = makeFolder(dir);
    // Unique to this thread and check: worker threads share the process id.
    const probe = join(dir, `.pacelab-probe.${process.pid}.${threadId}.${++probes}.tmp`);
    closeSync(openSync(probe, "w"));
    rmSync(probe);
    return null;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  } finally {
    for (const level of created.reverse()) removeIfEmpty(level);
  }
}

// A path's stat, or undefined when it cannot be seen (missing, under a file, not permitted):
// making it then fails with the reason.
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Something appeared in it meanwhile: it is not ours to remove.
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "a read-only file system",
  ENOTDIR: "a file is in the way",
  EEXIST: "a file is in the way",
  ENOENT: "folders cannot be made there",
  ENOSPC: "no space left on the device",
};

// The reason in words, with the call and path that failed (often a parent of the one named).
function reason(e: NodeJS.ErrnoException): string {
  const words = (e.code !== undefined && REASONS[e.code]) || e.message;
  const at = e.path === undefined ? "" : ` (${e.syscall ?? "at"} ${e.path})`;
  return `${words}${at}`;
}

function unusable(option: string, expected: string, path: string, why: string): ScenarioError {
  return new ScenarioError({
    file: option,
    keyPath: "",
    expected,
    got: `${JSON.stringify(path)}: ${why}`,
  });
}
