/**
 * pacelab live's throughput: call attempts per second that one dialer process (the live runner:
 * campaign, pacer, SIP line, RTP sender) places against the built-in endpoint and against SIPp,
 * each running in its own process, with no lost or double-counted call; and how soon after the
 * answer the BYE at the cut-off goes out for silent calls (99th percentile; target 3.1 s).
 *
 * The campaign: `agents` agents on a RATIO pacer at level 3 (so that answered persons often find
 * no agent and wait out the cut-off), talk 30 s and wrap-up 2 s of scenario time, run at time
 * scale `k`. Attempts per core-second = attempts / the dialer's CPU seconds (target >= 300).
 *
 *   node dist/bench/live.bench.js [seconds, default 20] [agents, default 150] [k, default 20]
 *     [RTP packet interval ms, default 20: every waiting or talking call sends 50 packets/s]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LockoutStore } from "../src/live/lockout-store.js";
import { type LiveRunOutcome, runLive } from "../src/live/run-live.js";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/scenario.js";
import { nearestRankQuantile } from "../src/stats/quantile.js";
import { freeUdpPort, startSipp } from "../test/support/sipp.js";

const seconds = Number(process.argv[2] ?? 20);
const agents = Number(process.argv[3] ?? 150);
const k = Number(process.argv[4] ?? 20);
const rtpIntervalMs = Number(process.argv[5] ?? 20);
const dir = mkdtempSync(join(tmpdir(), "pacelab-live-bench-"));

const yaml = `name: live-bench
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents:
  count: ${agents}
  shift: "09:00-17:00"
  talk: { dist: lognormal, mean: 30, sd: 10 }
  wrapUp: { dist: fixed, value: 2 }
leads: { count: 1000000 }
outcomes:
  person: { probability: 0.30, ring: { dist: lognormal, mean: 8, sd: 3 } }
  machine: { probability: 0.15, ring: { dist: lognormal, mean: 8, sd: 3 } }
  busy: { probability: 0.08, ring: { dist: uniform, min: 2, max: 4 } }
  noAnswer: { probability: 0.37 }
  invalid: { probability: 0.10, ring: { dist: fixed, value: 2 } }
dialer: { noAnswerTimeoutSeconds: 25 }
callee: { patience: { dist: fixed, value: 36000 } }
pacing: { algorithm: vicidial-ratio, level: 3, cadenceSeconds: 1 }
`;
const file = join(dir, "bench.yaml");
writeFileSync(file, yaml);
const scenario = loadScenario(file);

/** The same campaign with SIPp's fates: uas-by-number.xml reads the fate from the number. */
function sippScenario(base: Scenario): Scenario {
  const prefixes = ["1", "2", "3", "4", "5"]; // person, machine, busy, no answer, invalid
  const shares = [0.3, 0.15, 0.08, 0.37, 0.1];
  const numbers: string[] = [];
  for (let i = 0; i < 400_000; i++) {
    // A fixed, even interleaving of the shares (no randomness needed).
    const u = (((i * 0.6180339887) % 1) + 1) % 1;
    let sum = 0;
    let p = 0;
    while (p < 4 && u >= sum + (shares[p] ?? 0)) sum += shares[p++] ?? 0;
    numbers.push(`${prefixes[p]}0${String(i).padStart(7, "0")}`);
  }
  return { ...base, leads: { kind: "file", path: "generated", numbers } };
}

async function measure(
  target: string,
  port: number,
  s: Scenario,
): Promise<{ outcome: LiveRunOutcome; cpuS: number }> {
  const store = LockoutStore.open(":memory:");
  const cpu0 = process.cpuUsage();
  const outcome = await runLive({
    scenario: s,
    seed: 1,
    target: { host: "127.0.0.1", port },
    local: { host: "127.0.0.1", port: 0 },
    timeScale: k,
    lockouts: store,
    durationSeconds: seconds,
    rtpIntervalMs,
  });
  const used = process.cpuUsage(cpu0);
  store.close();
  const cpuS = (used.user + used.system) / 1e6;
  report(target, outcome, cpuS);
  return { outcome, cpuS };
}

function report(target: string, o: LiveRunOutcome, cpuS: number): void {
  const wallS = (o.endedAt.getTime() - o.startedAt.getTime()) / 1000;
  const p99 = nearestRankQuantile(o.cutoffHoldSeconds, 0.99);
  const ids = new Set(o.calls.map((c) => c.callId));
  console.log(
    [
      target.padEnd(9),
      String(o.attemptsPlaced).padStart(8),
      String(o.attemptsEnded).padStart(6),
      String(o.calls.length - ids.size).padStart(7),
      String(o.counts.failures.lost + o.counts.endedLost).padStart(5),
      (o.attemptsPlaced / wallS).toFixed(0).padStart(10),
      (o.attemptsPlaced / cpuS).toFixed(0).padStart(15),
      String(o.cutoffHoldSeconds.length).padStart(7),
      (p99 === null ? "n/a" : p99.toFixed(3)).padStart(11),
      String(o.counts.answeredAfterGiveUp).padStart(8),
    ].join(" "),
  );
}

console.log(
  `${seconds} s per target, ${agents} agents, time scale ${k}, RTP every ${rtpIntervalMs} ms; dialer CPU only (targets run in their own processes)`,
);
console.log(
  "target      placed  ended  double  lost  attempts/s  attempts/cpu-s  silent  cutoff-p99  gave-up",
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
const byEndpoint = await measure("endpoint", endpointPort, scenario);
endpoint.kill("SIGINT");
await new Promise((done) => endpoint.once("exit", done));
const seen = JSON.parse(endpointOut) as { calls: number; finished: number };
console.log(
  `  the endpoint saw ${seen.calls} INVITEs (${seen.finished} finished); the dialer placed ${byEndpoint.outcome.attemptsPlaced}`,
);

// SIPp playing the by-number callee scenario.
const sippPort = await freeUdpPort();
const sipp = startSipp(
  ["-sf", resolve("scenarios/sipp/uas-by-number.xml"), "-i", "127.0.0.1", "-p", String(sippPort)],
  dir,
);
await new Promise((r) => setTimeout(r, 500));
await measure("sipp", sippPort, sippScenario(scenario));
await sipp.stop();
