import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "vitest";
import { runCli } from "../support/cli-process.js";
import { outputFiles } from "../support/output-files.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-cli-"));

/**
 * Runs the CLI. `simulate` records evidence by default into reports/ of the working folder, so
 * unless a test names a store, it gets one in a temporary folder: tests never write into the
 * repository's reports/.
 */
function pacelab(...args: string[]) {
  const own = args.some((a) => a === "--evidence" || a === "--no-evidence");
  const store = args[0] === "simulate" && !own ? ["--evidence", join(tempDir(), "e.sqlite")] : [];
  return runCli([...args, ...store]);
}

// The tests run at once (each CLI run is its own process), each in folders of its own.
describe.concurrent("pacelab simulate", () => {
  it("prints a readable summary of the default scenario", async ({ expect }) => {
    const r = await pacelab("simulate", "scenarios/default.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scenario "default"');
    expect(r.stdout).toMatch(/silent per 100 connected\s+\d+\.\d\d/);
  });

  it("prints one JSON document with the documented keys, byte-identical for the same seed", async ({
    expect,
  }) => {
    const [a, b] = await Promise.all([
      pacelab("simulate", "scenarios/default.yaml", "--json", "--seed", "11"),
      pacelab("simulate", "scenarios/default.yaml", "--json", "--seed", "11"),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.seed).toBe(11);
    for (const key of [
      "attempts",
      "humanAnswered",
      "connected",
      "silent",
      "silentPer100Connected",
      "silentPer100Answered",
      "agentOccupancy",
      "talkOccupancy",
      "maxSilentHoldSeconds",
      "recontactViolations",
    ]) {
      expect(doc.campaign).toHaveProperty(key);
    }
    expect(doc.campaign.silentPer100Connected).toBeCloseTo(
      (100 * doc.campaign.silent) / doc.campaign.connected,
      9,
    );
    expect(doc.acrossReplications).toBeUndefined();
  });

  it("gives means and 95% intervals across replications", async ({ expect }) => {
    const r = await pacelab("simulate", "scenarios/default.yaml", "--json", "-r", "4");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.replications).toBe(4);
    const m = doc.acrossReplications.metrics.silentPer100Connected;
    expect(m.n).toBe(4);
    expect(m.ci95[0]).toBeLessThanOrEqual(m.mean);
    expect(m.ci95[1]).toBeGreaterThanOrEqual(m.mean);
    expect(doc.acrossReplications.seeds).toEqual([doc.seed, doc.seed + 3]);
  });

  it("writes result.json, timeseries.csv and calls.csv with --out and --calls", async ({
    expect,
  }) => {
    const dir = tempDir();
    const r = await pacelab("simulate", "scenarios/default.yaml", "--out", dir, "--calls");
    expect(r.code).toBe(0);
    expect(outputFiles(dir)).toEqual(["calls.csv", "result.json", "timeseries.csv"]);
    const doc = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    const calls = readFileSync(join(dir, "calls.csv"), "utf8").trim().split("\n");
    expect(calls).toHaveLength(doc.campaign.attempts + 1);
    const series = readFileSync(join(dir, "timeseries.csv"), "utf8").trim().split("\n");
    const attempts = series.slice(1).reduce((n, line) => n + Number(line.split(",")[2]), 0);
    expect(attempts).toBe(doc.campaign.attempts);
  });

  it("rejects a bad scenario with exit code 2, the file, line and key, and writes nothing", async ({
    expect,
  }) => {
    const dir = tempDir();
    const bad = join(dir, "bad.yaml");
    const text = readFileSync("scenarios/default.yaml", "utf8").replace(
      "algorithm: guarded",
      "algorithm: guarded\n  speed: 3",
    );
    writeFileSync(bad, text);
    const out = join(dir, "out");
    const r = await pacelab("simulate", bad, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/:\d+: pacing\.speed/);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["bad.yaml"]);
  });

  it("appends the run to an evidence store that verifies", async ({ expect }) => {
    const store = join(tempDir(), "evidence.sqlite");
    const r = await pacelab("simulate", "scenarios/default.yaml", "--evidence", store);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^pacelab: recorded evidence rows 1\.\.\d+ in .*evidence\.sqlite \(new store\), kept until 20\d\d-/,
    );
    expect(r.stdout).not.toContain("evidence");
    const verify = await pacelab("evidence", "verify", "--store", store);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("intact");
    expect((await pacelab("evidence", "list", "--store", store)).stdout).toMatch(
      /^default\s+[0-9a-f]{12}\s+1\s/m,
    );
  });

  it("records every run in reports/evidence.sqlite by default, and nothing with --no-evidence", async ({
    expect,
  }) => {
    const dir = tempDir();
    const scenario = resolve("scenarios/default.yaml");
    const run = (...args: string[]) => runCli(["simulate", scenario, ...args], { cwd: dir });
    expect((await run("--no-evidence")).code).toBe(0);
    expect(existsSync(join(dir, "reports"))).toBe(false);
    const r = await run("-r", "3");
    expect(r.code).toBe(0);
    const store = join(dir, "reports", "evidence.sqlite");
    // Where it went, as an absolute path: the default store is relative to the working folder.
    const list = await pacelab("evidence", "list", "--store", store, "--json");
    expect(r.stderr).toContain(
      `recorded evidence rows 1..${JSON.parse(list.stdout)[0].windows + 3} (3 replications) in ${store} (new store)`,
    );
    expect(JSON.parse(list.stdout)).toMatchObject([{ campaign: "default", runs: 3 }]);
    expect((await pacelab("evidence", "verify", "--store", store)).code).toBe(0);
  });

  it("rejects a missing file and bad options with exit code 2", async ({ expect }) => {
    const runs = await Promise.all([
      pacelab("simulate", "no/such.yaml"),
      pacelab("simulate", "scenarios/default.yaml", "-r", "0"),
      pacelab("simulate", "scenarios/default.yaml", "--calls"),
      pacelab("simulate", "scenarios/default.yaml", "--frobnicate"),
      pacelab(),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
  });

  it("says when a bare --report took the scenario as its folder", async ({ expect }) => {
    for (const [command, ...rest] of [["simulate"], ["compare", "-p", "progressive"]]) {
      const r = await pacelab(command, "--report", "scenarios/default.yaml", ...rest);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--report took "scenarios/default.yaml" as its folder');
      expect(r.stderr).toContain(`pacelab ${command} scenarios/default.yaml --report [DIR]`);
    }
  });

  it("answers --help with the options", async ({ expect }) => {
    const r = await pacelab("simulate", "--help");
    expect(r.code).toBe(0);
    for (const option of [
      "--seed",
      "--replications",
      "--json",
      "--out",
      "--report",
      "--calls",
      "--evidence",
      "--no-evidence",
      "reports/evidence.sqlite",
    ]) {
      expect(r.stdout).toContain(option);
    }
  });
});
