/**
 * The SIP line's throughput against real SIPp: call attempts per second one dialer process
 * places with no lost or double-counted call. SIPp plays scenarios/sipp/uas-by-number.xml
 * (ring 100 ms) and each attempt's number picks the default scenario's outcome mix (person
 * 30%, machine 15%, busy 8%, no answer 37%, invalid 10%); the dialer BYEs each answer at once
 * and CANCELs the unanswered after 300 ms, so calls are short and the rate is what counts.
 * It runs a series of rates for a few seconds each, and for each prints attempts placed,
 * attempts per wall second, the dialer's CPU seconds per 1,000 attempts (which gives attempts
 * per second of one busy core), and how many calls ended "lost" or broke the one-final-event
 * invariant (both must be 0). Target (issue 6): >= 300 attempts/s on one core.
 *
 *   node dist/bench/sip-line.bench.js [seconds per rate, default 5] [rates, default 100,200,300,400]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openSipLine, type SipLine } from "../src/live/sip-line.js";
import { buildAudioSdp } from "../src/sip/sdp.js";
import { freeUdpPort, startSipp } from "../test/support/sipp.js";

const seconds = Number(process.argv[2] ?? 5);
const rates = (process.argv[3] ?? "100,200,300,400").split(",").map(Number);
const MIX: readonly [string, number][] = [
  ["1", 0.3], // person
  ["2", 0.15], // machine
  ["3", 0.08], // busy
  ["4", 0.37], // no answer
  ["5", 0.1], // invalid
];
const OFFER = buildAudioSdp({ host: "127.0.0.1", port: 40_000, payloadTypes: [0, 13], ssrc: 1 }, 1);

function prefixFor(u: number): string {
  let sum = 0;
  for (const [prefix, share] of MIX) {
    sum += share;
    if (u < sum) return prefix;
  }
  return "4";
}

interface Tally {
  placed: number;
  finals: number;
  broken: number;
  lost: number;
  answered: number;
}

/** Dials at `rate` per second for `seconds`, then waits for every call to finish. */
async function run(
  line: SipLine,
  rate: number,
): Promise<Tally & { wallS: number; dialS: number; cpuS: number; lagP99: number }> {
  const tally: Tally = { placed: 0, finals: 0, broken: 0, lost: 0, answered: 0 };
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let sequence = 0;
  let dialS = seconds;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; tally.placed < due; tally.placed++) {
        sequence++;
        let events = "";
        const call = line.dial(
          {
            number: `${prefixFor((sequence * 0.618_033_988_75) % 1)}0${sequence}`,
            sdpOffer: OFFER,
            noAnswerTimeoutMs: 300,
          },
          {
            onAnswered() {
              events += "a";
              tally.answered++;
              call.hangUp();
            },
            onFailed(failure) {
              events += "f";
              tally.finals++;
              if (failure.cause === "lost") tally.lost++;
              if (events !== "f") tally.broken++;
            },
            onEnded(end) {
              events += "e";
              tally.finals++;
              if (end.by === "lost") tally.lost++;
              if (events !== "ae") tally.broken++;
            },
          },
        );
      }
      if (tally.placed >= total) {
        dialS = (performance.now() - start) / 1000;
        clearInterval(timer);
        done();
      }
    }, 5);
  });
  while (line.active > 0) await new Promise((r) => setTimeout(r, 20));
  const wallS = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  lag.disable();
  return {
    ...tally,
    wallS,
    dialS,
    cpuS: (used.user + used.system) / 1e6,
    lagP99: lag.percentile(99) / 1e6,
  };
}

const sippPort = await freeUdpPort();
const sipp = startSipp(
  ["-sf", resolve("scenarios/sipp/uas-by-number.xml"), "-i", "127.0.0.1", "-p", String(sippPort)],
  mkdtempSync(join(tmpdir(), "pacelab-sip-bench-")),
);
const line = await openSipLine({
  localHost: "127.0.0.1",
  localPort: 0,
  target: { host: "127.0.0.1", port: sippPort },
});
try {
  await run(line, 50); // warm-up: JIT and SIPp's first calls
  console.log(
    "rate/s  placed  finals  lost  broken  attempts/s(wall)  cpu-s/1000  attempts/cpu-s  lag-p99",
  );
  for (const rate of rates) {
    const r = await run(line, rate);
    console.log(
      [
        String(rate).padStart(6),
        String(r.placed).padStart(7),
        String(r.finals).padStart(7),
        String(r.lost).padStart(5),
        String(r.broken).padStart(7),
        (r.placed / r.dialS).toFixed(0).padStart(17),
        ((r.cpuS / r.placed) * 1000).toFixed(2).padStart(11),
        (r.placed / r.cpuS).toFixed(0).padStart(15),
        `${r.lagP99.toFixed(0)} ms`.padStart(8),
      ].join(" "),
    );
  }
} finally {
  await line.close();
  await sipp.stop();
}
