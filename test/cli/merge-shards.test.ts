import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/src/cli/main.js");

function pacelab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file in `dir`, by name, as bytes. */
function folderBytes(dir: string): Record<string, string> {
  const names = readdirSync(dir).sort();
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n)).toString("hex")]));
}

/**
 * Runs `run` whole into one folder, then as `count` shards merged (given in reverse order) into
 * another; returns both folders' files and the shard files.
 */
function wholeAndMerged(run: readonly string[], shardFile: string, count: number) {
  const root = mkdtempSync(join(tmpdir(), "pacelab-merge-"));
  const whole = pacelab(...run, "--out", join(root, "whole"));
  expect(whole.stderr.match(/^pacelab: (?!warning).*/m)).toBeNull();
  expect(whole.code).toBe(0);
  const shards: string[] = [];
  for (let i = count; i >= 1; i--) {
    const out = join(root, `shard-${i}`);
    expect(pacelab(...run, "--shard", `${i}/${count}`, "--out", out).code).toBe(0);
    shards.push(join(out, shardFile));
  }
  const merged = pacelab("merge", ...shards, "--out", join(root, "merged"));
  expect(merged.stderr).toBe("");
  expect(merged.code).toBe(0);
  return {
    whole: folderBytes(join(root, "whole")),
    merged: folderBytes(join(root, "merged")),
    shards,
    root,
  };
}

/** A 90-minute day of 20 agents. */
const SHORT_DAY = "test/report/short-day.yaml";
const SWEEP = ["sweep", SHORT_DAY, "-s", "pacing.inner.targetPercent=1,3,6", "-r", "2", "-w", "1"];
const STUDY = [
  ["study", "small-teams", "--sizes", "2,3", "--pacings", "progressive,vicidial-ratio,binomial"],
  ["--batch", "4", "--max-replications", "8", "--confidence", "0.5", "-w", "1"],
].flat();
const COMPARE = [
  ["compare", SHORT_DAY, "-p", "progressive,vicidial-ratio:level=2,binomial"],
  ["-r", "2"],
].flat();

describe("merge of sweep, study and compare shards", () => {
  it("gives a sweep's files byte for byte as one process does", () => {
    const { whole, merged } = wholeAndMerged(SWEEP, "sweep.json", 2);
    expect(Object.keys(merged)).toEqual(["sweep.csv", "sweep.json"]);
    expect(merged).toEqual(whole);
  });

  it("gives a study's files byte for byte as one process does, and refuses a missing shard", () => {
    const { whole, merged, shards } = wholeAndMerged(STUDY, "study-shard.json", 3);
    expect(Object.keys(merged)).toEqual(["study.csv", "study.json"]);
    expect(merged).toEqual(whole);
    // The shards are listed 3, 2, 1.
    const missing = pacelab("merge", shards[0], shards[2]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${shards[0]}: shard: expected all 3 shards, got no shard 2/3`,
    );
    const twice = pacelab("merge", shards[1], shards[0], shards[1]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      `${shards[1]}: shard.index: expected each shard once; 2 is also in ${shards[1]}`,
    );
  });

  it("gives a compare's files byte for byte as one process does, and refuses shards of two runs", () => {
    const { whole, merged, shards, root } = wholeAndMerged(COMPARE, "compare-shard.json", 2);
    expect(Object.keys(merged)).toEqual([
      "01-progressive.json",
      "02-vicidial-ratio-level-2.json",
      "03-binomial.json",
    ]);
    expect(merged).toEqual(whole);
    const other = join(root, "other");
    expect(pacelab(...COMPARE, "--seed", "9", "--shard", "1/2", "--out", other).code).toBe(0);
    const mixed = pacelab("merge", shards[0], join(other, "compare-shard.json"));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      `${join(other, "compare-shard.json")}: seed: expected the same seed as ${shards[0]}`,
    );
    const sweepShard = join(root, "sweep-shard");
    expect(pacelab(...SWEEP, "--shard", "1/2", "--out", sweepShard).code).toBe(0);
    const kinds = pacelab("merge", shards[0], join(sweepShard, "sweep.json"));
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain(
      `${join(sweepShard, "sweep.json")}: expected a shard of a compare, as ${shards[0]}, got a shard of a sweep`,
    );
  });
});
