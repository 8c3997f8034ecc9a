/** What one shard asks the scheduler for. */
export interface ShardResources {
  /** CPUs per shard; the shard runs as many worker threads. */
  readonly cpus: number;
  /** Memory per shard in Slurm's form: a whole number with K, M, G or T (M when bare). */
  readonly memory: string;
  /** Time limit per shard in Slurm's form: minutes, [D-]HH:MM:SS, MM:SS or D-HH[:MM]. */
  readonly time: string;
  /** Slurm partition; undefined for the cluster's default. */
  readonly partition?: string;
}

const MEMORY = /^(\d+)([KMGT]?)$/;
const TIME = /^(\d+-)?\d+(:\d{1,2}){0,2}$/;

/** Whether `text` is a memory size Slurm's --mem takes (4G, 512M, 2048). */
export function isSlurmMemory(text: string): boolean {
  return MEMORY.test(text) && Number(MEMORY.exec(text)?.[1]) > 0;
}

/** Whether `text` is a time limit Slurm's --time takes (90, 1:30:00, 2-00:00:00). */
export function isSlurmTime(text: string): boolean {
  return TIME.test(text);
}

/** A Slurm memory size as a Kubernetes quantity: Slurm counts in powers of 1024 (4G = 4Gi). */
export function kubernetesMemory(slurm: string): string {
  const [, amount, unit] = MEMORY.exec(slurm) ?? [];
  return `${amount}${unit === "" ? "M" : unit}i`;
}
