import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Job } from "kubernetes-models/batch/v1/Job";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../support/cli-process.js";
import { outputFiles } from "../support/output-files.js";

const CLI = resolve("dist/src/cli/main.js");
const SHORT_DAY = "test/report/short-day.yaml";
const SWEEP = ["sweep", SHORT_DAY, "-s", "pacing.inner.targetPercent=1,3,6", "-r", "2", "-w", "1"];

function run(command: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(command, args, {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const pacelab = (...args: string[]) => run(process.execPath, [CLI, ...args]);

/** Every file in `dir`, by name, as bytes. */
function folderBytes(dir: string): Record<string, string> {
  const names = outputFiles(dir);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n)).toString("hex")]));
}

/** The sweep's files from one process, which every emitted job must reproduce. */
let whole: Record<string, string>;
beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "pacelab-emit-")), "whole");
  expect((await runCli([...SWEEP, "--out", out])).code).toBe(0);
  whole = folderBytes(out);
});

describe("--emit slurm", () => {
  it("writes an array of shards and a merge that, run task by task, give the one-process sweep", () => {
    const root = mkdtempSync(join(tmpdir(), "pacelab-emit-"));
    // A folder name a shell would split, a quote that would end a quoted word, a line break
    // that would end a comment, and a % that Slurm would read in a log's name.
    const out = join(root, "it's a\njob at 50%");
    const emitted = pacelab(...SWEEP, "--emit", "slurm", "--shards", "2", "--out", out);
    expect(emitted.stderr).toBe("");
    expect(emitted.code).toBe(0);
    expect(outputFiles(out)).toEqual(["merge.sbatch", "shards.sbatch", "submit.sh"]);
    expect(statSync(join(out, "submit.sh")).mode & 0o111).not.toBe(0);
    const shards = readFileSync(join(out, "shards.sbatch"), "utf8");
    expect(shards).toContain("#SBATCH --array=1-2\n");
    expect(shards).toContain("#SBATCH --mem=4G\n#SBATCH --time=1:00:00\n");
    expect(shards).toContain(`exec ${process.execPath} ${CLI} sweep ${SHORT_DAY} `);
    const submit = readFileSync(join(out, "submit.sh"), "utf8");
    expect(submit).toMatch(/sbatch --parsable --dependency=afterok:"\$shards" /);
    for (const file of ["shards.sbatch", "merge.sbatch", "submit.sh"])
      expect(run("bash", ["-n", join(out, file)]).code, file).toBe(0);
    // What each array task and the merge job run, without the scheduler.
    for (const task of ["1", "2"]) {
      const shard = run("bash", [join(out, "shards.sbatch")], { SLURM_ARRAY_TASK_ID: task });
      expect(shard.stderr).toBe("");
      expect(shard.code).toBe(0);
    }
    const merge = run("bash", [join(out, "merge.sbatch")]);
    expect(merge.stderr).toBe("");
    expect(merge.code).toBe(0);
    expect(folderBytes(join(out, "result"))).toEqual(whole);
  });

  it("refuses what a scheduler would refuse, or a shard with nothing to do, before writing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pacelab-emit-")), "job");
    const cases: [string[], RegExp][] = [
      [["--shards", "4"], /--shards: expected at most 3 \(the points of the grid\)/],
      [["--shards", "0"], /--shards: expected a positive integer/],
      [["--shards", "2", "--mem", "4 GB"], /--mem: expected a size such as 4G/],
      [["--shards", "2", "--time", "1h"], /--time: expected minutes or \[D-\]HH:MM:SS/],
      [["--shards", "2", "--partition", "a b"], /--partition: expected a partition name/],
      [["--shards", "2", "--shard", "1/2"], /--shard: not with --emit/],
    ];
    // Each refusal is its own process; they run at once.
    const runs = await Promise.all([
      ...cases.map(([extra]) => runCli([...SWEEP, "--emit", "slurm", "--out", out, ...extra])),
      runCli([...SWEEP, "--emit", "slurm", "--shards", "2"]),
    ]);
    cases.forEach(([extra, message], i) => {
      expect(runs[i].stderr, extra.join(" ")).toMatch(message);
      expect(runs[i].code, extra.join(" ")).toBe(2);
    });
    expect(runs[cases.length].stderr).toMatch(/needs --out/);
    expect(() => readdirSync(out)).toThrow();
  });
});

describe("--emit kubernetes", () => {
  const emit = (out: string, ...extra: string[]) =>
    pacelab(...SWEEP, "--emit", "kubernetes", "--shards", "3", "--out", out, ...extra);

  it("writes an Indexed Job and a merge Job that the Kubernetes API schema accepts", () => {
    const out = join(mkdtempSync(join(tmpdir(), "pacelab-emit-")), "k8s");
    const r = emit(
      out,
      "--image",
      "registry.example/pacelab:1",
      "--pvc",
      "runs",
      "--parallelism",
      "2",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const shards = parse(readFileSync(join(out, "shards-job.yaml"), "utf8"));
    const merge = parse(readFileSync(join(out, "merge-job.yaml"), "utf8"));
    for (const doc of [shards, merge]) expect(() => new Job(doc).validate()).not.toThrow();
    expect(shards.spec).toMatchObject({
      completionMode: "Indexed",
      completions: 3,
      parallelism: 2,
    });
    const pod = shards.spec.template.spec;
    expect(pod.volumes).toEqual([
      { name: "results", persistentVolumeClaim: { claimName: "runs" } },
    ]);
    expect(pod.containers[0].image).toBe("registry.example/pacelab:1");
    expect(pod.containers[0].command[2]).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))"/3');
    expect(merge.spec.template.spec.containers[0].command[2]).toContain("exec pacelab merge");
    // The check can fail: a manifest with a wrong field value is refused.
    const broken = { ...shards, spec: { ...shards.spec, completionMode: "indexed" } };
    expect(() => new Job(broken).validate()).toThrow(/completionMode/);
  });

  it("runs, pod by pod, to the one-process sweep", () => {
    const root = mkdtempSync(join(tmpdir(), "pacelab-emit-"));
    const mount = join(root, "volume");
    mkdirSync(join(mount, "test/report"), { recursive: true });
    copyFileSync(SHORT_DAY, join(mount, SHORT_DAY));
    // The image's pacelab, on this machine.
    const bin = join(root, "pacelab");
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const out = join(root, "manifests");
    expect(emit(out, "--image", "x", "--mount", mount, "--pacelab", bin).code).toBe(0);
    const container = (file: string) =>
      parse(readFileSync(join(out, file), "utf8")).spec.template.spec.containers[0];
    const shard = container("shards-job.yaml");
    for (const index of ["0", "1", "2"]) {
      const r = spawnSync(shard.command[0], shard.command.slice(1), {
        cwd: shard.workingDir,
        env: { ...process.env, JOB_COMPLETION_INDEX: index },
      });
      expect(r.status).toBe(0);
    }
    const merge = container("merge-job.yaml");
    expect(spawnSync(merge.command[0], merge.command.slice(1), { cwd: mount }).status).toBe(0);
    expect(run("sh", ["-n", join(out, "submit.sh")]).code).toBe(0);
    const result = join(mount, "pacelab-sweep-manifests", "result");
    expect(folderBytes(result)).toEqual(whole);
  });

  it("needs the image", () => {
    const r = emit(join(mkdtempSync(join(tmpdir(), "pacelab-emit-")), "k"));
    expect(r.stderr).toMatch(/--image: name the container image/);
    expect(r.code).toBe(2);
  });
});
