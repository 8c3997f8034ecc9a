import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, totalmem } from "node:os";
import { join } from "node:path";

/**
 * Test support for a one-node Slurm cluster of its own (Debian's slurm-wlm and munge): munged
 * with its own key and socket, slurmctld and slurmd with a slurm.conf in a temporary folder
 * (cons_tres, no accounting, no cgroups), on free loopback ports. Nothing outside that folder
 * is read or changed; {@link SlurmCluster.stop} ends every daemon it started.
 */

const BINARIES = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"];

/** Why a Slurm cluster cannot be started here, or null when it can. */
export function slurmUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root (slurmd runs jobs as any user only as root)";
  const missing = BINARIES.filter((b) => !existsSync(b));
  if (missing.length > 0) return `${missing.join(", ")} missing (apt-get install slurm-wlm munge)`;
  return null;
}

/** A running one-node cluster. */
export interface SlurmCluster {
  /** The environment a Slurm command needs to talk to it (SLURM_CONF). */
  readonly env: NodeJS.ProcessEnv;
  /** The daemons' logs, for failure messages. */
  logs(): string;
  /** Cancels its jobs and ends every daemon (SIGTERM, SIGKILL after 5 s). */
  stop(): Promise<void>;
}

async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function slurmConf(dir: string, node: string, ports: readonly number[]): string {
  const memoryMb = Math.floor(totalmem() / 2 ** 20) - 1024;
  return `${[
    "ClusterName=pacelabtest",
    `SlurmctldHost=${node}(127.0.0.1)`,
    "SlurmUser=root",
    "SlurmdUser=root",
    "AuthType=auth/munge",
    `AuthInfo=socket=${dir}/munge.socket`,
    "CredType=cred/munge",
    `SlurmctldPort=${ports[0]}`,
    `SlurmdPort=${ports[1]}`,
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`,
    `SlurmdPidFile=${dir}/slurmd.pid`,
    `SlurmctldLogFile=${dir}/slurmctld.log`,
    `SlurmdLogFile=${dir}/slurmd.log`,
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_CPU_Memory",
    "AccountingStorageType=accounting_storage/none",
    "JobAcctGatherType=jobacct_gather/none",
    "JobCompType=jobcomp/none",
    "MpiDefault=none",
    "ReturnToService=2",
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${spawnSync("nproc").stdout.toString().trim()} RealMemory=${memoryMb} State=UNKNOWN`,
    "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
  ].join("\n")}\n`;
}

async function until(what: string, ready: () => boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Whether process `pid` has ended: gone, or a zombie waiting for a parent that is not us.
function ended(pid: number): boolean {
  const stat = join("/proc", String(pid), "stat");
  return !existsSync(stat) || / Z /.test(readFileSync(stat, "utf8").replace(/^.*\)/, ""));
}

/** Ends `child` (SIGTERM, then SIGKILL after 5 s) and waits for it. */
async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts munged, slurmctld and slurmd in `dir` and resolves once the node is idle. On any
 * failure it stops what it had started before rejecting.
 */
export async function startSlurmCluster(dir: string): Promise<SlurmCluster> {
  const node = hostname().split(".")[0];
  const ports = [await freeTcpPort(), await freeTcpPort()];
  for (const sub of ["state", "spool"]) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, "munge.key"), randomBytes(1024), { mode: 0o400 });
  writeFileSync(join(dir, "slurm.conf"), slurmConf(dir, node, ports));
  const env = { ...process.env, SLURM_CONF: join(dir, "slurm.conf") };
  const daemons: ChildProcess[] = [];
  let mungedPid: number | undefined;
  const logs = () =>
    ["munged.log", "slurmctld.log", "slurmd.log"]
      .map((f) =>
        existsSync(join(dir, f)) ? `== ${f}\n${readFileSync(join(dir, f), "utf8")}` : "",
      )
      .join("\n");
  const stop = async () => {
    spawnSync("scancel", ["--quiet", "--user=root"], { env });
    await Promise.all(daemons.map(end));
    if (mungedPid !== undefined) {
      try {
        process.kill(mungedPid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const pid = mungedPid;
      await until("munged to exit", () => ended(pid), 5).catch(() => process.kill(pid, "SIGKILL"));
    }
  };
  try {
    // munged refuses root without --force; it forks, leaving its pid in the pid file.
    const munged = spawnSync("/usr/sbin/munged", [
      "--force",
      `--key-file=${dir}/munge.key`,
      `--socket=${dir}/munge.socket`,
      `--pid-file=${dir}/munged.pid`,
      `--log-file=${dir}/munged.log`,
      `--seed-file=${dir}/munged.seed`,
    ]);
    if (munged.status !== 0) throw new Error(`munged failed: ${munged.stderr}`);
    mungedPid = Number(readFileSync(join(dir, "munged.pid"), "utf8"));
    const start = (binary: string, args: string[]) => {
      const child = spawn(binary, args, { env, stdio: "ignore" });
      daemons.push(child);
    };
    start("/usr/sbin/slurmctld", ["-D", "-i"]);
    start("/usr/sbin/slurmd", ["-D", "-N", node]);
    const idle = () =>
      spawnSync("sinfo", ["-h", "-o", "%t"], { env, encoding: "utf8" }).stdout?.trim() === "idle";
    await until("the Slurm node idle", idle, 30);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${logs()}`);
  }
  return { env, logs, stop };
}
