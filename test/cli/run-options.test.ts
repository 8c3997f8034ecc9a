import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkRunOptions } from "../../src/cli/run-options.js";

function pacelab(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe("checkRunOptions", () => {
  it("takes an integer seed and positive integer counts, and leaves absent ones alone", () => {
    expect(() =>
      checkRunOptions({ seed: -3, replications: 1, workers: 2, batch: 5, "max-replications": 9 }),
    ).not.toThrow();
    expect(() => checkRunOptions({})).not.toThrow();
  });

  it("names the option and what it got", () => {
    expect(() => checkRunOptions({ seed: Number.NaN })).toThrow(
      "--seed: expected an integer, got something that is not a number",
    );
    expect(() => checkRunOptions({ seed: 2 ** 53 })).toThrow("--seed: expected an integer");
    expect(() => checkRunOptions({ replications: 0 })).toThrow(
      "--replications: expected a positive integer, got 0",
    );
    expect(() => checkRunOptions({ workers: 1.5 })).toThrow(
      "--workers: expected a positive integer, got 1.5",
    );
    expect(() => checkRunOptions({ "max-replications": -1 })).toThrow(
      "--max-replications: expected a positive integer, got -1",
    );
  });
});

describe("what a bad number option got", () => {
  // yargs reads a number option's text as NaN: the message quotes what was typed instead.
  it.each([
    [
      ["simulate", "scenarios/small-team.yaml", "--seed", "abc"],
      '--seed: expected an integer, got "abc"',
    ],
    [
      ["simulate", "scenarios/small-team.yaml", "--seed=1x"],
      '--seed: expected an integer, got "1x"',
    ],
    [
      ["compare", "scenarios/small-team.yaml", "-p", "progressive", "-r", "two"],
      '--replications: expected a positive integer, got "two"',
    ],
    [
      ["tune", "scenarios/small-team.yaml", "-p", "vicidial-ratio", "--confidence", "high"],
      '--confidence: expected a probability between 0 and 1, got "high"',
    ],
    [
      ["live", "scenarios/small-team.yaml", "--target", "127.0.0.1:9", "--seed", "abc"],
      '--seed: expected an integer, got "abc"',
    ],
  ])("%j", (args, message) => {
    const r = pacelab(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain("NaN");
  });
});

describe("the commands that run replications", () => {
  // Before these were shared, compare and sweep took any seed (a word ended in an internal
  // error), tune took --workers 0, and study --batch 0 never ended.
  it.each([
    [["compare", "scenarios/small-team.yaml", "-p", "progressive", "--seed", "abc"], "--seed"],
    [
      ["sweep", "scenarios/small-team.yaml", "--set", "pacing.level=1,2", "--seed", "1.5"],
      "--seed",
    ],
    [["tune", "scenarios/small-team.yaml", "-p", "vicidial-ratio", "--workers", "0"], "--workers"],
    [["study", "small-teams", "--sizes", "5", "--batch", "0"], "--batch"],
    [["simulate", "scenarios/small-team.yaml", "-r", "0"], "--replications"],
  ])("refuse bad shared options before running: %j", (args, option) => {
    const r = pacelab(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^pacelab: ${option}: expected`));
  });
});
