import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { readTextFile } from "../io/read/input-file.js";

/** Why a file was refused, with the HTTP status that says it. */
export class FolderFileError extends Error {
  override readonly name = "FolderFileError";
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `path` is `folder` or lies inside it (both absolute and resolved). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Reads a text file named relative to `root`, refusing any path that leads outside it: `..`
 * segments, absolute paths, and symbolic links pointing out (the real path is checked too).
 * Files over `maxBytes` are refused rather than read.
 */
export function readFolderFile(
  root: string,
  requested: string,
  maxBytes: number,
): { path: string; text: string } {
  if (requested === "" || requested.includes("\0")) {
    throw new FolderFileError(400, "expected a file path relative to the served folder");
  }
  if (isAbsolute(requested)) {
    throw new FolderFileError(
      403,
      `${requested}: absolute paths are refused: name a file inside ${root}`,
    );
  }
  const path = resolve(root, requested);
  if (!inside(root, path)) {
    throw new FolderFileError(403, `${requested}: outside the served folder ${root}: refused`);
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new FolderFileError(404, `${requested}: no such file in ${root}`);
  }
  if (!inside(realpathSync(root), real)) {
    throw new FolderFileError(403, `${requested}: a link leading outside ${root}: refused`);
  }
  const stats = statSync(real);
  if (!stats.isFile()) throw new FolderFileError(400, `${requested}: not a file`);
  if (stats.size > maxBytes) {
    throw new FolderFileError(
      413,
      `${requested}: ${stats.size} bytes, over the limit of ${maxBytes}`,
    );
  }
  return { path: requested, text: readTextFile(real) };
}
