/**
 * The check: simulate a scenario with known parameters (test/fit/fixtures/known.yaml),
 * write its per-call CSV, fit it with `pacelab fit`, and find the truth within sampling error.
 *
 * Tolerances come from the sample sizes, never a fixed number: a fitted parameter must lie
 * within Z = 4 standard errors of the truth, its standard error taken from the observed
 * information of the very sample the fit used (so truncation at the timeout and censoring of
 * patience are accounted for); an outcome probability within Z binomial standard errors of that
 * hour's attempts, divided by P(ring < timeout) since the shares are scaled up by its inverse.
 * A correct fit fails one such check by chance with probability about 6e-5.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFile } from "../../src/compliance/audit-file.js";
import { pacelabFormat } from "../../src/compliance/formats/pacelab-format.js";
import { type CallSample, CallSampleCollector } from "../../src/fit/call-sample.js";
import { type FamilyName, family } from "../../src/fit/families.js";
import type { Observations } from "../../src/fit/fit-distribution.js";
import type { FitDocument } from "../../src/fit/fit-summary.js";
import { probabilityBelow, thetaOf } from "../../src/fit/spec-cdf.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { OUTCOMES } from "../../src/scenario/scenario.js";
import type { DistributionSpec } from "../../src/sim/distribution-spec.js";
import { standardErrors } from "./standard-errors.js";

const CLI = "dist/src/cli/main.js";
const KNOWN = "test/fit/fixtures/known.yaml";
const Z = 4;

function pacelab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "pacelab-fit-recovery-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const truth: Scenario = loadScenario(KNOWN);
let doc: FitDocument;
let sample: CallSample;
const fitted = join(dir, "fitted.yaml");

beforeAll(async () => {
  const sim = pacelab("simulate", KNOWN, "--out", join(dir, "sim"), "--calls", "--no-evidence");
  expect(sim.stderr).toBe("");
  const calls = join(dir, "sim", "calls.csv");
  const fit = pacelab("fit", calls, "--base", KNOWN, "--out", fitted, "--json");
  expect(fit.stderr).toBe("");
  expect(fit.code).toBe(0);
  doc = JSON.parse(fit.stdout);
  sample = (
    await auditFile(calls, new CallSampleCollector(truth.dialer.cutoffSeconds), pacelabFormat)
  ).result;
}, 120_000);

function quantity(key: string) {
  const q = doc.quantities.find((x) => x.key === key);
  if (q?.fit === undefined) throw new Error(`${key} was not fitted: ${q?.note}`);
  return q.fit;
}

/** The fit of `key` is `want`'s family, each parameter within Z standard errors of `want`'s. */
function expectParameters(key: string, want: DistributionSpec, obs: Observations) {
  const fit = quantity(key);
  expect(fit.chosen).toBe(want.dist);
  const got = thetaOf(fit.spec);
  const truthTheta = thetaOf(want)?.theta ?? [];
  expect(got).toBeDefined();
  const se = standardErrors(family(want.dist as FamilyName), got?.theta ?? [], obs);
  truthTheta.forEach((t, i) => {
    expect(Math.abs((got?.theta[i] ?? Number.NaN) - t)).toBeLessThan(Z * se[i]);
  });
}

describe("pacelab fit recovers a simulated scenario", () => {
  it("fits enough calls for the checks to mean something", () => {
    expect(doc.outcomes.attempts).toBeGreaterThan(50_000);
    expect(doc.outcomes.timeoutSeconds).toBeCloseTo(truth.dialer.noAnswerTimeoutSeconds, 2);
    expect(Object.keys(doc.outcomes.byHour).map(Number)).toEqual(
      expect.arrayContaining([9, 10, 13, 16]),
    );
  });

  it("finds the outcome probabilities of every hour, the hours that differ included", () => {
    const T = doc.outcomes.timeoutSeconds;
    const answeredBeforeTimeout = Math.min(
      probabilityBelow(truth.outcomes.ring.person, T),
      probabilityBelow(truth.outcomes.ring.machine, T),
    );
    for (const [hour, h] of Object.entries(doc.outcomes.byHour)) {
      const want = truth.outcomes.byHour[Number(hour)] ?? truth.outcomes.probabilities;
      for (const o of OUTCOMES) {
        const se = Math.sqrt((want[o] * (1 - want[o])) / h.attempts) / answeredBeforeTimeout;
        expect(Math.abs(h.probabilities[o] - want[o]), `hour ${hour} ${o}`).toBeLessThan(Z * se);
      }
    }
    // The hours that differ are told apart from the others by far more than their error.
    expect(doc.outcomes.byHour[9].probabilities.person).toBeLessThan(0.25);
    expect(doc.outcomes.byHour[13].probabilities.person).toBeGreaterThan(0.4);
  });

  it("finds each ring time's family and parameters, allowing for the timeout", () => {
    const T = doc.outcomes.timeoutSeconds;
    expectParameters("outcomes.person.ring", truth.outcomes.ring.person, {
      values: sample.ring[0],
      censored: [],
      truncatedAbove: T,
    });
    expectParameters("outcomes.machine.ring", truth.outcomes.ring.machine, {
      values: sample.ring[1],
      censored: [],
      truncatedAbove: T,
    });
    // Almost 8% of persons ring past the timeout: without the correction the share would be low.
    expect(doc.outcomes.lostToTimeout.person).toBeGreaterThan(0.05);
    expect(quantity("outcomes.invalid.ring").spec).toEqual({ dist: "fixed", value: 2 });
  });

  it("finds talk, the callee's patience and the machine message", () => {
    const exact = (values: readonly number[]) => ({
      values,
      censored: [],
      truncatedAbove: Infinity,
    });
    expectParameters("agents.talk", truth.agents.talk, exact(sample.talk));
    expectParameters("callee.patience", truth.callee.patience, {
      values: sample.patienceEvents,
      censored: sample.patienceCensored,
      truncatedAbove: Infinity,
    });
    expect(quantity("callee.machineMessage").spec).toEqual(truth.callee.machineMessage);
    expect(doc.quantities.find((q) => q.key === "agents.wrapUp")?.fit).toBeUndefined();
  });

  it("writes a scenario that loads, keeps the base's other keys and simulates", () => {
    const s = loadScenario(fitted);
    expect(s.agents.groups).toEqual(truth.agents.groups);
    expect(s.agents.wrapUp).toEqual(truth.agents.wrapUp);
    expect(s.pacing).toEqual(truth.pacing);
    expect(s.calendar).toEqual(truth.calendar);
    expect(s.outcomes.byHour[13]).toEqual(doc.outcomes.byHour[13].probabilities);
    const run = pacelab("simulate", fitted, "--json", "--no-evidence");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scenario.name).toBe("known-fitted");
  });
});
