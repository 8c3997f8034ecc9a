import { type ChildProcess, spawn, spawnSync } from "node:child_process";

/**
 * Test support for losing datagrams in the kernel: a network namespace of its own (loopback
 * up, nothing else) whose nftables input hook drops a given percentage of UDP datagrams at
 * random. Everything on 127.0.0.1 inside it passes that hook once per datagram, so SIP and
 * RTP between two processes spawned in it are lost at that rate, each way. (This kernel has
 * no netem; `numgen random` is nftables' own.) Needs root, `ip` (iproute2) and `nft`
 * (nftables); {@link netNamespaceUnavailable} says why a test must skip.
 */

const TABLE = "pacelab_loss";

/** A namespace that loses datagrams, and the processes spawned in it. */
export interface LossyNamespace {
  /** The namespace's name (`ip netns list`). */
  readonly name: string;
  /** Spawns `command args` inside the namespace (`ip netns exec`); killed by {@link remove}. */
  spawn(command: string, args: readonly string[]): ChildProcess;
  /** UDP datagrams the input hook saw and dropped so far (its nftables counters). */
  datagrams(): { seen: number; dropped: number };
  /** Kills what is still running, then deletes the nftables table and the namespace. */
  remove(): Promise<void>;
}

function run(args: readonly string[]): { ok: boolean; out: string } {
  const [command = "", ...rest] = args;
  const r = spawnSync(command, rest, { encoding: "utf8" });
  return { ok: r.error === undefined && r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/**
 * Why namespace tests cannot run on this machine (not root, no `ip netns`, no `nft`, or the
 * kernel refuses a namespace), or null when they can. Creates and deletes a probe namespace.
 */
export function netNamespaceUnavailable(): string | null {
  if (process.platform !== "linux") return "network namespaces need Linux";
  if (process.getuid?.() !== 0) return "creating a network namespace needs root";
  if (!run(["nft", "--version"]).ok) return "nft is missing (Debian package nftables)";
  if (!run(["ip", "netns", "list"]).ok) return "`ip netns` is unavailable (Debian iproute2)";
  const probe = `pacelab-probe-${process.pid}`;
  const made = run(["ip", "netns", "add", probe]);
  if (!made.ok) return `ip netns add failed: ${made.out.trim()}`;
  const table = run(["ip", "netns", "exec", probe, "nft", "add", "table", "inet", TABLE]);
  run(["ip", "netns", "del", probe]);
  return table.ok ? null : `nft refused a table in a namespace: ${table.out.trim()}`;
}

let made = 0;

/**
 * Creates a namespace (loopback up) whose input hook drops `lossPercent` of UDP datagrams (a
 * whole number, 0 to 99). Throws, leaving nothing behind, when it cannot.
 */
export function createLossyNamespace(lossPercent: number): LossyNamespace {
  if (!(Number.isInteger(lossPercent) && lossPercent >= 0 && lossPercent < 100))
    throw new RangeError(`net-namespace: lossPercent must be a whole 0..99, got ${lossPercent}`);
  const name = `pacelab-loss-${process.pid}-${++made}`;
  const exec = (args: readonly string[]) => run(["ip", "netns", "exec", name, ...args]);
  const rules = [
    `table inet ${TABLE} {`,
    "  chain input {",
    "    type filter hook input priority filter; policy accept;",
    "    meta l4proto udp counter",
    `    meta l4proto udp numgen random mod 100 < ${lossPercent} counter drop`,
    "  }",
    "}",
  ].join("\n");
  const setUp = run(["ip", "netns", "add", name]);
  const steps = setUp.ok
    ? [exec(["ip", "link", "set", "lo", "up"]), nftFile(name, rules)]
    : [setUp];
  const failed = steps.find((step) => !step.ok);
  if (failed) {
    run(["ip", "netns", "del", name]);
    throw new Error(`net-namespace: could not set up ${name}: ${failed.out.trim()}`);
  }

  const children: ChildProcess[] = [];
  return {
    name,
    spawn(command, args) {
      const child = spawn("ip", ["netns", "exec", name, command, ...args]);
      children.push(child);
      return child;
    },
    datagrams() {
      const counts = [
        ...exec(["nft", "list", "chain", "inet", TABLE, "input"]).out.matchAll(
          /counter packets (\d+)/g,
        ),
      ].map((m) => Number(m[1]));
      return { seen: counts[0] ?? 0, dropped: counts[1] ?? 0 };
    },
    async remove() {
      // A process still inside keeps the namespace alive after `ip netns del`: end them first.
      await Promise.all(children.map(kill));
      exec(["nft", "delete", "table", "inet", TABLE]);
      const gone = run(["ip", "netns", "del", name]);
      if (!gone.ok) throw new Error(`net-namespace: could not delete ${name}: ${gone.out.trim()}`);
    },
  };
}

function nftFile(name: string, rules: string): { ok: boolean; out: string } {
  const r = spawnSync("ip", ["netns", "exec", name, "nft", "-f", "-"], {
    input: rules,
    encoding: "utf8",
  });
  return { ok: r.error === undefined && r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}
