/**
 * What each kind of output last wrote into a folder. A run writes its files over those of the
 * run before it, but a file that the earlier run wrote and this one does not (calls.csv from a
 * run with --calls, the third pacing of a comparison, a chart) would stay beside the new ones
 * as if it belonged to them. The manifest names each kind's files so that the next run of that
 * kind removes exactly those; files pacelab did not write there are never touched.
 */
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { withOutputLock } from "./output-lock.js";
import { makeFolder } from "./output-path.js";
import { type OutputFile, writeFilesAtomically } from "./write-files.js";

/** The manifest's name inside an output folder. */
export const OUTPUT_MANIFEST = ".pacelab-outputs.json";

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

/** What a folder's output wrote, and the files of an earlier output of its kind it removed. */
export interface FolderOutput {
  readonly written: string[];
  readonly removed: string[];
}

/**
 * Writes `files` into `dir` as {@link writeFilesAtomically} does, as the whole of `kind`'s data
 * there: the files an earlier output of that kind wrote there and this one does not are then
 * removed, and so is the report drawn from them there unless `reportFollows` (a new one is
 * about to replace it).
 */
export function writeOutputFolder(
  dir: string,
  kind: OutputKind,
  files: readonly OutputFile[],
  reportFollows = false,
): FolderOutput {
  makeFolder(dir);
  return withOutputLock(dir, () => {
    const written = writeFilesAtomically(dir, files);
    const names = files.map((f) => f.name);
    const entries = reportFollows ? { [kind]: names } : { [kind]: names, [`${kind} report`]: [] };
    return { written, removed: replaceOutputs(dir, entries) };
  });
}

/** New file lists for some of a folder's entries. */
export type OutputEntries = Partial<Record<OutputEntry, readonly string[]>>;

/**
 * Records that each entry of `entries` now consists of its names in `dir` (written there
 * already; another entry that listed one of them no longer does), removes the files the
 * manifest listed for those entries that are not among them, and returns the paths removed.
 * An unreadable or malformed manifest removes nothing. Call it holding the folder's lock
 * ({@link withOutputLock}).
 */
export function replaceOutputs(dir: string, entries: OutputEntries): string[] {
  const manifest = readManifest(dir);
  const kept = new Set(Object.values(entries).flat());
  const removed: string[] = [];
  for (const entry of Object.keys(entries)) {
    for (const name of manifest[entry] ?? []) {
      const path = join(dir, name);
      if (kept.has(name) || !isFile(path)) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  // A file belongs to the entry that wrote it last.
  const next: Manifest = {};
  for (const [entry, listed] of Object.entries({ ...manifest, ...entries })) {
    const own = entry in entries ? (listed ?? []) : (listed ?? []).filter((n) => !kept.has(n));
    if (own.length > 0) next[entry] = [...own];
  }
  writeFilesAtomically(dir, [
    { name: OUTPUT_MANIFEST, content: `${JSON.stringify(next, null, 2)}\n` },
  ]);
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
