/**
 * --emit slurm|kubernetes on sweep, study and compare: instead of running, write the scripts
 * (or manifests) that run the command as --shards shards on a cluster and merge them.
 */
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Argv } from "yargs";
import { type ClusterJob, resultFolder, shardFolder } from "../cluster/cluster-job.js";
import { kubernetesFiles } from "../cluster/kubernetes.js";
import { isSlurmMemory, isSlurmTime, type ShardResources } from "../cluster/resources.js";
import { slurmFiles } from "../cluster/slurm.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { writeOutputFolder } from "../io/write/output-manifest.js";
import { checkOutputFolder } from "../io/write/output-path.js";
import type { Print } from "./command-module.js";
import { writtenNote } from "./written-note.js";

const PULL_POLICIES = ["IfNotPresent", "Always", "Never"] as const;

/** The options --emit brings, grouped in each command's help. */
export const EMIT_OPTIONS = {
  emit: {
    choices: ["slurm", "kubernetes"] as const,
    describe:
      "Do not run: write into --out the files that run this on a cluster as --shards shards and merge them (docs/cluster.md): slurm, a job array and a dependent merge job; kubernetes, an Indexed Job and a merge Job",
  },
  shards: { type: "number", describe: "With --emit: how many shards (array tasks, pod indexes)" },
  cpus: {
    type: "number",
    default: 1,
    describe: "CPUs per shard; each shard runs that many worker threads (unless --workers)",
  },
  mem: {
    type: "string",
    default: "4G",
    describe: "Memory per shard, as Slurm's --mem (K, M, G, T; on Kubernetes 4G is 4Gi)",
  },
  time: {
    type: "string",
    default: "1:00:00",
    describe: "Slurm: time limit per task, as its --time (minutes, [D-]HH:MM:SS)",
  },
  partition: { type: "string", describe: "Slurm: the partition (default: the cluster's)" },
  "job-name": {
    type: "string",
    describe: "The job's name (default: pacelab-<command>-<--out folder's name>)",
  },
  pacelab: {
    type: "string",
    describe:
      "pacelab as the cluster runs it (default: Slurm, this node and this install's main.js by absolute path; Kubernetes, pacelab on the image's PATH)",
  },
  image: {
    type: "string",
    describe: "Kubernetes: the container image with pacelab installed (needed)",
  },
  "image-pull-policy": { choices: PULL_POLICIES, default: "IfNotPresent" as const },
  pvc: {
    type: "string",
    default: "pacelab-results",
    describe:
      "Kubernetes: the PersistentVolumeClaim (ReadWriteMany) every pod mounts; the scenario must be on it, at its path from --mount",
  },
  mount: {
    type: "string",
    default: "/data",
    describe: "Kubernetes: where the claim is mounted; pods start there and write under it",
  },
  parallelism: {
    type: "number",
    describe: "Kubernetes: pods running at once (default: every shard)",
  },
} as const;

/** Adds the --emit options to a command, in their own help group. */
export function withEmitOptions<T>(y: Argv<T>) {
  return (
    y
      .options(EMIT_OPTIONS)
      // Named first so that the command's own options come before the cluster's in --help.
      .group([], "Options:")
      .group(Object.keys(EMIT_OPTIONS), "Cluster (with --emit):")
      .check((argv) => {
        checkEmitOptions(argv as unknown as EmitArgv);
        return true;
      })
  );
}

