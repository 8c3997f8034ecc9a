import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { makeFolder } from "./output-path.js";

/** A file to write: its name inside the output folder and its content, whole or in chunks. */
export interface OutputFile {
  readonly name: string;
  readonly content: string | Iterable<string>;
  /** Permissions (less the umask), e.g. 0o755 for a script; 0o666 by default. */
  readonly mode?: number;
}

/**
 * Writes every file into `dir` so that none is ever seen half-written: each goes to a temporary
 * name first, and only when all are complete are they renamed into place. On failure (a
 * rename too, e.g. onto a folder) no temporary file stays behind.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  makeFolder(dir);
  const temps: string[] = [];
  try {
    for (const file of files) {
      const temp = join(dir, `.${file.name}.${process.pid}.tmp`);
      temps.push(temp);
      const fd = openSync(temp, "w", file.mode);
      try {
        if (typeof file.content === "string") writeSync(fd, file.content);
        else writeChunks(fd, file.content);
      } finally {
        closeSync(fd);
      }
    }
    return files.map((file, i) => {
      const target = join(dir, file.name);
      renameSync(temps[i], target);
      return target;
    });
  } finally {
    // After the renames none of these exist any more: force ignores them.
    for (const temp of temps) rmSync(temp, { force: true });
  }
}

// Batches small chunks (CSV lines) into ~1 MiB writes.
function writeChunks(fd: number, chunks: Iterable<string>): void {
  let buffer: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    buffer.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      writeSync(fd, buffer.join(""));
      buffer = [];
      size = 0;
    }
  }
  if (size > 0) writeSync(fd, buffer.join(""));
}
