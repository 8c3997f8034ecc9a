import { resolve } from "node:path";
import { describe, type ExpectStatic, it } from "vitest";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue, headerValues, type SipMessage } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";
import { ack, cancel, invite, okTo, type TestCall } from "../endpoint/sip-requests.js";
import type { RawCall, RawSipCaller } from "../support/raw-sip-caller.js";
import { expectSippSucceeded, startSippRawRig } from "../support/sipp-raw-rig.js";

/**
 * SIPp's callee scenarios (scenarios/sipp/) as a stateful, record-routing proxy's far side sees
 * them: the test is the proxy. Its INVITE carries two Vias (the proxy's on top, then the
 * dialer's) and two Record-Routes; its CANCEL, as a transaction-stateful proxy builds it, carries
 * only the proxy's Via. The 487 must carry the INVITE's Vias (or the proxy could not send it on),
 * the 200 to the CANCEL the CANCEL's, the 180 and 200 the Record-Routes, and SIPp's own BYE the
 * route set as Route headers.
 */

const DIALER_VIA = "SIP/2.0/UDP 192.0.2.10:5090;branch=z9hG4bKdialer;rport=5090";
const RECORD_ROUTES = (proxyPort: number) => [
  `<sip:127.0.0.1:${proxyPort};lr;ftag=caller-tag>`,
  "<sip:192.0.2.20;lr>",
];

/** The INVITE as the proxy forwards it: its own Via on top of the dialer's, Record-Routes. */
function proxiedInvite(call: TestCall): string {
  const routes = RECORD_ROUTES(call.clientPort).map((r) => `Record-Route: ${r}`);
  return invite({ ...call, inviteHeaders: routes }).replace(
    /^(Via: .*)$/m,
    `$1\r\nVia: ${DIALER_VIA}`,
  );
}

async function expectNext(raw: RawCall, what: (m: SipMessage) => boolean): Promise<SipMessage> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const message = await raw.next(deadline);
    if (message === null)
      throw new Error(`${raw.call.number}: timed out after ${raw.seen.join(", ")}`);
    if (what(message)) return message;
  }
}

const response = (status: number, method: string) => (m: SipMessage) =>
  m.kind === "response" && m.status === status && (headerValue(m, "cseq") ?? "").endsWith(method);
const request = (method: string) => (m: SipMessage) => m.kind === "request" && m.method === method;
const toTag = (m: SipMessage) => headerParam(headerValue(m, "to") ?? "", "tag") ?? "";

/**
 * Is CANCELled by the proxy after the 100 (or the 180 when `rings`: SIPp takes a CANCEL that
 * comes before its 180 for a retransmission), and checks where the 200 and the 487 go.
 */
async function cancelledThroughProxy(
  expect: ExpectStatic,
  uac: RawSipCaller,
  number: string,
  rings: boolean,
): Promise<void> {
  const raw = uac.newCall(number, "proxied-cancel");
  const theInvite = proxiedInvite(raw.call);
  const inviteVias = headerValues(parse(theInvite), "via");
  expect(inviteVias).toHaveLength(2);
  uac.send(theInvite);
  await expectNext(raw, response(rings ? 180 : 100, "INVITE"));
  const theCancel = cancel(raw.call); // the proxy's Via only, its INVITE branch
  uac.send(theCancel);
  const cancelOk = await expectNext(raw, response(200, "CANCEL"));
  expect(headerValues(cancelOk, "via")).toEqual(headerValues(parse(theCancel), "via"));
  const terminated = await expectNext(raw, response(487, "INVITE"));
  expect(headerValues(terminated, "via")).toEqual(inviteVias);
  uac.send(ack(raw.call, toTag(terminated)));
  raw.end();
}

function parse(text: string): SipMessage {
  const parsed = parseSipMessage(Buffer.from(text));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.message;
}

// The two run at once: each has its own SIPp, and most of their time is SIPp's timewait.
describe.concurrent("SIPp callee scenarios behind a stateful, record-routing proxy", () => {
  it("uas-by-number.xml: 487 to the INVITE's Vias, Record-Route copied, its BYE routed", async (context) => {
    const { expect } = context;
    const { callee, uac } = await startSippRawRig(
      context,
      resolve("scenarios/sipp/uas-by-number.xml"),
    );
    await Promise.all(
      ["4001", "4002", "1001"].map((n) => cancelledThroughProxy(expect, uac, n, true)),
    );

    // A person who hangs up (11...): 180 and 200 copy the Record-Routes; SIPp's BYE routes.
    const raw = uac.newCall("11001", "proxied-bye");
    uac.send(proxiedInvite(raw.call));
    const routes = RECORD_ROUTES(raw.call.clientPort);
    const ringing = await expectNext(raw, response(180, "INVITE"));
    expect(headerValues(ringing, "record-route")).toEqual(routes);
    const ok = await expectNext(raw, response(200, "INVITE"));
    expect(headerValues(ok, "record-route")).toEqual(routes);
    uac.send(ack(raw.call, toTag(ok)));
    const theirBye = await expectNext(raw, request("BYE"));
    expect(headerValues(theirBye, "route")).toEqual(routes);
    uac.send(okTo(theirBye));
    raw.end();

    await expectSippSucceeded(expect, callee, 4);
  }, 40_000);

  it("uas-default.xml: 487 to the INVITE's Vias whatever fate it drew", async (context) => {
    const { expect } = context;
    const { callee, uac } = await startSippRawRig(
      context,
      resolve("scenarios/sipp/uas-default.xml"),
      10,
    );
    const calls = 10;
    await Promise.all(
      Array.from({ length: calls }, (_, i) => cancelledThroughProxy(expect, uac, `06${i}`, false)),
    );
    await expectSippSucceeded(expect, callee, calls);
  }, 40_000);
});
