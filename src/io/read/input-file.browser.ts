/**
 * The browser's stand-in for input-file.ts: a page has no file system, only the files bundled
 * with it (package-file.browser.ts). A scenario opened from the bundle reads its leads file as
 * the CLI would; any other file a scenario names is not readable, and the error says why.
 */
import { BUNDLED_FILES } from "./package-file.browser.js";
import { ScenarioError } from "./scenario-error.js";

const NO_FILES =
  "not readable in the browser (only the bundled scenarios' files are: give leads as a count)";

/** A bundled file's text; any other path throws. */
export function readTextFile(path: string): string {
  const text = BUNDLED_FILES[path];
  if (text === undefined) throw new Error(`${path}: ${NO_FILES}`);
  return text;
}

/** A bundled file's text, or a ScenarioError saying it expected `what`. */
export function readInputFile(path: string, what: string): string {
  const text = BUNDLED_FILES[path];
  if (text === undefined) {
    throw new ScenarioError({ file: path, keyPath: "", expected: what, got: NO_FILES });
  }
  return text;
}

/** Why `path` is not a bundled file, or undefined when it is one. */
export function whyUnreadable(path: string): string | undefined {
  return BUNDLED_FILES[path] === undefined ? NO_FILES : undefined;
}

/** `path` named relative to the folder `dir`: from the root as it is, else joined to `dir`. */
export function inFolder(dir: string, path: string): string {
  return besideFile(`${dir}/`, path);
}

/** `path` as named inside `file`: from the root as it is, else relative to the file's folder. */
export function besideFile(file: string, path: string): string {
  if (path.startsWith("/")) return path;
  const parts = file.split("/").slice(0, -1);
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}
