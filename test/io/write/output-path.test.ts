/**
 * Output paths: folders made one level at a time (failing at once where Node's recursive mkdir
 * loops), checks that leave nothing behind, and atomic writes that leave no temporary file when
 * a rename fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioError } from "../../../src/io/read/scenario-error.js";
import {
  checkOutputFile,
  checkOutputFolder,
  makeFolder,
} from "../../../src/io/write/output-path.js";
import { writeFilesAtomically } from "../../../src/io/write/write-files.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-output-path-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(check: () => void): ScenarioError {
  try {
    check();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error("expected the check to refuse the path");
}

describe("makeFolder", () => {
  it("makes the missing levels and says which", () => {
    const deep = join(dir, "a", "b", "c");
    expect(makeFolder(deep)).toEqual([join(dir, "a"), join(dir, "a", "b"), deep]);
    expect(makeFolder(deep)).toEqual([]);
  });

  it.runIf(existsSync("/proc/self"))("fails at once where folders cannot be made", () => {
    expect(() => makeFolder("/proc/x/y")).toThrow(/ENOENT/);
  });
});

describe("checkOutputFolder", () => {
  it("passes a folder that can be made, and leaves it unmade", () => {
    checkOutputFolder("--out", join(dir, "fresh", "deeper"));
    expect(existsSync(join(dir, "fresh"))).toBe(false);
  });

  it("passes an existing folder and leaves no probe in it", () => {
    const folder = join(dir, "existing");
    mkdirSync(folder);
    checkOutputFolder("--out", folder);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("names the option, the path and the reason", () => {
    const file = join(dir, "plain.txt");
    writeFileSync(file, "x");
    expect(refusal(() => checkOutputFolder("--out", file)).message).toBe(
      `--out: expected a folder pacelab can write into, got ${JSON.stringify(file)}: a file, not a folder`,
    );
    const under = join(file, "sub");
    expect(refusal(() => checkOutputFolder("--report", under)).message).toContain(
      `got ${JSON.stringify(under)}: a file is in the way (mkdir ${under})`,
    );
  });
});

describe("checkOutputFile", () => {
  it("refuses a folder, or a path ending in a slash", () => {
    expect(refusal(() => checkOutputFile("--out", dir)).got).toContain("a folder, not a file");
    const slash = `${join(dir, "nothing-yet")}/`;
    expect(refusal(() => checkOutputFile("--out", slash)).got).toContain("a folder, not a file");
  });

  it("names the folder that cannot hold it", () => {
    const file = join(dir, "plain2.txt");
    writeFileSync(file, "x");
    const e = refusal(() => checkOutputFile("--evidence", join(file, "e.sqlite")));
    expect(e.got).toContain(`its folder ${JSON.stringify(file)}: a file, not a folder`);
  });

  it("passes a new file in a folder that can be made, making nothing", () => {
    checkOutputFile("--out", join(dir, "later", "x.yaml"));
    expect(existsSync(join(dir, "later"))).toBe(false);
  });
});

describe("writeFilesAtomically", () => {
  it("leaves no temporary file when a rename fails", () => {
    const out = join(dir, "atomic");
    mkdirSync(join(out, "taken"), { recursive: true });
    expect(() =>
      writeFilesAtomically(out, [
        { name: "first.txt", content: "1" },
        { name: "taken", content: "2" },
      ]),
    ).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the output check in several threads of one process", () => {
  it("never trips over another thread's probe in the same folder", async () => {
    // Worker threads share one process id: a probe named after it alone was created by one
    // thread and removed by another, and the check then failed with ENOENT (seen in the fuzz
    // test's audit workers).
    const { Worker } = await import("node:worker_threads");
    const module = new URL("../../../dist/src/io/write/output-path.js", import.meta.url).href;
    const folder = join(dir, "shared");
    mkdirSync(folder);
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(workerData.module).then(({ checkOutputFile }) => {
        let failures = 0;
        for (let i = 0; i < 3000; i++) {
          try { checkOutputFile("--out", workerData.file); } catch { failures++; }
        }
        parentPort.postMessage(failures);
      });`;
    const failures = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(source, {
              eval: true,
              workerData: { module, file: join(folder, "out.csv") },
            });
            worker.once("message", (n: number) => {
              resolve(n);
              void worker.terminate();
            });
            worker.once("error", reject);
          }),
      ),
    );
    expect(failures).toEqual([0, 0, 0, 0]);
    expect(readdirSync(folder)).toEqual([]);
  });
});
