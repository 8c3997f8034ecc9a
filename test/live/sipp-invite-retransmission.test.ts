import { resolve } from "node:path";
import { describe, it } from "vitest";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue, type SipResponse } from "../../src/sip/message.js";
import { ack, bye, cancel, invite } from "../endpoint/sip-requests.js";
import type { RawSipCaller } from "../support/raw-sip-caller.js";
import { expectSippSucceeded, startSippRawRig } from "../support/sipp-raw-rig.js";

/**
 * SIPp's callee scenarios (scenarios/sipp/) against a caller whose INVITE is retransmitted after
 * each new response (as RFC 3261's Timer A does when a response is lost or late): after the
 * 100, after the 180, and after the final response, before the ACK; and whose CANCEL is
 * retransmitted after the 487. SIPp must absorb every retransmission and keep retransmitting its
 * final response, and each call must end as its scenario expects (SIPp counts it successful,
 * none failed).
 */

/**
 * Places one call to `number`, sending its INVITE again (byte for byte) after the first of each
 * response status, CANCELs it if it has no final response after `cancelAfterMs` (and sends the
 * CANCEL again after the final response), waits for the final response to be retransmitted,
 * ACKs it, and BYEs an answered call. Resolves with what it received, as `status method` (e.g.
 * `180 INVITE`), in order.
 */
async function retransmittingCall(
  uac: RawSipCaller,
  number: string,
  cancelAfterMs: number,
): Promise<string[]> {
  const raw = uac.newCall(number, "retransmission");
  const { call, seen } = raw;
  const fail = (why: string) => new Error(`${number}: ${why} after ${seen.join(", ")}`);
  const next = async (untilMs: number): Promise<SipResponse | null> => {
    const message = await raw.next(untilMs);
    if (message?.kind === "request") throw fail(`unexpected ${message.method}`);
    return message;
  };

  const theInvite = invite(call);
  uac.send(theInvite);
  const retransmittedAfter = new Set<number>();
  const cancelAt = Date.now() + cancelAfterMs;
  let cancelled = false;
  let final: SipResponse | undefined;
  while (final === undefined) {
    const response = await next(cancelled ? Date.now() + 5000 : cancelAt);
    if (response === null) {
      if (cancelled) throw fail("no final response to the INVITE 5 s after the CANCEL");
      uac.send(cancel(call));
      cancelled = true;
      continue;
    }
    if (!seen.at(-1)?.endsWith("INVITE")) continue; // the 200 to our CANCEL
    if (!retransmittedAfter.has(response.status)) {
      retransmittedAfter.add(response.status);
      uac.send(theInvite);
    }
    if (response.status >= 200) final = response;
  }
  if (cancelled) uac.send(cancel(call)); // as if the 200 to our CANCEL had been lost
  // Until it has our ACK, SIPp retransmits its final response despite our retransmission.
  const finalStatus = final.status;
  const retransmittedFinal = Date.now() + 5000;
  while (seen.filter((s) => s === `${finalStatus} INVITE`).length < 2)
    if ((await next(retransmittedFinal)) === null) throw fail("final response not retransmitted");
  const toTag = headerParam(headerValue(final, "To") ?? "", "tag") ?? "";
  uac.send(ack(call, toTag));
  if (final.status === 200) {
    uac.send(bye(call, toTag));
    while (!seen.includes("200 BYE"))
      if ((await next(Date.now() + 5000)) === null) throw fail("no 200 to our BYE");
  }
  raw.end();
  return [...seen];
}

/** Each call's final response to its INVITE (e.g. `486 INVITE`), or why it failed. */
async function finals(calls: readonly Promise<string[]>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) =>
    s.status === "rejected"
      ? String(s.reason)
      : (s.value.find((r) => /^[2-6]\d\d INVITE$/.test(r)) ?? "none"),
  );
}

// The two run at once: each has its own SIPp, and most of their time is SIPp's timers.
describe.concurrent("SIPp callee scenarios and retransmitted INVITEs and CANCELs", () => {
  it("uas-by-number.xml absorbs them for every fate", async (context) => {
    const { expect } = context;
    const { callee, uac } = await startSippRawRig(
      context,
      resolve("scenarios/sipp/uas-by-number.xml"),
    );
    const expected: Record<string, string> = {
      "1001": "200 INVITE", // person
      "2001": "200 INVITE", // machine
      "3001": "486 INVITE", // busy
      "4001": "487 INVITE", // no answer: rings until our CANCEL after 1 s
      "5001": "404 INVITE", // invalid
    };
    const numbers = Object.keys(expected);
    const received = await finals(numbers.map((n) => retransmittingCall(uac, n, 1000)));

    expect(received).toEqual(Object.values(expected));
    await expectSippSucceeded(expect, callee, numbers.length);
  }, 30_000);

  it("uas-default.xml (time-scaled) absorbs them for every fate it draws", async (context) => {
    const { expect } = context;
    // Ring times / 10: finals within 2 s; those still ringing at 4 s are no-answer calls.
    const { callee, uac } = await startSippRawRig(
      context,
      resolve("scenarios/sipp/uas-default.xml"),
      10,
    );
    const calls = 40;
    const received = await finals(
      Array.from({ length: calls }, (_, i) => retransmittingCall(uac, `06${i}`, 4000)),
    );

    const unexpected = received.filter((f) => !/^(200|486|404|487) INVITE$/.test(f));
    expect(unexpected).toEqual([]);
    await expectSippSucceeded(expect, callee, calls);
  }, 40_000);
});
