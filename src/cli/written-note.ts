import type { FolderOutput } from "../io/write/output-manifest.js";

/** The lines printed after a folder's output is written: what it wrote, and what it removed. */
export function writtenNote(output: FolderOutput): string {
  return `wrote ${output.written.join(", ")}\n${removedNote(output)}`;
}

/**
 * The line naming the files an output removed (an earlier run of its kind wrote them into the
 * folder and this one did not), or "" when it removed none.
 */
export function removedNote({ removed }: FolderOutput): string {
  if (removed.length === 0) return "";
  const them = removed.length === 1 ? "it" : "them";
  return `removed ${removed.join(", ")}: an earlier run wrote ${them} there and this one did not\n`;
}
