/**
 * pacelab live's throughput: call attempts per second that one dialer process (the live runner:
 * campaign, pacer, SIP line, RTP sender) places against the built-in endpoint and against SIPp,
 * each running in its own process, with no lost or double-counted call; and how soon after the
 * answer the BYE at the cut-off goes out for silent calls (99th percentile; target 3.1 s).
 *
 * The campaign: `agents` agents on a RATIO pacer at `level` (3 by default, so that answered
 * persons often find no agent and wait out the cut-off), talk 30 s and wrap-up 2 s of scenario
 * time, run at time scale `k`. It prints attempts per second of dialling (`seconds`; the drain
 * after it is not counted), attempts per second of the dialer's CPU (one core; target >= 300)
 * and the CPU the target's process used meanwhile (from /proc, so Linux only).
 *
 * With `processes` > 1, that many dialer processes (each its own campaign of `agents` agents,
 * its own SIP and RTP ports and its own range of numbers) call the same endpoint or SIPp at
 * once, and the figures are their sums (CPU: the dialers' total).
 *
 *   node dist/bench/live.bench.js [seconds, default 20] [agents, default 150] [k, default 20]
 *     [RTP packet interval ms, default 20: every waiting or talking call sends 50 packets/s]
 *     [RATIO level, default 3] [processes, default 1]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LockoutStore } from "../src/live/lockout-store.js";
import { runLive } from "../src/live/run-live.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { nearestRankQuantile } from "../src/stats/quantile.js";
import { TimeScale } from "../src/time/time-scale.js";
import { liveCliScenarioYaml } from "../test/support/live-cli-scenario.js";
import { freeUdpPort, sippListening, startSipp } from "../test/support/sipp.js";

// A dialer process started by this bench: `--dialer <dir> <port> <index>` after the arguments.
const workerAt = process.argv.indexOf("--dialer");
const args = workerAt < 0 ? process.argv.slice(2) : process.argv.slice(2, workerAt);
const seconds = Number(args[0] ?? 20);
const agents = Number(args[1] ?? 150);
const k = Number(args[2] ?? 20);
const rtpIntervalMs = Number(args[3] ?? 20);
const level = Number(args[4] ?? 3);
const processes = Number(args[5] ?? 1);

const yaml = liveCliScenarioYaml({
  name: "live-bench",
  agents,
  talk: "{ dist: lognormal, mean: 30, sd: 10 }",
  wrapUp: 2,
  leads: 1_000_000,
  probabilities: { person: 0.3, machine: 0.15, busy: 0.08, noAnswer: 0.37, invalid: 0.1 },
  rings: {
    answered: "{ dist: lognormal, mean: 8, sd: 3 }",
    busy: "{ dist: uniform, min: 2, max: 4 }",
  },
  noAnswerTimeout: 25,
  patience: 36_000,
  pacing: `{ algorithm: vicidial-ratio, level: ${level}, cadenceSeconds: 1 }`,
});

/**
 * The campaign with dialler `index`'s own numbers. SIPp (uas-by-number.xml) reads each call's
 * fate from the number's first digit; the endpoint draws fates itself and ignores it.
 */
function withNumbers(base: Scenario, index: number): Scenario {
  const prefixes = ["1", "2", "3", "4", "5"]; // person, machine, busy, no answer, invalid
  const shares = [0.3, 0.15, 0.08, 0.37, 0.1];
  const numbers: string[] = [];
  for (let i = 0; i < 400_000; i++) {
    // A fixed, even interleaving of the shares (no randomness needed).
    const u = (((i * 0.6180339887) % 1) + 1) % 1;
    let sum = 0;
    let p = 0;
    while (p < 4 && u >= sum + (shares[p] ?? 0)) sum += shares[p++] ?? 0;
    numbers.push(`${prefixes[p]}0${index}${String(i).padStart(7, "0")}`); // not 11...: impatient
  }
  return { ...base, leads: { kind: "file", path: "generated", numbers } };
}

/** What one dialer process reports. */
interface DialerFigures {
  placed: number;
  ended: number;
  double: number;
  lost: number;
  cpuS: number;
  cutoffHolds: number[];
  gaveUp: number;
}

/** Runs one dialer against `port` in this process and measures its CPU. */
async function dial(scenario: Scenario, port: number, index: number): Promise<DialerFigures> {
  const store = LockoutStore.open(":memory:");
  const cpu0 = process.cpuUsage();
  const o = await runLive({
    scenario: withNumbers(scenario, index),
    seed: 1 + index,
    target: { host: "127.0.0.1", port },
    local: { host: "127.0.0.1", port: 0 },
    timeScale: TimeScale.of(k),
    lockouts: store,
    durationSeconds: seconds,
    rtpIntervalMs,
  });
  const used = process.cpuUsage(cpu0);
  store.close();
  return {
    placed: o.attemptsPlaced,
    ended: o.attemptsEnded,
    double: o.calls.length - new Set(o.calls.map((c) => c.callId)).size,
    lost: o.counts.failures.lost + o.counts.endedLost,
    cpuS: (used.user + used.system) / 1e6,
    cutoffHolds: [...o.cutoffHoldSeconds],
    gaveUp: o.counts.answeredAfterGiveUp,
  };
}

