/**
 * A run split into shards for a batch scheduler: what each shard runs and where it writes,
 * and how the merge joins them. The emitters (Slurm, Kubernetes) only lay this out in their
 * own formats.
 */
export interface ClusterJob {
  /** The scheduler's name for the job (Slurm --job-name, the Kubernetes Jobs' prefix). */
  readonly name: string;
  /** How many shards, each one task (Slurm) or one completion index (Kubernetes). */
  readonly shards: number;
  /** pacelab as a command: its words before the subcommand (e.g. node and main.js). */
  readonly pacelab: readonly string[];
  /** The run's words after `pacelab`, without --shard and --out (e.g. sweep FILE --set K=V). */
  readonly run: readonly string[];
  /** The file each shard writes (sweep.json, study-shard.json, compare-shard.json). */
  readonly shardFile: string;
  /** `pacelab merge` options after the shard files and --out (e.g. --report). */
  readonly mergeOptions: readonly string[];
}

/** Where shard `index` (a number, or a shell expression for it) writes, under `root`. */
export function shardFolder(root: string, index: string | number): string {
  return `${root}/shards/${index}`;
}

/** Where the merge writes the joined result, under `root`. */
export function resultFolder(root: string): string {
  return `${root}/result`;
}

/** A file an emitter writes: its name in the job folder, content, and permissions. */
export interface JobFile {
  readonly name: string;
  readonly content: string;
  readonly mode: number;
}
