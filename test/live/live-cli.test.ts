import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { callsCsv as endpointCallsCsv } from "../../src/endpoint/calls-csv.js";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { CALLS_CSV_HEADER } from "../../src/report/calls-csv.js";
import { loadScenario } from "../../src/scenario/load.js";
import { TimeScale } from "../../src/time/time-scale.js";

const CLI = "dist/src/cli/main.js";
const K = 30;

// Long talks (10 s real) so that calls are in progress whenever Ctrl-C comes.
const SCENARIO = `name: live-cli
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents:
  count: 4
  shift: "09:00-17:00"
  talk: { dist: fixed, value: 300 }
  wrapUp: { dist: fixed, value: 5 }
leads: { count: 10000 }
outcomes:
  person: { probability: 0.4, ring: { dist: uniform, min: 3, max: 9 } }
  machine: { probability: 0.1, ring: { dist: uniform, min: 3, max: 9 } }
  busy: { probability: 0.1, ring: { dist: uniform, min: 2, max: 6 } }
  noAnswer: { probability: 0.3 }
  invalid: { probability: 0.1, ring: { dist: fixed, value: 2 } }
dialer: { noAnswerTimeoutSeconds: 25 }
callee: { patience: { dist: fixed, value: 3600 } }
pacing: { algorithm: vicidial-ratio, level: 2 }
`;

let endpoint: EndpointHandle | undefined;
afterEach(async () => {
  await endpoint?.stop();
  endpoint = undefined;
});

const waitUntil = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("pacelab live (CLI)", () => {
  it("on SIGINT hangs up every call in progress and exits 130 with a partial result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-live-cli-"));
    const file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    endpoint = await startEndpoint({
      scenario: loadScenario(file),
      listen: { host: "127.0.0.1", port: 0 },
      timeScale: TimeScale.of(K),
    });
    const ep = endpoint;
    const child = spawn(process.execPath, [
      CLI,
      "live",
      file,
      "--target",
      `127.0.0.1:${ep.address.port}`,
      "--time-scale",
      String(K),
      "--out",
      join(dir, "out"),
      "--lockouts",
      join(dir, "lockouts.sqlite"),
      "--evidence",
      join(dir, "evidence.sqlite"),
      "--calls",
    ]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const talking = () =>
      ep.records().filter((r) => r.answeredAt !== null && r.endedAt === null).length;
    await waitUntil(() => talking() >= 3, 30_000);
    // Calls in conversation (10 s talks, callees who never hang up) can only end by the dialer's
    // BYE; a ringing call may still meet its own fate (a 404 after 2/K s) before the SIGINT lands.
    const inProgress = ep
      .records()
      .filter((r) => r.answeredAt !== null && r.endedAt === null)
      .map((r) => r.callId);
    expect(inProgress.length).toBeGreaterThanOrEqual(3);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("not a compliance run");
    expect(stdout).toContain("INTERRUPTED");

    // Every call the endpoint saw is over, those in conversation by the dialer's BYE.
    await waitUntil(() => ep.records().every((r) => r.endedAt !== null), 10_000);
    const records = new Map(ep.records().map((r) => [r.callId, r]));
    for (const id of inProgress) {
      const r = records.get(id);
      expect(r?.endedBy, id).toBe("caller");
    }
    const doc = JSON.parse(readFileSync(join(dir, "out", "result.json"), "utf8"));
    expect(doc.mode).toBe("live");
    expect(doc.live.interrupted).toBe(true);
    expect(doc.live.complianceRun).toBe(false);
    expect(doc.live.timeScale).toBe(K);
    expect(doc.live.attemptsPlaced).toBe(records.size);
    expect(doc.live.attemptsEnded).toBe(doc.live.attemptsPlaced);
    expect(doc.campaign.attempts).toBe(records.size);
    // Which clock each duration is on, in the JSON and in the text.
    expect(doc.live.clocks).toEqual({
      holdTimes: "wall-clock seconds",
      otherDurations: "scenario seconds",
    });
    expect(stdout).toContain(
      `hold times below are wall-clock seconds (as the callee heard them), other durations scenario seconds (${K} per wall-clock second)`,
    );
    // calls.csv: one row per attempt, as many as the endpoint's own per-call CSV.
    const rows = readFileSync(join(dir, "out", "calls.csv"), "utf8")
      .trim()
      .split("\n");
    expect(rows[0]).toBe(CALLS_CSV_HEADER.join(","));
    expect(rows.length - 1).toBe(doc.live.attemptsPlaced);
    expect(rows.length).toBe(endpointCallsCsv(ep.records()).trim().split("\n").length);
    // Even an interrupted live run leaves its statistical report in the evidence store.
    expect(stderr).toMatch(/recorded evidence rows \d+\.\.\d+ in .*evidence\.sqlite/);
  }, 90_000);

  it("rejects a bad --target with exit code 2 naming the option", () => {
    const r = spawnSync(
      process.execPath,
      [CLI, "live", "scenarios/default.yaml", "--target", "nowhere"],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--target");
  });

  it("takes --report [DIR] as the other commands do: a bare --report needs --out", () => {
    for (const [extra, message] of [
      [["--report"], "--report: expected a folder"],
      [["--calls"], "--calls needs --out DIR"],
    ] as const) {
      const r = spawnSync(
        process.execPath,
        [CLI, "live", "scenarios/default.yaml", "--target", "127.0.0.1:9", ...extra],
        { encoding: "utf8" },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it("explains the time scale, the AMD stand-in and the lock-out store in --help", () => {
    const r = spawnSync(process.execPath, [CLI, "live", "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("X-Pacelab-Callee");
    // yargs wraps the help to the terminal: read it as one line.
    expect(r.stdout.replace(/\s+/g, " ")).toContain("not a compliance run");
    expect(r.stdout).toMatch(/Lock-out store/i);
  });
});
