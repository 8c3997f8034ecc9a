import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FolderFileError, readFolderFile } from "../../src/serve/folder-file.js";

/** A served folder with a file inside, a secret beside it and a link pointing out. */
function folder() {
  const top = mkdtempSync(join(tmpdir(), "pacelab-serve-"));
  const root = join(top, "root");
  mkdirSync(join(root, "scenarios"), { recursive: true });
  writeFileSync(join(root, "scenarios", "a.yaml"), "name: a\n");
  writeFileSync(join(top, "secret.txt"), "secret\n");
  symlinkSync(join(top, "secret.txt"), join(root, "link.txt"));
  return { top, root };
}

function refusal(read: () => unknown): { status: number; message: string } {
  try {
    read();
  } catch (e) {
    if (e instanceof FolderFileError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("reading a file of the served folder", () => {
  const { top, root } = folder();

  it("reads a file inside the folder by its relative path", () => {
    expect(readFolderFile(root, "scenarios/a.yaml", 1000)).toEqual({
      path: "scenarios/a.yaml",
      text: "name: a\n",
    });
  });

  it("refuses .. out of the folder, an absolute path and a link leading out, saying why", () => {
    expect(refusal(() => readFolderFile(root, "../secret.txt", 1000))).toEqual({
      status: 403,
      message: `../secret.txt: outside the served folder ${root}: refused`,
    });
    expect(refusal(() => readFolderFile(root, "scenarios/../../secret.txt", 1000)).status).toBe(
      403,
    );
    expect(refusal(() => readFolderFile(root, join(top, "secret.txt"), 1000)).message).toMatch(
      /absolute paths are refused/,
    );
    expect(refusal(() => readFolderFile(root, "link.txt", 1000)).message).toBe(
      `link.txt: a link leading outside ${root}: refused`,
    );
  });

  it("refuses a file over the size limit, a folder and a missing file", () => {
    expect(refusal(() => readFolderFile(root, "scenarios/a.yaml", 4))).toEqual({
      status: 413,
      message: "scenarios/a.yaml: 8 bytes, over the limit of 4",
    });
    expect(refusal(() => readFolderFile(root, "scenarios", 1000)).status).toBe(400);
    expect(refusal(() => readFolderFile(root, "nothing.yaml", 1000)).status).toBe(404);
  });
});
