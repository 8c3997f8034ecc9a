/**
 * The output manifest: a kind's earlier files that a new output of that kind does not write
 * again are removed, and nothing else is: not another kind's, not the user's, not what a
 * damaged or edited manifest names outside the folder. The folder's lock keeps two runs from
 * writing there at once.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioError } from "../../../src/io/read/scenario-error.js";
import { OUTPUT_LOCK } from "../../../src/io/write/output-lock.js";
import {
  OUTPUT_MANIFEST,
  replaceOutputs,
  writeOutputFolder,
} from "../../../src/io/write/output-manifest.js";
import { checkOutputFolder } from "../../../src/io/write/output-path.js";

const root = mkdtempSync(join(tmpdir(), "pacelab-output-manifest-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
const folder = () => join(root, `f${folders++}`);
const files = (...names: string[]) => names.map((name) => ({ name, content: `${name}\n` }));
const listing = (dir: string) => readdirSync(dir).sort();

describe("writeOutputFolder", () => {
  it("removes the files of the kind's earlier output that it does not write again", () => {
    const dir = folder();
    writeOutputFolder(dir, "result", files("result.json", "timeseries.csv", "calls.csv"));
    writeFileSync(join(dir, "notes.txt"), "the user's own\n");
    const output = writeOutputFolder(dir, "result", files("result.json", "timeseries.csv"));
    expect(output.written).toEqual([join(dir, "result.json"), join(dir, "timeseries.csv")]);
    expect(output.removed).toEqual([join(dir, "calls.csv")]);
    expect(listing(dir)).toEqual([OUTPUT_MANIFEST, "notes.txt", "result.json", "timeseries.csv"]);
  });

  it("leaves another kind's files alone", () => {
    const dir = folder();
    writeOutputFolder(dir, "tune", files("tune.json"));
    writeOutputFolder(dir, "sweep", files("sweep.json", "sweep.csv"));
    const output = writeOutputFolder(dir, "sweep", files("sweep.json"));
    expect(output.removed).toEqual([join(dir, "sweep.csv")]);
    expect(existsSync(join(dir, "tune.json"))).toBe(true);
  });

  it("removes the report drawn from the data unless a new one follows", () => {
    const dir = folder();
    writeOutputFolder(dir, "compare", files("01-a.json"), true);
    replaceOutputs(dir, { "compare report": ["report.html", "frontier.svg"] });
    for (const name of ["report.html", "frontier.svg"]) writeFileSync(join(dir, name), "");
    // A new report follows: the old one stays for it to replace.
    expect(writeOutputFolder(dir, "compare", files("01-a.json"), true).removed).toEqual([]);
    expect(existsSync(join(dir, "report.html"))).toBe(true);
    // None follows: the old one describes data that are gone.
    const output = writeOutputFolder(dir, "compare", files("01-b.json"));
    expect(output.removed.sort()).toEqual(
      ["01-a.json", "frontier.svg", "report.html"].map((n) => join(dir, n)),
    );
    expect(JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), "utf8"))).toEqual({
      compare: ["01-b.json"],
    });
  });
});

describe("replaceOutputs", () => {
  it("removes nothing when the manifest is damaged, and starts it over", () => {
    const dir = folder();
    writeOutputFolder(dir, "result", files("result.json", "calls.csv"));
    writeFileSync(join(dir, OUTPUT_MANIFEST), "{ not json");
    expect(replaceOutputs(dir, { result: ["result.json"] })).toEqual([]);
    expect(existsSync(join(dir, "calls.csv"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), "utf8"))).toEqual({
      result: ["result.json"],
    });
  });

  it("never removes what an edited manifest names outside the folder, or a folder", () => {
    const dir = folder();
    writeOutputFolder(dir, "result", files("result.json"));
    const outside = join(root, "outside.txt");
    writeFileSync(outside, "not pacelab's\n");
    writeFileSync(
      join(dir, OUTPUT_MANIFEST),
      JSON.stringify({ result: ["../outside.txt"], tune: ["sub"] }),
    );
    rmSync(join(dir, "result.json"));
    writeOutputFolder(join(dir, "sub"), "tune", files("tune.json"));
    expect(replaceOutputs(dir, { result: [] })).toEqual([]);
    expect(replaceOutputs(dir, { tune: [] })).toEqual([]);
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(join(dir, "sub", "tune.json"))).toBe(true);
  });
});

describe("the folder's lock", () => {
  it("refuses a run while another live process writes there, and writes nothing", () => {
    const dir = folder();
    writeOutputFolder(dir, "tune", files("tune.json"));
    // This test's own process stands for the other run.
    writeFileSync(join(dir, OUTPUT_LOCK), `${process.pid}\n`);
    let refused: unknown;
    try {
      writeOutputFolder(dir, "result", files("result.json"));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ScenarioError);
    expect((refused as Error).message).toContain(`process ${process.pid} is writing there`);
    expect(existsSync(join(dir, "result.json"))).toBe(false);
    // The check before any work says the same.
    expect(() => checkOutputFolder("--out", dir)).toThrow(/is writing there/);
    rmSync(join(dir, OUTPUT_LOCK));
    expect(() => checkOutputFolder("--out", dir)).not.toThrow();
  });

  it("takes over a lock whose process has ended, and lets go after writing", () => {
    const dir = folder();
    writeOutputFolder(dir, "tune", files("tune.json"));
    const ended = spawnSync(process.execPath, ["-e", ""]).pid as number;
    writeFileSync(join(dir, OUTPUT_LOCK), `${ended}\n`);
    writeOutputFolder(dir, "result", files("result.json"));
    expect(existsSync(join(dir, "result.json"))).toBe(true);
    expect(existsSync(join(dir, OUTPUT_LOCK))).toBe(false);
  });

  it("gives each file to the kind that wrote it last", () => {
    const dir = folder();
    writeOutputFolder(dir, "sweep", files("sweep.json", "shared.csv"));
    writeOutputFolder(dir, "tune", files("tune.json", "shared.csv"));
    // The sweep's next run no longer owns shared.csv: the tune's stays.
    expect(writeOutputFolder(dir, "sweep", files("sweep.json")).removed).toEqual([]);
    expect(existsSync(join(dir, "shared.csv"))).toBe(true);
    expect(writeOutputFolder(dir, "tune", files("tune.json")).removed).toEqual([
      join(dir, "shared.csv"),
    ]);
  });
});
