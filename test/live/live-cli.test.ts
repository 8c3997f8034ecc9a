import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callsCsv as endpointCallsCsv } from "../../src/endpoint/calls-csv.js";
import { CALLS_CSV_HEADER } from "../../src/report/calls-csv.js";
import { runCli } from "../support/cli-process.js";
import { LIVE_CLI_K as K, startLiveCli, startLiveCliRig } from "../support/live-cli.js";
import { liveCliScenarioYaml } from "../support/live-cli-scenario.js";

// Long talks (10 s real) so that calls are in progress whenever Ctrl-C comes.
const SCENARIO = liveCliScenarioYaml({
  name: "live-cli",
  agents: 4,
  talk: "{ dist: fixed, value: 300 }",
  wrapUp: 5,
  leads: 10_000,
  probabilities: { person: 0.4, machine: 0.1, busy: 0.1, noAnswer: 0.3, invalid: 0.1 },
  noAnswerTimeout: 25,
  patience: 3600,
  pacing: "{ algorithm: vicidial-ratio, level: 2 }",
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
    const rig = await startLiveCliRig(SCENARIO);
    const { dir, endpoint: ep } = rig;
    const live = startLiveCli(rig, ["--evidence", join(dir, "evidence.sqlite"), "--calls"]);
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
    live.kill("SIGINT");
    const { code, stdout, stderr } = await live.done;
    expect(code).toBe(130);
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

  it("rejects a bad --target with exit code 2 naming the option", async () => {
    const r = await runCli(["live", "scenarios/default.yaml", "--target", "nowhere"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--target");
  });

  it("takes --report [DIR] as the other commands do: a bare --report needs --out", async () => {
    for (const [extra, message] of [
      [["--report"], "--report: expected a folder"],
      [["--calls"], "--calls needs --out DIR"],
    ] as const) {
      const r = await runCli([
        "live",
        "scenarios/default.yaml",
        "--target",
        "127.0.0.1:9",
        ...extra,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it("explains the time scale, the AMD stand-in and the lock-out store in --help", async () => {
    const r = await runCli(["live", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("X-Pacelab-Callee");
    // yargs wraps the help to the terminal: read it as one line.
    expect(r.stdout.replace(/\s+/g, " ")).toContain("not a compliance run");
    expect(r.stdout).toMatch(/Lock-out store/i);
  });
});