/** The --emit options as yargs parses them, with the ones they must not meet. */
export interface EmitArgv {
  readonly emit?: "slurm" | "kubernetes";
  readonly shards?: number;
  readonly cpus: number;
  readonly mem: string;
  readonly time: string;
  readonly partition?: string;
  readonly jobName?: string;
  readonly pacelab?: string;
  readonly image?: string;
  readonly imagePullPolicy: (typeof PULL_POLICIES)[number];
  readonly pvc: string;
  readonly mount: string;
  readonly parallelism?: number;
  readonly out?: string;
  readonly shard?: string;
  readonly json?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/;

// The yargs check: each value in the form its scheduler takes, said before anything is written.
function checkEmitOptions(argv: EmitArgv): void {
  const positive = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1);
  if (argv.emit === undefined) {
    if (argv.shards !== undefined) throw new Error("--shards: only with --emit slurm|kubernetes");
    return;
  }
  const problems: [boolean, string][] = [
    [argv.shards === undefined || !positive(argv.shards), "--shards: expected a positive integer"],
    [argv.out === undefined, "--emit: needs --out DIR, the folder to write the job's files into"],
    [argv.shard !== undefined, "--shard: not with --emit, which gives each task its shard"],
    [argv.json === true, "--json: not with --emit, which writes files"],
    [!positive(argv.cpus), `--cpus: expected a positive integer, got ${argv.cpus}`],
    [!isSlurmMemory(argv.mem), `--mem: expected a size such as 4G or 512M, got ${argv.mem}`],
    [!isSlurmTime(argv.time), `--time: expected minutes or [D-]HH:MM:SS, got ${argv.time}`],
    [
      argv.partition !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(argv.partition),
      `--partition: expected a partition name, got ${argv.partition}`,
    ],
    [
      argv.jobName !== undefined && !DNS_LABEL.test(argv.jobName),
      `--job-name: expected lower-case letters, digits and '-', at most 50, got ${argv.jobName}`,
    ],
    [
      argv.emit === "kubernetes" && (argv.image === undefined || argv.image.trim() === ""),
      "--image: name the container image that has pacelab installed",
    ],
    [
      !/^\/[A-Za-z0-9_./-]*$/.test(argv.mount),
      `--mount: expected an absolute path, got ${argv.mount}`,
    ],
    [!DNS_LABEL.test(argv.pvc), `--pvc: expected a claim's name, got ${argv.pvc}`],
    [!positive(argv.parallelism), "--parallelism: expected a positive integer"],
  ];
  const problem = problems.find(([bad]) => bad);
  if (problem !== undefined) throw new Error(problem[1]);
}

/** What a command gives the emitter: its run without --shard and --out, and its units. */
export interface EmitPlan {
  /** The command's words after `pacelab`, e.g. ["sweep", "a.yaml", "--set", "k=1,2"]. */
  readonly run: readonly string[];
  readonly shardFile: string;
  readonly mergeOptions: readonly string[];
  /** How many units the run splits into, and their name (e.g. "points of the grid"). */
  readonly units: number;
  readonly unitName: string;
}

// Lower-case letters, digits and '-', as both Slurm and Kubernetes take a name.
function defaultName(command: string, out: string): string {
  const base = basename(resolve(out))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  return `pacelab-${command}-${base}`.slice(0, 50).replace(/-+$/, "");
}

/**
 * Writes the job's files into --out (atomically: all or none) and says how to submit them.
 * Refuses more shards than the run has units, since a shard would have nothing to do.
 */
export function emitJob(plan: EmitPlan, argv: EmitArgv, print: Print): number {
  const shards = argv.shards as number;
  if (shards > plan.units)
    throw new ScenarioError({
      file: "--shards",
      keyPath: "",
      expected: `at most ${plan.units} (the ${plan.unitName}): a shard would have nothing to do`,
      got: String(shards),
    });
  const out = resolve(argv.out as string);
  checkOutputFolder("--out", out);
  const slurm = argv.emit === "slurm";
  const main = fileURLToPath(new URL("./main.js", import.meta.url));
  const job: ClusterJob = {
    name: argv.jobName ?? defaultName(plan.run[0], out),
    shards,
    pacelab:
      argv.pacelab !== undefined ? [argv.pacelab] : slurm ? [process.execPath, main] : ["pacelab"],
    run: plan.run,
    shardFile: plan.shardFile,
    mergeOptions: plan.mergeOptions,
  };
  const resources: ShardResources = {
    cpus: argv.cpus,
    memory: argv.mem,
    time: argv.time,
    ...(argv.partition === undefined ? {} : { partition: argv.partition }),
  };
  const files = slurm
    ? slurmFiles(job, resources, { root: out, workdir: process.cwd() })
    : kubernetesFiles(job, resources, {
        image: argv.image as string,
        imagePullPolicy: argv.imagePullPolicy,
        claim: argv.pvc,
        mount: argv.mount,
        parallelism: argv.parallelism ?? shards,
      });
  const output = writeOutputFolder(out, "cluster-job", files);
  const root = slurm ? out : `${argv.mount}/${job.name}`;
  const volume = slurm ? "" : ` on the volume ${argv.pvc}`;
  print(
    `${writtenNote(output)}${shards} shards of ${plan.units} ${plan.unitName}; submit with: ${slurm ? "bash" : "sh"} ${output.written[2]}\nthe shards go to ${shardFolder(root, "")}, the merged result to ${resultFolder(root)}${volume}\n`,
  );
  return 0;
}
