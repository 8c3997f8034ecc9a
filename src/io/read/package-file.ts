/**
 * Files that ship with pacelab (rules/*.yaml, scenarios/*.yaml), read from the package root on
 * Node. The web bundle swaps this module for package-file.browser.ts, which carries the texts.
 */
import { readFileSync } from "node:fs";
import { packagePath } from "../../package-root.js";

/** A file shipped with pacelab, named by its path from the package root (`rules/us-tcpa.yaml`). */
export interface PackageFile {
  /** Where it was read from, as errors should cite it. */
  readonly path: string;
  readonly text: string;
}

/** Reads a file shipped with pacelab; a missing one is a broken install and throws. */
export function packageFile(relative: string): PackageFile {
  const path = packagePath(...relative.split("/"));
  return { path, text: readFileSync(path, "utf8") };
}
