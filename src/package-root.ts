import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, URL } from "node:url";

// Sources run from src/ (tests) and compiled from dist/src/: find the package upwards.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pacelab")
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("pacelab's package.json not found above its sources");
    dir = up;
  }
}

/** The folder holding pacelab's package.json. */
export const PACKAGE_ROOT = findRoot();

/** The bundled default scenario, found from any working folder. */
export const DEFAULT_SCENARIO = join(PACKAGE_ROOT, "scenarios", "default.yaml");

/** A path inside the package, e.g. `packagePath("scenarios", "default.yaml")`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/**
 * A worker thread's script: the compiled file beside the calling module, so that a build's
 * threads always run that same build (a copy of dist/ elsewhere included), or the package's
 * build of it (`builtParts`, e.g. "dist", "src", "tuning", "worker.js") when the caller runs
 * from sources, as under the tests.
 */
export function workerScript(callerUrl: string, ...builtParts: string[]): string {
  const beside = fileURLToPath(new URL(basename(join(...builtParts)), callerUrl));
  return existsSync(beside) ? beside : packagePath(...builtParts);
}

/**
 * The workbench's built files (dist/web/app) of the build a command of src/cli belongs to: the
 * folder beside its compiled module in dist/src/cli, so that a copy of dist/ serves its own
 * pages, or the package's build when the command runs from sources.
 */
export function webAppFolder(cliModuleUrl: string): string {
  const beside = fileURLToPath(new URL("../../web/app", cliModuleUrl));
  return existsSync(beside) ? beside : packagePath("dist", "web", "app");
}
