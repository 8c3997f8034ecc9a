import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EVIDENCE_ENV, evidenceStorePath } from "../../src/cli/evidence-recording.js";
import { runCli } from "../support/cli-process.js";

const SCENARIO = resolve("test/report/short-day.yaml");

const tempDir = () => mkdtempSync(join(tmpdir(), "pacelab-evidence-cli-"));

/** Runs the CLI in `cwd` with `env` added to an environment without PACELAB_EVIDENCE. */
function pacelab(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, ...options.env };
  if (options.env?.[EVIDENCE_ENV] === undefined) delete env[EVIDENCE_ENV];
  return runCli(args, { cwd: options.cwd, env });
}

// The tests run at once (each CLI run is its own process), each with folders and stores of its own.
describe.concurrent("where a run's evidence goes", () => {
  it("is the option's file, else $PACELAB_EVIDENCE, else reports/evidence.sqlite; none when off", () => {
    const env = { [EVIDENCE_ENV]: "/var/evidence/e.sqlite" };
    expect(evidenceStorePath("mine.sqlite", env)).toBe("mine.sqlite");
    expect(evidenceStorePath(undefined, env)).toBe("/var/evidence/e.sqlite");
    expect(evidenceStorePath("", env)).toBe("/var/evidence/e.sqlite");
    expect(evidenceStorePath(undefined, {})).toBe("reports/evidence.sqlite");
    expect(evidenceStorePath(undefined, { [EVIDENCE_ENV]: "" })).toBe("reports/evidence.sqlite");
    expect(evidenceStorePath(false, env)).toBeNull();
  });

  it("is said on stderr, in one line, also with --json, whose stdout stays one JSON document", async ({
    expect,
  }) => {
    const dir = tempDir();
    const r = await pacelab(["simulate", SCENARIO, "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario.name).toBe("short-day");
    const store = join(dir, "reports", "evidence.sqlite");
    expect(existsSync(store)).toBe(true);
    expect(r.stderr).toMatch(
      new RegExp(
        `^pacelab: recorded evidence rows 1\\.\\.\\d+ in ${store} \\(new store\\), kept until 20\\d\\d-\\d\\d-\\d\\d\\n$`,
      ),
    );
  });

  it("is set once by PACELAB_EVIDENCE for simulate in any folder and for pacelab evidence", async ({
    expect,
  }) => {
    const home = tempDir();
    const store = join(home, "evidence.sqlite");
    const env = { [EVIDENCE_ENV]: store };
    const work = tempDir();
    const r = await pacelab(["simulate", SCENARIO], { cwd: work, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`in ${store} (new store)`);
    expect(readdirSync(work)).toEqual([]); // no reports/ folder where it ran
    const list = await pacelab(["evidence", "list", "--json"], { cwd: tempDir(), env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ campaign: "short-day", runs: 1 }]);
    expect((await pacelab(["evidence", "verify"], { env })).stdout).toContain(`${store}: intact`);

    // --evidence FILE still wins; --no-evidence records nothing and says nothing.
    const other = join(tempDir(), "other.sqlite");
    const own = await pacelab(["simulate", SCENARIO, "--evidence", other], { cwd: work, env });
    expect(own.stderr).toContain(`in ${other} (new store)`);
    const off = await pacelab(["simulate", SCENARIO, "--seed", "2", "--no-evidence"], {
      cwd: work,
      env,
    });
    expect(off.code).toBe(0);
    expect(off.stderr).toBe("");
    const after = await pacelab(["evidence", "list", "--json"], { env });
    expect(JSON.parse(after.stdout)).toMatchObject([{ runs: 1 }]);
  });

  it("takes a rerun of the same scenario, seed and version once, and says so", async ({
    expect,
  }) => {
    const store = join(tempDir(), "e.sqlite");
    const first = await pacelab(["simulate", SCENARIO, "-r", "2", "--evidence", store]);
    expect(first.stderr).toMatch(/recorded evidence rows 1\.\.\d+ \(2 replications\)/);
    const again = await pacelab(["simulate", SCENARIO, "-r", "3", "--evidence", store]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /^pacelab: recorded evidence rows \d+\.\.\d+ \(1 replication\) in .*, kept until [\d-]+; evidence of 2 replications \(same scenario, seed and version\) already recorded as runs 1, \d+: not recorded again\n$/,
    );
    const same = await pacelab(["simulate", SCENARIO, "--evidence", store]);
    expect(same.stderr).toBe(
      `pacelab: evidence of this run (same scenario, seed and version) already recorded in ${store} as run 1: not recorded again\n`,
    );
    const list = await pacelab(["evidence", "list", "--store", store, "--json"]);
    expect(JSON.parse(list.stdout)).toMatchObject([{ campaign: "short-day", runs: 3 }]);
    expect((await pacelab(["evidence", "verify", "--store", store])).code).toBe(0);
  });

  it("keeps two scenarios that share a name apart; export names the candidates", async ({
    expect,
  }) => {
    const dir = tempDir();
    const store = join(dir, "e.sqlite");
    const changed = join(dir, "short-day-changed.yaml");
    writeFileSync(
      changed,
      readFileSync(SCENARIO, "utf8").replace(/^description: .*$/m, 'description: "changed"'),
    );
    expect((await pacelab(["simulate", SCENARIO, "--evidence", store])).code).toBe(0);
    expect((await pacelab(["simulate", changed, "--evidence", store])).code).toBe(0);
    const listed = JSON.parse(
      (await pacelab(["evidence", "list", "--store", store, "--json"])).stdout,
    );
    expect(listed).toHaveLength(2);
    const labels = listed.map(
      (c: { campaign: string; scenarioSha256: string }) =>
        `${c.campaign}@${c.scenarioSha256.slice(0, 12)}`,
    );
    const table = (await pacelab(["evidence", "list", "--store", store])).stdout;
    for (const c of listed) expect(table).toContain(c.scenarioSha256.slice(0, 12));

    const out = join(dir, "out");
    const ambiguous = await pacelab([
      "evidence",
      "export",
      "short-day",
      "--store",
      store,
      "--out",
      out,
    ]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('"short-day" names 2 campaigns');
    for (const label of labels) expect(ambiguous.stderr).toContain(label);
    expect(existsSync(out)).toBe(false);
    const chosen = await pacelab(["evidence", "export", labels[1], "--store", store, "--out", out]);
    expect(chosen.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "short-day.evidence.json"), "utf8"));
    expect(json.scenarioSha256).toBe(listed[1].scenarioSha256);
    expect(readFileSync(join(out, "short-day.evidence.html"), "utf8")).toContain(
      listed[1].scenarioSha256,
    );
  });
});
