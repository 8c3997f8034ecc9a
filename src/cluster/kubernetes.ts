import { stringify } from "yaml";
import { type ClusterJob, type JobFile, resultFolder, shardFolder } from "./cluster-job.js";
import { kubernetesMemory, type ShardResources } from "./resources.js";
import { shellCommand, shellQuote } from "./shell-quote.js";

/** Where the Kubernetes Jobs run: the image, the volume, how many pods at once. */
export interface KubernetesPlaces {
  readonly image: string;
  readonly imagePullPolicy: "Always" | "IfNotPresent" | "Never";
  /** The PersistentVolumeClaim the shards and the merge share (ReadWriteMany). */
  readonly claim: string;
  /** Where the claim is mounted in each pod; pods start there. */
  readonly mount: string;
  /** Pods running at once (at most the shard count). */
  readonly parallelism: number;
}

// Scripts as written: long lines unfolded, several lines as a literal block.
const YAML_STYLE = { lineWidth: 0, blockQuote: "literal" } as const;

// The shard's number, 1-based, from the index Kubernetes gives each pod (0-based).
const SHARD = '"$((JOB_COMPLETION_INDEX + 1))"';

function podSpec(
  resources: ShardResources,
  places: KubernetesPlaces,
  container: string,
  script: string,
  cpus: number,
) {
  const memory = kubernetesMemory(resources.memory);
  return {
    restartPolicy: "Never",
    containers: [
      {
        name: container,
        image: places.image,
        imagePullPolicy: places.imagePullPolicy,
        workingDir: places.mount,
        command: ["/bin/sh", "-c", script],
        resources: { requests: { cpu: String(cpus), memory }, limits: { memory } },
        volumeMounts: [{ name: "results", mountPath: places.mount }],
      },
    ],
    volumes: [{ name: "results", persistentVolumeClaim: { claimName: places.claim } }],
  };
}

function jobDocument(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, labels: { "app.kubernetes.io/name": "pacelab" } },
    spec,
  };
}

/**
 * The Kubernetes files of a sharded run: shards-job.yaml (an Indexed Job, one completion per
 * shard, each pod running its shard from JOB_COMPLETION_INDEX into the volume at
 * mount/name/shards/I), merge-job.yaml (the merge into mount/name/result) and submit.sh, which
 * applies the first, waits for it to complete, then applies the second (Kubernetes has no
 * dependencies between Jobs).
 */
export function kubernetesFiles(
  job: ClusterJob,
  resources: ShardResources,
  places: KubernetesPlaces,
): JobFile[] {
  const root = `${places.mount}/${job.name}`;
  const q = shellQuote;
  const shardScript = `exec ${shellCommand([...job.pacelab, ...job.run])} --shard ${SHARD}/${job.shards} --out ${q(shardFolder(root, ""))}${SHARD}`;
  const shards = jobDocument(job.name, {
    completionMode: "Indexed",
    completions: job.shards,
    parallelism: Math.min(places.parallelism, job.shards),
    template: { spec: podSpec(resources, places, "shard", shardScript, resources.cpus) },
  });
  // sh has no {1..N}: the shard files are listed in a loop.
  const mergeScript = [
    "set --",
    "i=1",
    `while [ "$i" -le ${job.shards} ]; do set -- "$@" ${q(shardFolder(root, ""))}"$i"/${q(job.shardFile)}; i=$((i + 1)); done`,
    `exec ${shellCommand([...job.pacelab, "merge"])} "$@" ${shellCommand(["--out", resultFolder(root), ...job.mergeOptions])}`,
  ].join("\n");
  const merge = jobDocument(`${job.name}-merge`, {
    completions: 1,
    backoffLimit: 1,
    template: { spec: podSpec(resources, places, "merge", mergeScript, 1) },
  });
  const submit = [
    "#!/bin/sh",
    "# Applies the shards' Indexed Job, waits until it completes, then applies the merge Job.",
    "set -eu",
    'cd "$(dirname "$0")"',
    "kubectl apply -f shards-job.yaml",
    "while :; do",
    `  state=$(kubectl get job ${job.name} -o 'jsonpath={.status.conditions[?(@.status=="True")].type}')`,
    '  case "$state" in',
    `    *Failed*) echo "the shards failed: kubectl describe job ${job.name}" >&2; exit 1 ;;`,
    "    *Complete*) break ;;",
    "  esac",
    "  sleep 30",
    "done",
    "kubectl apply -f merge-job.yaml",
    `echo "merge started: the result will be in ${resultFolder(root)} on the volume ${places.claim}"`,
    "",
  ];
  return [
    { name: "shards-job.yaml", content: stringify(shards, YAML_STYLE), mode: 0o644 },
    { name: "merge-job.yaml", content: stringify(merge, YAML_STYLE), mode: 0o644 },
    { name: "submit.sh", content: submit.join("\n"), mode: 0o755 },
  ];
}
