import { describe, expect, it } from "vitest";
import { checkRunOptions } from "../../src/cli/run-options.js";
import { runCli } from "../support/cli-process.js";

const pacelab = (...args: string[]) => runCli(args, { timeoutMs: 30_000 });

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

describe.concurrent("what a bad number option got", () => {
  // yargs reads a number option's text as NaN: the message quotes what was typed instead.
  it.for([
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
  ])("%j", async ([args, message], { expect }) => {
    const r = await pacelab(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain("NaN");
  });
});

describe.concurrent("the commands that run replications", () => {
  // Before these were shared, compare and sweep took any seed (a word ended in an internal
  // error), tune took --workers 0, and study --batch 0 never ended.
  it.for([
    [["compare", "scenarios/small-team.yaml", "-p", "progressive", "--seed", "abc"], "--seed"],
    [
      ["sweep", "scenarios/small-team.yaml", "--set", "pacing.level=1,2", "--seed", "1.5"],
      "--seed",
    ],
    [["tune", "scenarios/small-team.yaml", "-p", "vicidial-ratio", "--workers", "0"], "--workers"],
    [["study", "small-teams", "--sizes", "5", "--batch", "0"], "--batch"],
    [["simulate", "scenarios/small-team.yaml", "-r", "0"], "--replications"],
  ])("refuse bad shared options before running: %j", async ([args, option], { expect }) => {
    const r = await pacelab(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^pacelab: ${option}: expected`));
  });
});
