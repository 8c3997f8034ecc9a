import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "vitest";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue, type SipMessage } from "../../src/sip/message.js";
import { ack, bye, invite, okTo } from "../endpoint/sip-requests.js";
import { RawSipCaller } from "../support/raw-sip-caller.js";
import {
  type SippCallee,
  sippEnded,
  startSippCallee,
  timeScaledSippScenario,
} from "../support/sipp.js";

/**
 * SIPp's callee scenarios (scenarios/sipp/) when both sides hang up at once: the caller's BYE
 * crosses SIPp's (uas-by-number.xml's `11...` person hangs up 300 ms after the ACK; so does
 * uas-default.xml once its 1-hour cap is cut to 0.3 s). SIPp must answer the crossing BYE with
 * a 200 of that BYE's transaction, also when the BYE comes again because the 200 was lost;
 * accept the 200 to its own BYE before or after the crossing BYE; and count every call
 * successful, none failed.
 */

interface Glare {
  /** Our BYE goes before our 200 to SIPp's BYE (a true glare), or right after it. */
  readonly byeFirst: boolean;
  /** SIPp's first 200 to our BYE is taken as lost: the BYE goes again 500 ms later (Timer E). */
  readonly okLost: boolean;
}

/**
 * Calls `number`, ACKs the final response and, if it was a 200, waits for SIPp's BYE and
 * answers it around a BYE of its own as `glare` says. Resolves with SIPp's answers to our BYE
 * (none for an unanswered call) as `status CSeq branch`, where the branch is the topmost Via's:
 * `200 2 BYE z9hG4bKbye` is a 200 of our BYE's transaction.
 */
async function glareCall(uac: RawSipCaller, number: string, glare: Glare): Promise<string[]> {
  const raw = uac.newCall(number, "glare");
  const { call, seen } = raw;
  const fail = (why: string) => new Error(`${number}: ${why} after ${seen.join(", ")}`);
  const next = async (what: string): Promise<SipMessage> => {
    const message = await raw.next(Date.now() + 2000);
    if (message === null) throw fail(`no ${what} within 2 s`);
    return message;
  };

  uac.send(invite(call));
  let answer: SipMessage | undefined;
  while (answer === undefined) {
    const message = await next("final response to the INVITE");
    if (message.kind === "response" && message.status >= 200) answer = message;
  }
  const toTag = headerParam(headerValue(answer, "To") ?? "", "tag") ?? "";
  uac.send(ack(call, toTag));
  if (answer.kind !== "response" || answer.status !== 200) {
    raw.end();
    return [];
  }
  const theirBye = await next("BYE from SIPp");
  if (theirBye.kind !== "request" || theirBye.method !== "BYE") throw fail("no BYE from SIPp");

  const ourBye = bye(call, toTag);
  if (glare.byeFirst) uac.send(ourBye);
  uac.send(okTo(theirBye));
  if (!glare.byeFirst) uac.send(ourBye);
  const answerToOurBye = async (): Promise<string> => {
    for (;;) {
      const message = await next("answer to our BYE");
      if (message.kind === "request") {
        uac.send(okTo(message)); // SIPp's BYE again: answer it again, as a transaction would
        continue;
      }
      const branch = headerParam(headerValue(message, "Via") ?? "", "branch");
      return `${message.status} ${headerValue(message, "CSeq")} ${branch}`;
    }
  };
  const answers = [await answerToOurBye()];
  if (glare.okLost) {
    await new Promise((r) => setTimeout(r, 500));
    uac.send(ourBye);
    answers.push(await answerToOurBye());
  }
  raw.end();
  return answers;
}

/** SIPp playing `scenarioFile` and a raw caller, both stopped (and `dir` removed) when the test ends. */
async function glareRig(
  scenarioFile: string,
  dir: string,
  onTestFinished: (fn: () => Promise<void>) => void,
): Promise<{ callee: SippCallee; uac: RawSipCaller }> {
  const callee = await startSippCallee(scenarioFile, dir);
  const uac = await RawSipCaller.open(callee.port);
  onTestFinished(async () => {
    await uac.close();
    await callee.sipp.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { callee, uac };
}

/** Both orders of our BYE and our 200 to SIPp's, each with and without the loss of SIPp's 200. */
const GLARES: readonly Glare[] = [
  { byeFirst: true, okLost: false },
  { byeFirst: false, okLost: false },
  { byeFirst: true, okLost: true },
  { byeFirst: false, okLost: true },
];
const OURS = "200 2 BYE z9hG4bKbye";
const expected = (glare: Glare): string[] => (glare.okLost ? [OURS, OURS] : [OURS]);

/** Each call's answers to our BYE, or why it failed. */
async function answers(calls: readonly Promise<string[]>[]): Promise<(string[] | string)[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => (s.status === "rejected" ? String(s.reason) : s.value));
}

// Concurrent: each test waits out SIPp's 5 s timewait.
describe.concurrent("SIPp callee scenarios and a BYE glare", () => {
  it("uas-by-number.xml answers a BYE that crosses its own and ends the call successfully", async ({
    expect,
    onTestFinished,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-sipp-glare-"));
    const scenario = resolve("scenarios/sipp/uas-by-number.xml");
    const { callee, uac } = await glareRig(scenario, dir, onTestFinished);
    const received = await answers(GLARES.map((glare, i) => glareCall(uac, `110${i}`, glare)));

    expect(received).toEqual(GLARES.map(expected));
    await sippEnded(callee, GLARES.length);
    expect(callee.counter("FailedCall(C)")).toBe(0);
    expect(callee.counter("SuccessfulCall(C)")).toBe(GLARES.length);
  }, 30_000);

  it("uas-default.xml (time-scaled, hanging up at once) does the same for every call it answers", async ({
    expect,
    onTestFinished,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), "pacelab-sipp-glare-default-"));
    // Ring times / 100 (within 0.2 s; no answer: 480 after 1.2 s), and the 1-hour cap on an
    // answered call (36 s after scaling) cut to 0.3 s so that SIPp sends its BYE.
    const scaled = timeScaledSippScenario(resolve("scenarios/sipp/uas-default.xml"), 100, dir);
    const xml = readFileSync(scaled, "utf8");
    writeFileSync(scaled, xml.replace('timeout="36000"', 'timeout="300"'));
    expect(readFileSync(scaled, "utf8")).not.toBe(xml);
    const { callee, uac } = await glareRig(scaled, dir, onTestFinished);
    const calls = 20; // 45% answered: none answered has odds 0.55^20, under 1e-5
    const glares = Array.from({ length: calls }, (_, i) => GLARES[i % GLARES.length] as Glare);
    const received = await answers(glares.map((glare, i) => glareCall(uac, `06${i}`, glare)));

    // Busy, invalid and no-answer calls have no BYE to answer.
    const unanswered = (r: string[] | string) => Array.isArray(r) && r.length === 0;
    const glare = (i: number) => expected(glares[i] as Glare);
    expect(received).toEqual(received.map((r, i) => (unanswered(r) ? [] : glare(i))));
    expect(received.filter((r) => !unanswered(r)).length).toBeGreaterThan(0);
    await sippEnded(callee, calls);
    expect(callee.counter("FailedCall(C)")).toBe(0);
    expect(callee.counter("SuccessfulCall(C)")).toBe(calls);
  }, 30_000);
});