if (workerAt >= 0) {
  const [dir, port, index] = process.argv.slice(workerAt + 1);
  const figures = await dial(
    loadScenario(join(dir ?? "", "bench.yaml")),
    Number(port),
    Number(index),
  );
  process.stdout.write(JSON.stringify(figures));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "pacelab-live-bench-"));
const file = join(dir, "bench.yaml");
writeFileSync(file, yaml);
const scenario = loadScenario(file);

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; NaN: gone. */
function processCpuSeconds(pid: number | undefined): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return Number.NaN; // the target exited (the figure then reads NaN)
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** `processes` dialers against `port` at once (one in this process, or child processes). */
async function dialers(port: number): Promise<DialerFigures[]> {
  if (processes === 1) return [await dial(scenario, port, 0)];
  const self = fileURLToPath(import.meta.url);
  return Promise.all(
    Array.from({ length: processes }, (_, index) => {
      const child = spawn(process.execPath, [
        self,
        ...args,
        "--dialer",
        dir,
        String(port),
        String(index),
      ]);
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.pipe(process.stderr);
      return new Promise<DialerFigures>((done, fail) =>
        child.once("exit", (code) =>
          code === 0 ? done(JSON.parse(out)) : fail(new Error(`dialer ${index} exited ${code}`)),
        ),
      );
    }),
  );
}

async function measure(target: string, port: number, targetPid: number | undefined) {
  const targetCpu0 = processCpuSeconds(targetPid);
  const each = await dialers(port);
  const targetCpuS = processCpuSeconds(targetPid) - targetCpu0;
  const sum = (f: (d: DialerFigures) => number) => each.reduce((total, d) => total + f(d), 0);
  const holds = each.flatMap((d) => d.cutoffHolds);
  const p99 = nearestRankQuantile(holds, 0.99);
  const placed = sum((d) => d.placed);
  const cpuS = sum((d) => d.cpuS);
  console.log(
    [
      target.padEnd(9),
      String(placed).padStart(8),
      String(sum((d) => d.ended)).padStart(6),
      String(sum((d) => d.double)).padStart(7),
      String(sum((d) => d.lost)).padStart(5),
      (placed / seconds).toFixed(0).padStart(10),
      (placed / cpuS).toFixed(0).padStart(15),
      cpuS.toFixed(1).padStart(6),
      targetCpuS.toFixed(1).padStart(10),
      String(holds.length).padStart(7),
      (p99 === null ? "n/a" : p99.toFixed(3)).padStart(11),
      String(sum((d) => d.gaveUp)).padStart(8),
    ].join(" "),
  );
  return placed;
}

console.log(
  `${seconds} s per target, ${processes} dialer process(es) of ${agents} agents, RATIO ${level}, time scale ${k}, RTP every ${rtpIntervalMs} ms`,
);
console.log(
  "target      placed  ended  double  lost  attempts/s  attempts/cpu-s  cpu-s  target-cpu  silent  cutoff-p99  gave-up",
);

// The built-in endpoint, as `pacelab endpoint` in its own process.
const endpointPort = await freeUdpPort();
const endpoint = spawn(process.execPath, [
  resolve("dist/src/cli/main.js"),
  "endpoint",
  "--scenario",
  file,
  "--listen",
  `127.0.0.1:${endpointPort}`,
  "--time-scale",
  String(k),
  "--json",
]);
let endpointOut = "";
endpoint.stdout.on("data", (d) => {
  endpointOut += d;
});
await new Promise<void>((ready) => endpoint.stderr.once("data", () => ready()));
const placedAtEndpoint = await measure("endpoint", endpointPort, endpoint.pid);
endpoint.kill("SIGINT");
await new Promise((done) => endpoint.once("exit", done));
const seen = JSON.parse(endpointOut) as { calls: number; finished: number };
console.log(
  `  the endpoint saw ${seen.calls} INVITEs (${seen.finished} finished); the dialers placed ${placedAtEndpoint}`,
);

// SIPp playing the by-number callee scenario.
const sippPort = await freeUdpPort();
const sipp = startSipp(
  ["-sf", resolve("scenarios/sipp/uas-by-number.xml"), "-i", "127.0.0.1", "-p", String(sippPort)],
  dir,
);
await sippListening(sipp, sippPort);
await measure("sipp", sippPort, sipp.child.pid);
await sipp.stop();
