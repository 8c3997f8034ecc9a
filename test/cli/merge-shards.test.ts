import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, type ExpectStatic, it } from "vitest";
import { runCli } from "../support/cli-process.js";
import { outputFiles } from "../support/output-files.js";

const newRoot = () => mkdtempSync(join(tmpdir(), "pacelab-merge-"));

/** A CLI run of up to two minutes (the study runs long on a loaded machine). */
const pacelab = (...args: string[]) => runCli(args, { timeoutMs: 120_000 });

/** Every file in `dir`, by name, as bytes. */
function folderBytes(dir: string): Record<string, string> {
  const names = outputFiles(dir);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n)).toString("hex")]));
}

/**
 * Runs `run` whole into one folder and as `count` shards at the same time (separate processes),
 * then merges the shards (given in reverse order) into another; returns both folders' files and
 * the shard files.
 */
async function wholeAndMerged(
  expect: ExpectStatic,
  root: string,
  run: readonly string[],
  shardFile: string,
  count: number,
) {
  const order = Array.from({ length: count }, (_, k) => count - k);
  const shards = order.map((i) => join(root, `shard-${i}`, shardFile));
  const [whole, ...parts] = await Promise.all([
    pacelab(...run, "--out", join(root, "whole")),
    ...order.map((i) =>
      pacelab(...run, "--shard", `${i}/${count}`, "--out", join(root, `shard-${i}`)),
    ),
  ]);
  expect(whole.stderr.match(/^pacelab: (?!warning).*/m)).toBeNull();
  expect(whole.code).toBe(0);
  expect(parts.map((r) => r.code)).toEqual(order.map(() => 0));
  const merged = await pacelab("merge", ...shards, "--out", join(root, "merged"));
  expect(merged.stderr).toBe("");
  expect(merged.code).toBe(0);
  return {
    whole: folderBytes(join(root, "whole")),
    merged: folderBytes(join(root, "merged")),
    shards,
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

// The three kinds run at once, each in its own folders and processes.
describe.concurrent("merge of sweep, study and compare shards", () => {
  it("gives a sweep's files byte for byte as one process does", async ({ expect }) => {
    const { whole, merged } = await wholeAndMerged(expect, newRoot(), SWEEP, "sweep.json", 2);
    expect(Object.keys(merged)).toEqual(["sweep.csv", "sweep.json"]);
    expect(merged).toEqual(whole);
  });

  it("gives a study's files byte for byte as one process does, and refuses a missing shard", async ({
    expect,
  }) => {
    const { whole, merged, shards } = await wholeAndMerged(
      expect,
      newRoot(),
      STUDY,
      "study-shard.json",
      3,
    );
    expect(Object.keys(merged)).toEqual(["study.csv", "study.json"]);
    expect(merged).toEqual(whole);
    // The shards are listed 3, 2, 1.
    const [missing, twice] = await Promise.all([
      pacelab("merge", shards[0], shards[2]),
      pacelab("merge", shards[1], shards[0], shards[1]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${shards[0]}: shard: expected all 3 shards, got no shard 2/3`,
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      `${shards[1]}: shard.index: expected each shard once; 2 is also in ${shards[1]}`,
    );
  });

  it("gives a compare's files byte for byte as one process does, and refuses shards of two runs", async ({
    expect,
  }) => {
    const root = newRoot();
    const other = join(root, "other");
    const sweepShard = join(root, "sweep-shard");
    // A shard of the same compare with another seed, and a sweep's shard, made alongside.
    const foreign = Promise.all([
      pacelab(...COMPARE, "--seed", "9", "--shard", "1/2", "--out", other),
      pacelab(...SWEEP, "--shard", "1/2", "--out", sweepShard),
    ]);
    const { whole, merged, shards } = await wholeAndMerged(
      expect,
      root,
      COMPARE,
      "compare-shard.json",
      2,
    );
    expect(Object.keys(merged)).toEqual([
      "01-progressive.json",
      "02-vicidial-ratio-level-2.json",
      "03-binomial.json",
    ]);
    expect(merged).toEqual(whole);
    const [otherRun, sweepRun] = await foreign;
    expect([otherRun.code, sweepRun.code]).toEqual([0, 0]);
    const [mixed, kinds] = await Promise.all([
      pacelab("merge", shards[0], join(other, "compare-shard.json")),
      pacelab("merge", shards[0], join(sweepShard, "sweep.json")),
    ]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      `${join(other, "compare-shard.json")}: seed: expected the same seed as ${shards[0]}`,
    );
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain(
      `${join(sweepShard, "sweep.json")}: expected a shard of a compare, as ${shards[0]}, got a shard of a sweep`,
    );
  });
});
