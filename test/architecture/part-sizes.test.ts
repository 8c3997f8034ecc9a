import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** The campaign model and the live runner stay in parts a reader can hold (issue 17). */
const FOLDERS = ["src/model", "src/live"];
const MOST_FILE_LINES = 400;
const MOST_FUNCTION_LINES = 80;

function sources(): { path: string; text: string }[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(folder, name))
      .map((path) => ({ path, text: readFileSync(path, "utf8") })),
  );
}

/** Every function, method, constructor, accessor and arrow in `text` longer than `most` lines. */
function longFunctions(path: string, text: string, most: number): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const long: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > most) long.push(`${path}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return long;
}

describe("the model's and the live runner's parts", () => {
  const files = sources();

  it("are files of at most 400 lines", () => {
    const long = files
      .map(({ path, text }) => ({ path, lines: text.split("\n").length - 1 }))
      .filter(({ lines }) => lines > MOST_FILE_LINES)
      .map(({ path, lines }) => `${path} (${lines} lines)`);
    expect(files.length).toBeGreaterThan(20);
    expect(long).toEqual([]);
  });

  it("have no function over 80 lines", () => {
    expect(longFunctions("x.ts", "function f() {\n\n\n}\n", 3)).toEqual(["x.ts:1 (4 lines)"]);
    expect(
      files.flatMap(({ path, text }) => longFunctions(path, text, MOST_FUNCTION_LINES)),
    ).toEqual([]);
  });
});
