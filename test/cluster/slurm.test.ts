import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputFiles } from "../support/output-files.js";
import {
  type SlurmCluster,
  slurmUnavailable,
  startSlurmCluster,
} from "../support/slurm-cluster.js";

/**
 * A 4-shard sweep submitted with the emitted scripts to a real one-node Slurm cluster started
 * here, merged by the dependent job, and checked byte for byte against one process. CI runs it
 * as root with slurm-wlm and munge installed (.ci/run); elsewhere it is skipped, saying why.
 */

const CLI = resolve("dist/src/cli/main.js");
const SWEEP = [
  ["sweep", "test/report/short-day.yaml", "-s", "pacing.inner.targetPercent=1,2,3,6"],
  ["-r", "1", "-w", "1"],
].flat();

const unavailable = slurmUnavailable();
if (unavailable !== null) console.warn(`slurm.test.ts skipped: ${unavailable} (CI runs it)`);

/** Every file in `dir`, by name, as bytes. */
function folderBytes(dir: string): Record<string, string> {
  const names = outputFiles(dir);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n)).toString("hex")]));
}

describe.skipIf(unavailable !== null)("a sweep on a real Slurm cluster", () => {
  const dir = mkdtempSync(join(tmpdir(), "pacelab-slurm-"));
  let cluster: SlurmCluster | undefined;

  beforeAll(async () => {
    cluster = await startSlurmCluster(dir);
  }, 40_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it("runs the emitted array and merge, giving the one-process sweep byte for byte", async () => {
    const env = cluster?.env as NodeJS.ProcessEnv;
    // Spaces and a % (a pattern character in Slurm log names) in the job folder.
    const job = join(dir, "a job at 50%");
    const whole = join(dir, "whole");
    // The one-process run goes on while the cluster works.
    const local = new Promise<number | null>((done) =>
      spawn(process.execPath, [CLI, ...SWEEP, "--out", whole], { stdio: "ignore" }).on(
        "exit",
        done,
      ),
    );
    const emit = spawnSync(
      process.execPath,
      [
        CLI,
        ...SWEEP,
        "--emit",
        "slurm",
        "--shards",
        "4",
        "--mem",
        "512M",
        "--time",
        "5",
        "--out",
        job,
      ],
      { encoding: "utf8" },
    );
    expect(emit.stderr).toBe("");
    expect(emit.status).toBe(0);
    const submit = spawnSync("bash", [join(job, "submit.sh")], { env, encoding: "utf8" });
    expect(submit.stderr).toBe("");
    expect(submit.stdout).toMatch(/^shards: job \d+ \(4 tasks\); merge: job \d+;/);
    const queueEmpty = () =>
      spawnSync("squeue", ["-h"], { env, encoding: "utf8" }).stdout?.trim() === "";
    const deadline = Date.now() + 45_000;
    while (!queueEmpty() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const logs = () => {
      const folder = join(job, "logs");
      const jobLogs = existsSync(folder)
        ? readdirSync(folder).map((f) => `== ${f}\n${readFileSync(join(folder, f), "utf8")}`)
        : [];
      return [...jobLogs, cluster?.logs() ?? ""].join("\n");
    };
    expect(queueEmpty(), `jobs still queued after 45 s\n${logs()}`).toBe(true);
    expect(existsSync(join(job, "result", "sweep.json")), logs()).toBe(true);
    expect(readdirSync(join(job, "shards")).sort()).toEqual(["1", "2", "3", "4"]);
    expect(readdirSync(join(job, "logs")).sort()).toEqual([
      "merge.out",
      ...["1", "2", "3", "4"].map((i) => `shard-${i}.out`),
    ]);
    expect(await local).toBe(0);
    expect(folderBytes(join(job, "result"))).toEqual(folderBytes(whole));
  }, 60_000);
});
