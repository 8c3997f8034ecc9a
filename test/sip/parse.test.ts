import { describe, expect, it } from "vitest";
import { buildResponse } from "../../src/sip/build-response.js";
import { headerParam, headerUri, uriUser } from "../../src/sip/header-params.js";
import { headerValue, headerValues, type SipRequest } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";
import { serialiseSipMessage } from "../../src/sip/serialise.js";

const INVITE = [
  "INVITE sip:0612345678@127.0.0.1:5060 SIP/2.0",
  "Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;rport",
  "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK0",
  'From: "Dialer, Inc" <sip:dialer@10.0.0.1>;tag=abc',
  "To: <sip:0612345678@127.0.0.1>",
  "Call-ID: call-1@10.0.0.1",
  "CSeq: 7 INVITE",
  "Content-Type: application/sdp",
  "Content-Length: 4",
  "",
  "v=0\r\nextra bytes past the length",
].join("\r\n");

function parseText(text: string) {
  return parseSipMessage(Buffer.from(text, "utf8"));
}

function request(text: string): SipRequest {
  const result = parseText(text);
  if (!result.ok) throw new Error(result.error);
  if (result.message.kind !== "request") throw new Error("not a request");
  return result.message;
}

describe("parseSipMessage", () => {
  it("reads the request line, headers in order and exactly Content-Length bytes of body", () => {
    const invite = request(INVITE);
    expect(invite.method).toBe("INVITE");
    expect(invite.uri).toBe("sip:0612345678@127.0.0.1:5060");
    expect(headerValues(invite, "via")).toHaveLength(2);
    expect(headerValue(invite, "CALL-ID")).toBe("call-1@10.0.0.1");
    expect(invite.body).toBe("v=0\r");
    expect(uriUser(invite.uri)).toBe("0612345678");
  });

  it("accepts compact header names, LF line ends, folded lines and odd spacing", () => {
    const text = [
      "BYE sip:x@h SIP/2.0",
      "v:SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKa, SIP/2.0/UDP 5.6.7.8;branch=z9hG4bKb",
      "f :  <sip:a@h>;tag=1",
      "t:\t<sip:b@h>",
      "  ;tag=2",
      "i: compact@h",
      "CSeq:   2   BYE",
      "l: 0",
      "",
      "",
    ].join("\n");
    const bye = request(text);
    expect(headerValues(bye, "Via")).toEqual([
      "SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKa",
      "SIP/2.0/UDP 5.6.7.8;branch=z9hG4bKb",
    ]);
    expect(headerParam(headerValue(bye, "to") ?? "", "tag")).toBe("2");
    expect(headerValue(bye, "call-id")).toBe("compact@h");
  });

  it("reads a response's status and reason", () => {
    const result = parseText(
      "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: r\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
    );
    expect(result.ok && result.message.kind === "response" && result.message.status).toBe(486);
    expect(result.ok && result.message.kind === "response" && result.message.reason).toBe(
      "Busy Here",
    );
  });

  it.each([
    ["a Content-Length longer than the body", INVITE.replace("Length: 4", "Length: 400")],
    ["a non-numeric Content-Length", INVITE.replace("Length: 4", "Length: four")],
    ["a negative Content-Length", INVITE.replace("Length: 4", "Length: -1")],
    [
      "two different Content-Lengths",
      INVITE.replace("Content-Length: 4", "Content-Length: 4\r\nl: 5"),
    ],
    ["no blank line", "INVITE sip:a@h SIP/2.0\r\nVia: x"],
    ["a missing Call-ID", INVITE.replace("Call-ID: call-1@10.0.0.1\r\n", "")],
    ["a CSeq for another method", INVITE.replace("7 INVITE", "7 BYE")],
    ["a bad start line", INVITE.replace("SIP/2.0\r\nVia", "HTTP/1.1\r\nVia")],
    ["a folded first header", INVITE.replace("Via: SIP", " Via: SIP")],
    ["a header without a colon", INVITE.replace("CSeq: 7", "CSeq 7")],
    ["garbage", "\u0000\u0001\u0002\r\n\r\n"],
  ])("returns an error, never throws, for %s", (_what, text) => {
    const result = parseText(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.length).toBeGreaterThan(0);
  });
});

describe("buildResponse and serialiseSipMessage", () => {
  it("copies Via, From, To, Call-ID and CSeq, tags To, and round-trips through the parser", () => {
    const invite = request(INVITE);
    const response = buildResponse(invite, 200, {
      toTag: "t1",
      headers: [{ name: "Content-Type", value: "application/sdp" }],
      body: "v=0\r\n",
    });
    const wire = serialiseSipMessage(response);
    expect(wire.toString().startsWith("SIP/2.0 200 OK\r\n")).toBe(true);
    const back = parseSipMessage(wire);
    if (!back.ok) throw new Error(back.error);
    expect(headerValues(back.message, "via")).toEqual(headerValues(invite, "via"));
    expect(headerValue(back.message, "to")).toBe("<sip:0612345678@127.0.0.1>;tag=t1");
    expect(headerValue(back.message, "from")).toBe(headerValue(invite, "from"));
    expect(headerValue(back.message, "cseq")).toBe("7 INVITE");
    expect(headerValue(back.message, "content-length")).toBe("5");
    expect(back.message.body).toBe("v=0\r\n");
  });

  it("keeps an existing To tag and leaves 100 Trying untagged", () => {
    const tagged = request(
      INVITE.replace("To: <sip:0612345678@127.0.0.1>", "To: <sip:x@h>;tag=old"),
    );
    expect(headerValue(buildResponse(tagged, 200, { toTag: "new" }), "to")).toBe(
      "<sip:x@h>;tag=old",
    );
    expect(headerValue(buildResponse(request(INVITE), 100), "to")).toBe(
      "<sip:0612345678@127.0.0.1>",
    );
  });

  it("reads URIs and parameters of name-addr values", () => {
    expect(headerUri('"A;b" <sip:a@h:5060;transport=udp>;tag=9')).toBe(
      "sip:a@h:5060;transport=udp",
    );
    expect(headerParam('"A;b" <sip:a@h;tag=no>;tag=9', "tag")).toBe("9");
    expect(headerUri("sip:a@h;tag=1")).toBe("sip:a@h");
  });
});
