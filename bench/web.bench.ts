/**
 * The workbench in Chromium against Node (issue 18's targets: a replication in Chromium within
 * 1.5x of Node's CPU time for the same scenario; 100 replications of the default scenario on
 * two workers in under 3 s; the page's main thread never blocked over 100 ms during a run).
 *
 * `node dist/bench/web.bench.js [rounds]` (after `npm run build`, which bundles dist/web):
 * 1. Node: one replication of scenarios/default.yaml (simulate and summarise, as the web worker
 *    does), the least CPU and wall time of `rounds` runs (default 30) after 5 warm-up runs;
 * 2. Chromium (Debian's, headless): the same replications of the same YAML in one web worker of
 *    the bundled app, least time per replication as the worker measures it (a worker thread
 *    alone on its core: its wall time is its CPU time), and the ratio to Node's least CPU;
 * 3. the playground page itself: 100 replications with its two workers, the time it reports
 *    (workers started, every replication run, the result document built) and the longest task
 *    on the page's main thread while the run went on (PerformanceObserver "longtask").
 */
import { loadavg } from "node:os";
import { chromium } from "playwright-core";
import { packageFile } from "../src/io/read/package-file.js";
import { simulateCampaign } from "../src/model/campaign.js";
import { summarizeCampaign } from "../src/model/campaign-summary.js";
import { packagePath } from "../src/package-root.js";
import { parseScenario } from "../src/scenario/load.js";
import { startWorkbench } from "../src/serve/start-workbench.js";

const ROUNDS = Number(process.argv[2] ?? 30);
const FILE = "scenarios/default.yaml";
const yaml = packageFile(FILE).text;

function nodeReplication(): { cpuMs: number; wallMs: number } {
  const scenario = parseScenario(yaml, packagePath(FILE));
  let cpuMs = Number.POSITIVE_INFINITY;
  let wallMs = Number.POSITIVE_INFINITY;
  for (let i = -5; i < ROUNDS; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    summarizeCampaign(simulateCampaign(scenario, { seed: 1 }), scenario.rules);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (i < 0) continue;
    cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000);
    wallMs = Math.min(wallMs, wall);
  }
  return { cpuMs, wallMs };
}

console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const node = nodeReplication();
console.log(
  `Node ${process.version}: one replication of ${FILE}: least CPU ${node.cpuMs.toFixed(2)} ms, least wall ${node.wallMs.toFixed(2)} ms (${ROUNDS} rounds)`,
);

const server = await startWorkbench({
  listen: { host: "127.0.0.1", port: 0 },
  root: packagePath(),
  store: "reports/none.sqlite",
  maxUploadBytes: 1 << 20,
  appDir: packagePath("dist", "web", "app"),
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  const times = await page.evaluate(
    async ({ yaml, file, rounds }) => {
      const worker = new Worker("replication-worker.js");
      worker.postMessage({ kind: "scenarios", sources: [{ yaml, file }] });
      const one = (id: number) =>
        new Promise<number>((resolve) => {
          worker.onmessage = ({ data }) => resolve(data.elapsedMs);
          worker.postMessage({ kind: "task", id, scenario: 0, seed: 1 });
        });
      const out: number[] = [];
      for (let i = -5; i < rounds; i++) {
        const ms = await one(i);
        if (i >= 0) out.push(ms);
      }
      worker.terminate();
      return out;
    },
    { yaml, file: FILE, rounds: ROUNDS },
  );
  const least = Math.min(...times);
  console.log(
    `Chromium ${browser.version()}: one replication in a web worker: least ${least.toFixed(2)} ms; x${(least / node.cpuMs).toFixed(2)} Node's least CPU (target <= 1.5)`,
  );

  const run = await browser.newPage();
  await run.goto(`${server.url}#/playground?replications=100`);
  await run.evaluate(() => {
    const seen = { tasks: [] as [number, number][], doneAt: 0 };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.tasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask" });
    new MutationObserver(() => {
      if (seen.doneAt === 0 && document.querySelector("p[role=status]") !== null) {
        seen.doneAt = performance.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const startedAt = await run.evaluate(() => performance.now());
  await run.getByRole("button", { name: "Run" }).click();
  const status = run.locator("p[role=status]");
  await status.waitFor({ timeout: 60_000 });
  // A chart's SVG is marked aria-hidden once Vega has drawn it; then let the observer report.
  await run.locator('figure.chart svg[aria-hidden="true"]').nth(2).waitFor();
  await run.waitForTimeout(500);
  const reported = ((await status.textContent()) ?? "").replace(/\. The address.*/, "");
  const seen = await run.evaluate(
    () => (window as unknown as { seen: { tasks: [number, number][]; doneAt: number } }).seen,
  );
  const longest = (tasks: [number, number][]) => Math.max(0, ...tasks.map(([, d]) => d));
  const during = seen.tasks.filter(([t]) => t >= startedAt && t < seen.doneAt);
  const after = seen.tasks.filter(([t]) => t >= seen.doneAt);
  const workers = await run.evaluate(() => Math.min(navigator.hardwareConcurrency, 8));
  console.log(`playground, ${workers} workers: ${reported} (target < 3 s)`);
  console.log(
    `longest main-thread task while replications ran: ${longest(during).toFixed(0)} ms; while the result and charts were drawn: ${longest(after).toFixed(0)} ms (target <= 100; 0: none over 50 ms)`,
  );
} finally {
  await browser.close();
  await server.close();
}
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
