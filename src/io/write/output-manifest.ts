/**
 * What each kind of output last wrote into a folder. A run writes its files over those of the
 * run before it, but a file that the earlier run wrote and this one does not (calls.csv from a
 * run with --calls, the third pacing of a comparison, a chart) would stay beside the new ones
 * as if it belonged to them. The manifest names each kind's files so that the next run of that
 * kind removes exactly those; files pacelab did not write there are never touched.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/**
 * Records that `entry` now consists of `names` in `dir` (written there already), removes the
 * files the manifest listed for it that are not among them, and returns the paths removed. An
 * unreadable or malformed manifest removes nothing.
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
  const next: Manifest = { ...manifest, [entry]: [...names] };
  if (names.length === 0) delete next[entry];
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
