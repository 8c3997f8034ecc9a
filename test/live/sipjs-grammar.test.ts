import { createRequire } from "node:module";
import SIP from "sipjs-udp";
import { describe, expect, it } from "vitest";
import { parseCommonShapes } from "../../src/live/sipjs-grammar.js";

/**
 * The adapter's fast paths for sipjs-udp's header grammar against the package's own generated
 * parser: wherever a fast path answers, it must build what the grammar builds (same URI and
 * name-address objects, same numbers and strings), and typical traffic must take it.
 */

type Grammar = { parse(input: string, options: Record<string, unknown>): unknown };
const generated = createRequire(import.meta.url)(
  "sipjs-udp/src/Grammar/dist/Grammar.js",
) as Grammar;

function byTheGrammar(input: string, startRule: string): unknown {
  const options: Record<string, unknown> = { startRule, SIP };
  try {
    generated.parse(input, options);
  } catch {
    return -1;
  }
  return options.data;
}

/** Plain data for comparison: URIs and name-addresses keep their accessor fields. */
function plain(value: unknown): unknown {
  if (value instanceof SIP.URI) {
    const uri = value as unknown as Record<string, unknown>;
    return {
      uri: String(value),
      scheme: uri.scheme,
      user: uri.user,
      host: uri.host,
      port: uri.port,
      aor: uri.aor,
      parameters: uri.parameters,
      headers: uri.headers,
    };
  }
  if (value instanceof SIP.NameAddrHeader) {
    const header = value as unknown as Record<string, unknown>;
    return {
      nameAddr: plain(header.uri),
      displayName: header.displayName,
      friendlyName: header.friendlyName,
      parameters: header.parameters,
    };
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Header values as SIPp, the built-in endpoint and the package itself write them. */
const TRAFFIC: readonly [string, string][] = [
  ["Request_Response", "SIP/2.0 100 Trying"],
  ["Request_Response", "SIP/2.0 180 Ringing"],
  ["Request_Response", "SIP/2.0 200 OK"],
  ["Request_Response", "SIP/2.0 404 Not Found"],
  ["Request_Response", "SIP/2.0 480 Temporarily Unavailable"],
  ["Request_Response", "SIP/2.0 481 Call/Transaction Does Not Exist"],
  ["Request_Response", "SIP/2.0 486 Busy Here"],
  ["Request_Response", "SIP/2.0 487 Request Terminated"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:56553;branch=z9hG4bK-pl-dedc4d14b201-1"],
  ["Via", "SIP/2.0/UDP 10.20.30.40:5060;branch=z9hG4bK-pl-0a1b2c3d4e5f-zz"],
  ["From", "<sip:pacelab@127.0.0.1:56553>;tag=h6migm2ms9"],
  ["To", "<sip:401@127.0.0.1:53697>"],
  ["To", "<sip:401@127.0.0.1:53697>;tag=18196SIPpTag011"],
  ["To", "<sip:10000042@192.168.1.250:5060>;tag=ep-1f-3"],
  ["Name_Addr_Header", "<sip:pacelab@127.0.0.1:56553>"],
  ["Name_Addr_Header", "<sip:pacelab@127.0.0.1:56553>;tag=keoj968gjm"],
  ["SIP_URI", "sip:401@127.0.0.1:53697"],
  ["SIP_URI", "sip:pacelab@127.0.0.1:56553"],
  ["Call_ID", "pl-dedc4d14b201-0"],
  ["Call_ID", "a84b4c76e66710@pc33.atlanta.com"],
  ["CSeq", "8538 INVITE"],
  ["CSeq", "1 BYE"],
  ["CSeq", "8539 CANCEL"],
  ["Content_Length", "0"],
  ["Content_Length", "136"],
  ["Max_Forwards", "70"],
  ["Contact", "<sip:127.0.0.1:53697;transport=UDP>"],
  ["Contact", "<sip:pacelab@127.0.0.1:51586;transport=udp;ob>"],
  ["Contact", "<sip:pacelab@127.0.0.1:5060>"],
  ["Content_Type", "application/sdp"],
];

/** Spellings the fast paths must leave to the grammar or agree with it on. */
const ODD: readonly [string, string][] = [
  ["Request_Response", "sip/2.0 200 OK"],
  ["Request_Response", "SIP/2.0 200"],
  ["Request_Response", "SIP/2.0 2000 OK"],
  ["Request_Response", "SIP/2.0 200 Ok%20then"],
  ["Request_Response", "BYE sip:127.0.0.1:5060;transport=udp SIP/2.0"],
  ["Via", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;rport"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:5060;received=1.2.3.4;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 256.0.0.1:5060;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 01.0.0.1:5060;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP host.example.com:5060;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:123456;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:5060 ;branch=z9hG4bK-1"],
  ["Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=a,SIP/2.0/UDP 127.0.0.2:5060;branch=b"],
  ["From", '"Alice" <sip:alice@127.0.0.1:5060>;tag=1'],
  ["From", "sip:alice@127.0.0.1:5060;tag=1"],
  ["From", "<sip:alice@127.0.0.1:5060>;TAG=1"],
  ["From", "<sip:alice@127.0.0.1:5060>;tag=1;x=y"],
  ["From", "<SIP:alice@127.0.0.1:5060>;tag=1"],
  ["From", "<sip:al%41ce@127.0.0.1:5060>;tag=1"],
  ["From", "<sip:alice:secret@127.0.0.1:5060>;tag=1"],
  ["To", "<sip:bob@example.com>"],
  ["To", "<sip:bob@[::1]:5060>"],
  ["To", "<sip:bob@127.0.0.1>"],
  ["To", "<sip:127.0.0.1:5060>"],
  ["To", "<sip:bob@127.0.0.1:5060;lr>"],
  ["To", "<sip:bob@127.0.0.1:5060;lrx>"],
  ["To", "<sip:bob@127.0.0.1:5060;transport=udpx>"],
  ["To", "<sip:bob@127.0.0.1:5060;transport=TLS;ob>"],
  ["To", "<sip:bob@127.0.0.1:5060;user=phone>"],
  ["To", "<sip:bob@127.0.0.1:5060?subject=x>"],
  ["To", "<sip:bob@127.0.0.1:5060>;tag="],
  ["Name_Addr_Header", "<sip:pacelab@127.0.0.1:5060>;foo=bar"],
  ["SIP_URI", "sip:401@127.0.0.1:53697;transport=udp"],
  ["SIP_URI", "sips:401@127.0.0.1:53697"],
  ["SIP_URI", "sip:401@127.0.0.1:"],
  ["Call_ID", "abc@def@ghi"],
  ["Call_ID", "abc def"],
  ["Call_ID", "<abc>"],
  ["CSeq", "1 INVITEX"],
  ["CSeq", "1 invite"],
  ["CSeq", "1  INVITE"],
  ["CSeq", "1 PRACK"],
  ["CSeq", "1 FOO"],
  ["CSeq", "99999999999999999999 INVITE"],
  ["Content_Length", ""],
  ["Content_Length", " 12"],
  ["Content_Length", "00012"],
  ["Content_Length", "123456789012345678901234567890"],
  ["Max_Forwards", "7O"],
  ["Contact", "*"],
  ["Contact", "<sip:a@127.0.0.1:5060>;expires=60"],
  ["Contact", "<sip:a@127.0.0.1:5060>, <sip:b@127.0.0.1:5061>"],
  ["Contact", "<sip:a@127.0.0.1:5060>;tag=x"],
  ["Content_Type", "application/SDP"],
  ["Content_Type", "applicationx/sdp"],
  ["Content_Type", "application/sdp;charset=utf-8"],
];

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const MUTATION_CHARACTERS = "<>;:=@.,/ \t0129aAzZ-_%\"[]?&+*~'!`";

function mutate(input: string, next: () => number): string {
  const chars = [...input];
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (chars.length + 1));
    const char = MUTATION_CHARACTERS[Math.floor(next() * MUTATION_CHARACTERS.length)] ?? "x";
    const kind = next();
    if (kind < 0.33) chars.splice(at, 1);
    else if (kind < 0.66) chars.splice(at, 0, char);
    else chars[Math.min(at, chars.length - 1)] = char;
  }
  return chars.join("");
}

describe("the adapter's fast paths for sipjs-udp's grammar", () => {
  it("build objects that the package's own code accepts and changes as its own", () => {
    const header = parseCommonShapes(SIP, "<sip:Bob@127.0.0.1:5060;transport=UDP>;tag=7", "To");
    expect(header).toBeInstanceOf(SIP.NameAddrHeader);
    const uri = (header as { uri: Record<string, unknown> & { toString(): string } }).uri;
    expect(uri).toBeInstanceOf(SIP.URI);
    expect(Object.keys(uri)).toEqual(["parameters", "headers"]);
    uri.host = "EXAMPLE.com";
    uri.port = "5070";
    expect(String(uri)).toBe("sip:Bob@example.com:5070;transport=udp");
    expect(String(header)).toBe("<sip:Bob@example.com:5070;transport=udp>;tag=7");
  });

  it("take every header value of typical traffic", () => {
    const missed = TRAFFIC.filter(
      ([rule, input]) => parseCommonShapes(SIP, input, rule) === undefined,
    );
    expect(missed).toEqual([]);
  });

  it("build what the generated grammar builds, on typical and odd spellings", () => {
    for (const [rule, input] of [...TRAFFIC, ...ODD]) {
      const fast = parseCommonShapes(SIP, input, rule);
      if (fast === undefined) continue;
      expect(plain(fast), `${rule}: ${input}`).toEqual(plain(byTheGrammar(input, rule)));
    }
  });

  it("agree with the grammar on 20,000 random mutations of those values", () => {
    const next = random(6);
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const [rule, value] = TRAFFIC[Math.floor(next() * TRAFFIC.length)] ?? ["Via", ""];
      const input = mutate(value, next);
      const fast = parseCommonShapes(SIP, input, rule);
      if (fast === undefined) continue;
      compared++;
      expect(plain(fast), `${rule}: ${JSON.stringify(input)}`).toEqual(
        plain(byTheGrammar(input, rule)),
      );
    }
    expect(compared).toBeGreaterThan(1_000); // the mutations do reach the fast paths
  });
});
