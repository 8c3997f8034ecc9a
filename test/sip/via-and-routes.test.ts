import { describe, expect, it } from "vitest";
import { headerValues, type SipRequest } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";
import { firstHop, recordRouteHeaders, uasRouteSet } from "../../src/sip/route-set.js";
import { sipUriHostPort } from "../../src/sip/uri.js";
import { isWellFormedVia } from "../../src/sip/via.js";

function request(lines: readonly string[]): SipRequest {
  const parsed = parseSipMessage(Buffer.from(`${lines.join("\r\n")}\r\n\r\n`));
  if (!parsed.ok || parsed.message.kind !== "request") throw new Error("not a request");
  return parsed.message;
}

const HEAD = [
  "INVITE sip:1@127.0.0.1 SIP/2.0",
  "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1",
  "From: <sip:a@b>;tag=1",
  "To: <sip:1@127.0.0.1>",
  "Call-ID: c",
  "CSeq: 1 INVITE",
];

describe("Via values", () => {
  it.each([
    "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport",
    "SIP/2.0/UDP proxy.example.net;branch=z9hG4bK1;received=10.0.0.1",
    "SIP / 2.0 / TCP [2001:db8::1]:5061;branch=z9hG4bK1",
    "sip/2.0/udp host-1 ; branch = z9hG4bK1",
    'SIP/2.0/UDP 10.0.0.1;comment="a quoted value"',
  ])("accepts %j", (via) => expect(isWellFormedVia(via)).toBe(true));

  it.each([
    "",
    "garbage",
    "SIP/2.0/UDP",
    "SIP/2.0/UDP ;branch=z9hG4bK1",
    "SIP/2.0/UDP :5060",
    "SIP/2.0/UDP 127.0.0.1:0",
    "SIP/2.0/UDP 127.0.0.1:65536",
    "SIP/2.0/UDP -bad-.example",
    "SIP/2.0 127.0.0.1",
    "SIP/2.0/UDP 127.0.0.1;=x",
    "SIP/2.0/UDP 127.0.0.1 junk",
  ])("rejects %j", (via) => expect(isWellFormedVia(via)).toBe(false));
});

describe("route sets", () => {
  it("takes Record-Route values in order, split on commas outside <uri> and quotes", () => {
    const invite = request([
      ...HEAD,
      'Record-Route: <sip:p1.example;lr;x=a,b>, "Edge, Inc" <sip:p2.example:5070;lr>',
      "Record-Route: <sip:10.0.0.3;lr>",
    ]);
    const routes = [
      "<sip:p1.example;lr;x=a,b>",
      '"Edge, Inc" <sip:p2.example:5070;lr>',
      "<sip:10.0.0.3;lr>",
    ];
    expect(uasRouteSet(invite)).toEqual(routes);
    expect(recordRouteHeaders(invite).map((h) => h.value)).toEqual(routes);
    expect(headerValues(invite, "record-route")).toEqual(routes);
    expect(firstHop(routes)).toEqual({ host: "p1.example", port: 5060 });
    expect(firstHop(routes.slice(1))).toEqual({ host: "p2.example", port: 5070 });
    expect(firstHop([])).toBeNull();
  });

  it("reads a SIP URI's host and port", () => {
    expect(sipUriHostPort("sip:127.0.0.1:5080;lr;ftag=1")).toEqual({
      host: "127.0.0.1",
      port: 5080,
    });
    expect(sipUriHostPort("sip:user@[::1]:5062")).toEqual({ host: "::1", port: 5062 });
    expect(sipUriHostPort("sips:proxy.example?foo=bar")).toEqual({
      host: "proxy.example",
      port: 5060,
    });
    expect(sipUriHostPort("tel:+390612345678")).toBeNull();
    expect(sipUriHostPort("sip:host:70000")).toBeNull();
  });
});
