/**
 * `pacelab audit` throughput and memory: a month of records for a 500-seat centre.
 * Writes N rows (default 5,000,000) of the simulator's calls.csv format to a temporary file,
 * streaming, then audits it against it-garante-2014 and prints rows per second and the peak
 * resident memory of the process (generation included: it is streamed too). Target (issue 3):
 * 5 million rows in under a minute, in bounded memory.
 *
 *   node dist/bench/audit.bench.js [rows] [--keep]
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Audit } from "../src/compliance/audit.js";
import { auditFile } from "../src/compliance/audit-file.js";
import { pacelabFormat } from "../src/compliance/formats/pacelab-format.js";
import { CALLS_CSV_HEADER } from "../src/report/calls-csv.js";
import { BUILT_IN_RULE_SETS } from "../src/rules/built-in-rule-sets.js";

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5_000_000);
const keep = process.argv.includes("--keep");

/** A small fast generator (mulberry32): the data only has to look like a month of calls. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** `prefix` is `YYYY-MM-DDT`; `ms` milliseconds since midnight. */
function stamp(prefix: string, ms: number): string {
  const t = Math.floor(ms);
  const s = Math.floor(t / 1000);
  return `${prefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${pad3(t % 1000)}`;
}

/** Writes `n` rows over the open days of November 2026 (Italian hours, no Sundays). */
function generate(path: string, n: number): void {
  const random = rng(42);
  const days: { prefix: string; open: number; close: number }[] = [];
  for (let d = 2; d <= 30; d++) {
    const date = new Date(Date.UTC(2026, 10, d));
    const weekday = date.getUTCDay();
    if (weekday === 0) continue;
    const prefix = `${date.toISOString().slice(0, 10)}T`;
    days.push(weekday === 6 ? { prefix, open: 10, close: 19 } : { prefix, open: 9, close: 20 });
  }
  const perDay = Math.ceil(n / days.length);
  const fd = openSync(path, "w");
  // Lines go straight into a buffer: kept strings would be promoted and slow the collector.
  const buffer = Buffer.allocUnsafe(4 << 20);
  let used = buffer.write(`${CALLS_CSV_HEADER.join(",")}\n`, 0, "latin1");
  let written = 0;
  for (const day of days) {
    const span = (day.close - day.open) * 3_600_000 - 60_000;
    for (let i = 0; i < perDay && written < n; i++, written++) {
      const start = day.open * 3_600_000 + (span * i) / perDay;
      const number = `+39${3_000_000_000 + Math.floor(random() * 2_000_000)}`;
      const r = random();
      let answer = "";
      let connect = "";
      let end: number;
      let outcome: string;
      let verdict = "";
      let result: string;
      if (r < 0.3) {
        outcome = "person";
        const a = start + 8_000 + random() * 10_000;
        answer = stamp(day.prefix, a);
        if (random() < 0.97) {
          connect = stamp(day.prefix, a + random() * 1_500);
          end = a + 60_000 + random() * 200_000;
          result = "connected";
        } else {
          end = a + 3_000;
          result = "silent-no-agent";
        }
      } else if (r < 0.45) {
        outcome = "machine";
        const a = start + 8_000 + random() * 10_000;
        answer = stamp(day.prefix, a);
        verdict = "machine";
        end = a + 2_500;
        result = "machine-hangup";
      } else if (r < 0.55) {
        outcome = "busy";
        end = start + 3_000;
        result = "busy";
      } else if (r < 0.9) {
        outcome = "no-answer";
        end = start + 25_000;
        result = "no-answer";
      } else {
        outcome = "invalid";
        end = start + 2_000;
        result = "invalid";
      }
      const line = `camp-${(written % 5) + 1},${written},${number},1,${stamp(day.prefix, start)},${answer},${connect},${stamp(day.prefix, end)},${outcome},${verdict},${result},false,\n`;
      if (used + line.length > buffer.length) {
        writeSync(fd, buffer, 0, used);
        used = 0;
      }
      used += buffer.write(line, used, "latin1");
    }
  }
  writeSync(fd, buffer, 0, used);
  closeSync(fd);
}

const dir = mkdtempSync(join(tmpdir(), "pacelab-audit-bench-"));
const file = join(dir, "calls.csv");
try {
  let t0 = performance.now();
  generate(file, rows);
  const genSeconds = (performance.now() - t0) / 1000;
  const mib = statSync(file).size / 2 ** 20;
  console.log(
    `generated ${rows.toLocaleString("en-US")} rows (${mib.toFixed(0)} MiB) in ${genSeconds.toFixed(1)} s`,
  );

  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const audit = new Audit(BUILT_IN_RULE_SETS["it-garante-2014"]);
  const run = await auditFile(file, audit, pacelabFormat);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const r = run.result;
  console.log(
    `audited ${r.rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s: ${(r.rows / seconds / 1e6).toFixed(2)} M rows/s, ${(mib / seconds).toFixed(0)} MiB/s; CPU ${cpuSeconds.toFixed(1)} s (the garbage collector's threads included), less exposed than wall time to other jobs on the machine`,
  );
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; at most ${r.peakNumbersTracked.toLocaleString("en-US")} numbers held under a lock-out; ${r.windows.length} windows; ${r.problems.toLocaleString("en-US")} problems found (the data is random)`,
  );
} finally {
  if (keep) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
