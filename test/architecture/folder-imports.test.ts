/**
 * The folders of src/ form layers: a folder imports only folders below it, never one that
 * imports it back, directly or through a longer loop. A subfolder (src/report/charts) counts as
 * part of its top-level folder; files directly in src/ form the folder "src".
 *
 * The layers, lowest first (a folder may import any folder in an earlier layer, none in its own
 * or a later one):
 *
 *  0. src (version, package root), calendar (days, day kinds, calling windows, local time),
 *     pacing (the pacers: nothing outside itself), sim (kernel, random streams, distributions),
 *     stats, rtp, sip, time (the one type for time scaling), cluster (Slurm scripts and
 *     Kubernetes manifests of a sharded run)
 *  1. io: read (YAML, CSV, zod building blocks, the file:line:key error) and write (CSV lines,
 *     output paths, atomic files)
 *  2. rules: rule sets as data, their schema and the built-ins
 *  3. consent: leads' consent records and the consent gate
 *  4. scenario: the scenario file, its schema, its leads file
 *  5. lookahead: the lookahead pacer's forecaster (simulated futures from an observation)
 *  6. model: the campaign model, its counters and invariants
 *  7. result: the result document of a run, with its time series
 *  8. tuning: sweeps, tuning, comparisons, replication workers
 *  9. report: text, CSV, charts and HTML of results, sweeps and tunes
 * 10. compliance (audit of call records, evidence store), endpoint (the callee side), live (the
 *     dialer on a SIP line)
 * 11. fit: fitting a scenario to call records; serve: the workbench's local web server
 * 12. web: the workbench in the browser (pages, web workers) and its bundle
 * 13. cli
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const LAYERS: readonly (readonly string[])[] = [
  ["src", "calendar", "pacing", "sim", "stats", "rtp", "sip", "time", "cluster"],
  ["io"],
  ["rules"],
  ["consent"],
  ["scenario"],
  ["lookahead"],
  ["model"],
  ["result"],
  ["tuning"],
  ["report"],
  ["compliance", "endpoint", "live"],
  ["fit", "serve"],
  ["web"],
  ["cli"],
];

/** One folder importing another, with one import that makes it so. */
interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly example: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

/** The top-level folder of src/ a path lies in ("src" for files directly in src/). */
function folderOf(path: string): string {
  const parts = relative("src", path).split(sep);
  return parts.length > 1 ? parts[0] : "src";
}

/** Every arrow between two different folders, keyed `from -> to`. */
function folderArrows(): Map<string, Arrow> {
  const arrows = new Map<string, Arrow>();
  for (const file of sourceFiles("src")) {
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles;
    for (const { fileName } of imports) {
      if (!fileName.startsWith(".")) continue;
      const target = normalize(join(dirname(file), fileName));
      const from = folderOf(file);
      const to = folderOf(target);
      const key = `${from} -> ${to}`;
      if (from !== to && !arrows.has(key)) {
        arrows.set(key, { from, to, example: `${file} imports ${fileName}` });
      }
    }
  }
  return arrows;
}

/** A loop of folders (first folder repeated at the end), or undefined when there is none. */
function findCycle(arrows: Iterable<Arrow>): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const { from, to } of arrows) next.set(from, [...(next.get(from) ?? []), to]);
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    const at = path.indexOf(folder);
    if (at >= 0) return [...path.slice(at), folder];
    if (done.has(folder)) return undefined;
    path.push(folder);
    for (const to of next.get(folder) ?? []) {
      const cycle = visit(to);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    done.add(folder);
    return undefined;
  };
  for (const folder of next.keys()) {
    const cycle = visit(folder);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/** The cycle as lines `a -> b (file imports path)`, one per arrow. */
function describeCycle(cycle: readonly string[], arrows: Map<string, Arrow>): string {
  return cycle
    .slice(1)
    .map((to, i) => {
      const arrow = arrows.get(`${cycle[i]} -> ${to}`);
      return `${cycle[i]} -> ${to} (${arrow?.example})`;
    })
    .join("\n");
}

describe("folder imports", () => {
  const arrows = folderArrows();

  it("finds a cycle when there is one, and names it", () => {
    const loop = [
      { from: "a", to: "b", example: "" },
      { from: "b", to: "c", example: "" },
      { from: "c", to: "a", example: "" },
      { from: "c", to: "d", example: "" },
    ];
    expect(findCycle(loop)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(loop.filter((a) => a.to !== "a"))).toBeUndefined();
  });

  it("form no cycle between the folders of src/", () => {
    const cycle = findCycle(arrows.values());
    expect(cycle === undefined ? "" : describeCycle(cycle, arrows)).toBe("");
  });

  it("leave pacing/ importing nothing outside itself", () => {
    const out = [...arrows.values()].filter((a) => a.from === "pacing").map((a) => a.example);
    expect(out).toEqual([]);
  });

  it("only point down the declared layers", () => {
    const layer = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
    const folders = new Set(sourceFiles("src").map(folderOf));
    expect([...folders].filter((f) => !layer.has(f))).toEqual([]);
    const upward = [...arrows.values()]
      .filter((a) => (layer.get(a.to) ?? 0) >= (layer.get(a.from) ?? 0))
      .map((a) => `${a.from} -> ${a.to} (${a.example})`);
    expect(upward).toEqual([]);
  });
});
