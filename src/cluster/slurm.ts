import { type ClusterJob, type JobFile, resultFolder, shardFolder } from "./cluster-job.js";
import type { ShardResources } from "./resources.js";
import { shellCommand, shellQuote } from "./shell-quote.js";

/** Where the job runs and writes, as absolute paths on the cluster's shared file system. */
export interface SlurmPlaces {
  /** The folder the scripts are in, and the shards, the result and the logs under it. */
  readonly root: string;
  /** The folder each task starts in, so that relative paths read as where they were typed. */
  readonly workdir: string;
}

const HEADER = "#!/bin/bash";

function sbatchLines(name: string, resources: ShardResources, cpus: number): string[] {
  return [
    `#SBATCH --job-name=${name}`,
    `#SBATCH --cpus-per-task=${cpus}`,
    `#SBATCH --mem=${resources.memory}`,
    `#SBATCH --time=${resources.time}`,
    ...(resources.partition === undefined ? [] : [`#SBATCH --partition=${resources.partition}`]),
  ];
}

/**
 * The Slurm files of a sharded run: shards.sbatch (an array of one task per shard, each
 * running its shard from SLURM_ARRAY_TASK_ID into root/shards/ID), merge.sbatch (the merge
 * into root/result) and submit.sh, which submits the array and then the merge with
 * --dependency=afterok on it. Every path and argument is quoted for bash.
 */
export function slurmFiles(
  job: ClusterJob,
  resources: ShardResources,
  places: SlurmPlaces,
): JobFile[] {
  const { root, workdir } = places;
  const q = shellQuote;
  const task = '"$SLURM_ARRAY_TASK_ID"';
  const shards = [
    HEADER,
    `# pacelab ${job.run[0]} in ${job.shards} shards, one array task each`,
    ...sbatchLines(job.name, resources, resources.cpus),
    `#SBATCH --array=1-${job.shards}`,
    "set -euo pipefail",
    `cd ${q(workdir)}`,
    `exec ${shellCommand([...job.pacelab, ...job.run])} --shard ${task}/${job.shards} --out ${q(shardFolder(root, ""))}${task}`,
    "",
  ];
  const shardFiles = `${q(shardFolder(root, ""))}{1..${job.shards}}/${q(job.shardFile)}`;
  const merge = [
    HEADER,
    `# Joins the ${job.shards} shards into ${JSON.stringify(resultFolder(root))}`,
    ...sbatchLines(`${job.name}-merge`, resources, 1),
    "set -euo pipefail",
    `cd ${q(workdir)}`,
    `exec ${shellCommand([...job.pacelab, "merge"])} ${shardFiles} ${shellCommand(["--out", resultFolder(root), ...job.mergeOptions])}`,
    "",
  ];
  const logs = `${root}/logs`;
  // Slurm reads % in --output as a pattern (%a: the task); %% is a plain %.
  const output = (name: string) => q(`--output=${logs.replaceAll("%", "%%")}/${name}`);
  const submit = [
    HEADER,
    "# Submits the shards as a Slurm job array, then the merge, which starts once every shard",
    "# has succeeded (and is cancelled if one fails).",
    "set -euo pipefail",
    `mkdir -p ${q(logs)}`,
    // --parsable prints "jobid" or "jobid;cluster".
    `shards=$(sbatch --parsable ${output("shard-%a.out")} ${q(`${root}/shards.sbatch`)} | cut -d ';' -f 1)`,
    `merge=$(sbatch --parsable --dependency=afterok:"$shards" --kill-on-invalid-dep=yes ${output("merge.out")} ${q(`${root}/merge.sbatch`)} | cut -d ';' -f 1)`,
    `echo "shards: job $shards (${job.shards} tasks); merge: job $merge; result: "${q(resultFolder(root))}`,
    "",
  ];
  return [
    { name: "shards.sbatch", content: shards.join("\n"), mode: 0o644 },
    { name: "merge.sbatch", content: merge.join("\n"), mode: 0o644 },
    { name: "submit.sh", content: submit.join("\n"), mode: 0o755 },
  ];
}
