import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExpectStatic, TestContext } from "vitest";
import { RawSipCaller } from "./raw-sip-caller.js";
import { type SippCallee, sippEnded, startSippCallee, timeScaledSippScenario } from "./sipp.js";

/**
 * Test support for driving a SIPp callee message by message: SIPp playing a scenario, a raw
 * caller to it, and the check that SIPp ended every call as its scenario expects.
 */

/** SIPp as the callee, and the raw caller that talks to it. */
export interface SippRawRig {
  readonly callee: SippCallee;
  readonly uac: RawSipCaller;
}

/**
 * Starts SIPp playing `scenarioFile` (with its receive timeouts divided by `timeScale` when
 * given) and opens a raw caller to it; both are stopped when the test ends. The test's context
 * is what scopes them, so that tests running at once each stop their own.
 */
export async function startSippRawRig(
  context: TestContext,
  scenarioFile: string,
  timeScale?: number,
): Promise<SippRawRig> {
  const dir = mkdtempSync(join(tmpdir(), "pacelab-sipp-raw-"));
  const file =
    timeScale === undefined ? scenarioFile : timeScaledSippScenario(scenarioFile, timeScale, dir);
  const callee = await startSippCallee(file, dir);
  const uac = await RawSipCaller.open(callee.port);
  context.onTestFinished(async () => {
    await uac.close();
    await callee.sipp.stop();
  });
  return { callee, uac };
}

/** Waits for SIPp to end `calls` calls and expects it to count every one successful. */
export async function expectSippSucceeded(
  expect: ExpectStatic,
  callee: SippCallee,
  calls: number,
): Promise<void> {
  await sippEnded(callee, calls);
  expect(callee.counter("FailedCall(C)")).toBe(0);
  expect(callee.counter("SuccessfulCall(C)")).toBe(calls);
}
