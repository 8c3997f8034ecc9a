/**
 * Reading the files a scenario or rule set names, on Node. The web bundle swaps this module for
 * input-file.browser.ts (no file system): keep the two exporting the same functions.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { ScenarioError } from "./scenario-error.js";
import { errorText } from "./yaml-source.js";

/** Reads a text file as UTF-8; the file system's error is thrown as it is. */
export function readTextFile(path: string): string {
  return readFileSync(path, "utf8");
}

/** Reads a text input file, or throws a ScenarioError saying it expected `what`. */
export function readInputFile(path: string, what: string): string {
  try {
    return readTextFile(path);
  } catch (e) {
    throw new ScenarioError({ file: path, keyPath: "", expected: what, got: errorText(e) });
  }
}

/** Why `path` is not a readable file, or undefined when it is one. */
export function whyUnreadable(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? undefined : "not a file";
  } catch (e) {
    return errorText(e);
  }
}

/** `path` named relative to the folder `dir`: absolute as it is, else resolved against `dir`. */
export function inFolder(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

/** `path` as named inside `file`: absolute as it is, else relative to the file's folder. */
export function besideFile(file: string, path: string): string {
  return isAbsolute(path) ? path : join(dirname(file), path);
}
