import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function pacelabTune(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ["dist/src/cli/main.js", "tune", "scenarios/small-team.yaml", ...args],
    { encoding: "utf8", timeout: 30_000 },
  );
  return { code: r.status, stderr: r.stderr };
}

describe("pacelab tune, bad input", () => {
  it("names an unknown pacing as such, not as a missing key", () => {
    const r = pacelabTune("-p", "nosuch");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--pacing: nosuch: algorithm: expected one of progressive, /);
  });

  it("asks for --key where the algorithm has no default one", () => {
    const r = pacelabTune("-p", "progressive");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--key: progressive: expected a key to tune (progressive has no default one), got nothing",
    );
  });

  it("refuses a range that runs backwards or is not numbers, and an unknown objective", () => {
    expect(pacelabTune("-p", "vicidial-ratio", "--range", "3:1:1").stderr).toContain(
      '--range: 3:1:1: expected from:to:step with step > 0 and to >= from, got "3:1:1"',
    );
    const objective = pacelabTune("-p", "vicidial-ratio", "--objective", "speed");
    expect(objective.code).toBe(2);
    expect(objective.stderr).toMatch(/^--objective: expected one of .*, got "speed"/);
  });
});
